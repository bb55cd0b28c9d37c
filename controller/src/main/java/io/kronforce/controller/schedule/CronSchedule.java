package io.kronforce.controller.schedule;

import com.cronutils.model.Cron;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Cron expressions in two forms, told apart by field count:
 * <ul>
 *   <li><b>6 fields</b> {@code sec min hour dom month dow}: upstream's dialect, read exactly as
 *       upstream reads it (dow 0–6, 0 = Sunday; 7 is refused);</li>
 *   <li><b>5 fields</b> {@code min hour dom month dow}: Unix cron, seconds = 0, dow 0–7 with both
 *       0 and 7 = Sunday.</li>
 * </ul>
 * Both forms also take Quartz's extensions, always in the form's own day numbering (so
 * {@code 5#3} is the third Friday in either): names ({@code MON}, {@code JAN}, any case),
 * {@code ?} in one day field ("no restriction from this field"), {@code L}, {@code L-n},
 * {@code nW} and {@code LW} in day-of-month, {@code nL} and {@code n#k} (k 1–5) in day-of-week.
 * An extension stands alone in its field (no lists such as {@code L,15}: cron-utils drops the
 * {@code L}). When both day fields are restricted a day matches if either does (POSIX, upstream);
 * {@code ?} is how to say "only the other field". Immutable; the zone is explicit (upstream
 * evaluates in UTC).
 */
public final class CronSchedule implements FireTimes {
    private static final CronParser UPSTREAM = new CronParser(definition(6));
    private static final CronParser UNIX = new CronParser(definition(7));
    private static final String VALUE = "(\\d{1,2}|[A-Z]{3})";
    private static final String ITEM = "(\\*|" + VALUE + "(-" + VALUE + ")?)(/\\d{1,3})?";
    private static final String LIST = ITEM + "(," + ITEM + ")*";
    private static final Pattern PLAIN = Pattern.compile(LIST);
    private static final Pattern DAY_OF_MONTH = Pattern.compile(LIST + "|\\?|L(-\\d{1,2})?|LW|\\d{1,2}W");
    private static final Pattern DAY_OF_WEEK = Pattern.compile(LIST + "|\\?|" + VALUE + "(L|#[1-5])");
    public static final int MAX_LENGTH = 200;
    private static final int MAX_CACHED = 10_000;
    private static final java.util.Map<String, ExecutionTime> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

    private final String expression;
    private final ExecutionTime executionTime;
    private final ZoneId zone;

    private CronSchedule(String expression, ExecutionTime executionTime, ZoneId zone) {
        this.expression = expression;
        this.executionTime = executionTime;
        this.zone = zone;
    }

    /** Seconds first; dow 0–{@code maxDayOfWeek} with 0 = Sunday (and 7 = Sunday when allowed). */
    private static CronDefinition definition(int maxDayOfWeek) {
        var dayOfWeek = CronDefinitionBuilder.defineCron()
                .withSeconds()
                .withValidRange(0, 59)
                .withStrictRange()
                .and()
                .withMinutes()
                .withValidRange(0, 59)
                .withStrictRange()
                .and()
                .withHours()
                .withValidRange(0, 23)
                .withStrictRange()
                .and()
                .withDayOfMonth()
                .withValidRange(1, 31)
                .supportsL()
                .supportsW()
                .supportsLW()
                .withStrictRange()
                .and()
                .withMonth()
                .withValidRange(1, 12)
                .withStrictRange()
                .and()
                .withDayOfWeek()
                .withValidRange(0, maxDayOfWeek)
                .withMondayDoWValue(1)
                .supportsL()
                .supportsHash();
        if (maxDayOfWeek == 7) {
            dayOfWeek.withIntMapping(7, 0);
        }
        // No question mark in the definition: with it cron-utils ANDs the two day fields (Quartz);
        // `?` is rewritten to `*` below, which means the same and keeps upstream's OR otherwise.
        return dayOfWeek.withStrictRange().and().instance();
    }

    /**
     * Parses an expression.
     *
     * @throws IllegalArgumentException with a message fit for the API caller
     */
    public static CronSchedule parse(String expression, ZoneId zone) {
        if (expression == null || expression.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("cron expression must be at most " + MAX_LENGTH + " characters");
        }
        String[] fields = expression.trim().toUpperCase(java.util.Locale.ROOT).split("\\s+");
        if (fields.length != 6 && fields.length != 5) {
            throw new IllegalArgumentException("cron expression must have 6 fields (sec min hour dom month dow)"
                    + " or 5 (min hour dom month dow), got " + fields.length + ": '" + expression + "'");
        }
        boolean unix = fields.length == 5;
        String[] six = unix ? prepend("0", fields) : fields;
        for (int i = 0; i < six.length; i++) {
            Pattern grammar = i == 3 ? DAY_OF_MONTH : i == 5 ? DAY_OF_WEEK : PLAIN;
            if (!grammar.matcher(six[i]).matches()) {
                throw new IllegalArgumentException("invalid cron field '" + six[i] + "' in '" + expression + "'");
            }
        }
        if (six[3].equals("?") && six[5].equals("?")) {
            throw new IllegalArgumentException("'?' may stand in only one of the day fields in '" + expression + "'");
        }
        six[3] = six[3].equals("?") ? "*" : six[3];
        six[5] = six[5].equals("?") ? "*" : six[5];
        return new CronSchedule(expression, executionTime(unix, String.join(" ", six), expression), zone);
    }

    private static String[] prepend(String first, String[] rest) {
        String[] out = new String[rest.length + 1];
        out[0] = first;
        System.arraycopy(rest, 0, out, 1, rest.length);
        return out;
    }

    // Parsing runs cron-utils' validation regexes and costs far more than computing a fire time;
    // job responses and the scheduler ask for the same few expressions over and over.
    private static ExecutionTime executionTime(boolean unix, String normalized, String original) {
        String key = (unix ? "unix:" : "upstream:") + normalized;
        ExecutionTime cached = PARSED.get(key);
        if (cached != null) {
            return cached;
        }
        try {
            Cron cron = (unix ? UNIX : UPSTREAM).parse(normalized);
            cron.validate();
            ExecutionTime parsed = ExecutionTime.forCron(cron);
            if (PARSED.size() >= MAX_CACHED) {
                PARSED.clear();
            }
            PARSED.put(key, parsed);
            return parsed;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid cron expression '" + original + "': " + e.getMessage());
        }
    }

    /** The first fire time strictly after {@code after}; empty when none within cron-utils' horizon. */
    @Override
    public Optional<Instant> nextAfter(Instant after) {
        // cron-utils keeps the fraction of a second when the seconds field is * (12:00:00.5 gives
        // 12:00:01.5); from the whole second the next match is still strictly after `after`.
        ZonedDateTime from = ZonedDateTime.ofInstant(after.truncatedTo(ChronoUnit.SECONDS), zone);
        return executionTime.nextExecution(from).map(ZonedDateTime::toInstant);
    }

    /**
     * The first fire strictly after {@code after} as if the schedule had been stepping all along;
     * differs from {@link #nextAfter} only inside a fall-back overlap. Stepping from the previous
     * fire, cron-utils fires a fixed local time once (its first, daylight copy); started between
     * the two copies it would return the second one. A re-plan (job edit) there must not fire the
     * same wall-clock time twice, so the candidate is kept only if stepping from its twin reaches it.
     */
    @Override
    public Optional<Instant> firstAfter(Instant after) {
        Optional<Instant> candidate = nextAfter(after);
        if (candidate.isEmpty() || !isSecondCopy(candidate.get())) {
            return candidate;
        }
        Instant twin = candidate.get().minus(java.time.Duration.ofHours(1));
        Instant t = twin;
        for (int i = 0; i < 3_601 && t.isBefore(candidate.get()); i++) {
            t = nextAfter(t).orElse(candidate.get().plusSeconds(1));
        }
        return t.equals(candidate.get()) ? candidate : nextAfter(candidate.get());
    }

    private boolean isSecondCopy(Instant at) {
        var rules = zone.getRules();
        var local = java.time.LocalDateTime.ofInstant(at, zone);
        var offsets = rules.getValidOffsets(local);
        return offsets.size() == 2
                && offsets.get(1).equals(rules.getOffset(at))
                && !offsets.get(0).equals(offsets.get(1));
    }

    /** The last fire at or before {@code at}; empty when none within cron-utils' horizon. */
    @Override
    public Optional<Instant> latestAtOrBefore(Instant at) {
        ZonedDateTime from =
                ZonedDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1), zone);
        return executionTime.lastExecution(from).map(ZonedDateTime::toInstant);
    }

    public String expression() {
        return expression;
    }
}
