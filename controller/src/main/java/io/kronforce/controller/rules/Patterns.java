package io.kronforce.controller.rules;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Regular expressions as output rules use them. Upstream writes rules for Rust's regex crate, so
 * its {@code (?P<name>…)} named groups are accepted as Java's {@code (?<name>…)}; every match is
 * bounded by {@link BoundedText} (work and the run's deadline). Java's engine recurses once per
 * repetition of some groups ({@code (a|aa)*} over long output), so a match can also overflow the
 * stack: that is a {@link RuleError}, which fails the run, never an error that escapes the finish.
 * Stateless and thread-safe.
 */
final class Patterns {
    /** Upstream's limit on an extraction pattern. */
    static final int MAX_PATTERN_CHARS = 1024;

    private static final Logger LOG = Logger.getLogger(Patterns.class.getName());
    private static final Pattern RUST_NAMED_GROUP = Pattern.compile("(?<!\\\\)\\(\\?P<");

    private Patterns() {}

    /**
     * Compiles a rule pattern.
     *
     * @throws PatternSyntaxException when it is not a regular expression
     */
    static Pattern compile(String pattern) {
        return Pattern.compile(RUST_NAMED_GROUP.matcher(pattern).replaceAll("(?<"));
    }

    /**
     * The value of the first match: the first named group (by position) that took part, else
     * group 1 if it took part, else the whole match. Empty when nothing matches.
     */
    static Optional<String> firstValue(Pattern pattern, String text, RuleDeadline deadline) {
        Matcher m = pattern.matcher(BoundedText.of(text, deadline));
        if (!find(m, pattern.pattern(), text)) {
            return Optional.empty();
        }
        Optional<String> named = pattern.namedGroups().entrySet().stream()
                .sorted(Comparator.comparing(Map.Entry::getValue))
                .map(g -> m.group(g.getValue()))
                .filter(v -> v != null)
                .findFirst();
        if (named.isPresent()) {
            return named;
        }
        return Optional.of(m.groupCount() >= 1 && m.group(1) != null ? m.group(1) : m.group());
    }

    /**
     * Whether the pattern occurs in the text. A pattern that is not a valid regular expression is
     * looked for as plain text, as upstream does for assertions and triggers.
     */
    static boolean occursIn(String pattern, String text, RuleDeadline deadline) {
        Pattern compiled;
        try {
            compiled = compile(pattern);
        } catch (PatternSyntaxException e) {
            return text.contains(pattern);
        }
        return find(compiled.matcher(BoundedText.of(text, deadline)), pattern, text);
    }

    /**
     * The matcher's next match; false when there is none or the pattern spent its work budget.
     *
     * @throws RuleDeadline.Passed when the run's deadline passed while matching
     * @throws RuleError when matching overflowed the stack
     */
    private static boolean find(Matcher m, String pattern, String text) {
        try {
            return m.find();
        } catch (BoundedText.Exhausted e) {
            LOG.warning("output rule pattern gave up after its work budget: " + pattern);
            return false;
        } catch (StackOverflowError e) {
            // Caught here, where the stack has unwound to a few frames, and turned into the run's failure.
            throw new RuleError("output rule pattern '" + pattern + "' overflowed the stack while matching "
                    + text.length() + " characters of output; the rules were not applied");
        }
    }
}
