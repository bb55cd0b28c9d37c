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
 * Upstream's cron dialect: exactly six fields {@code sec min hour dom month dow}, dow 0–6 with
 * 0 = Sunday, numbers, {@code *}, lists, ranges and steps only (no names, {@code ?}, {@code L},
 * {@code W}, {@code #}). When both day fields are restricted a day matches if either does (POSIX).
 * Immutable; the zone is explicit (upstream evaluates in UTC).
 */
public final class CronSchedule implements FireTimes {
    private static final CronDefinition DEFINITION = CronDefinitionBuilder.defineCron()
            .withSeconds().withValidRange(0, 59).withStrictRange().and()
            .withMinutes().withValidRange(0, 59).withStrictRange().and()
            .withHours().withValidRange(0, 23).withStrictRange().and()
            .withDayOfMonth().withValidRange(1, 31).withStrictRange().and()
            .withMonth().withValidRange(1, 12).withStrictRange().and()
            .withDayOfWeek().withValidRange(0, 6).withMondayDoWValue(1).withStrictRange().and()
            .instance();
    private static final CronParser PARSER = new CronParser(DEFINITION);
    private static final String ITEM = "(\\*|\\d{1,2}(-\\d{1,2})?)(/\\d{1,3})?";
    private static final Pattern FIELD = Pattern.compile(ITEM + "(," + ITEM + ")*");
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

    /**
     * Parses an expression.
     *
     * @throws IllegalArgumentException with a message fit for the API caller
     */
    public static CronSchedule parse(String expression, ZoneId zone) {
        if (expression == null || expression.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("cron expression must be at most " + MAX_LENGTH + " characters");
        }
        String[] fields = expression.trim().split("\\s+");
        if (fields.length != 6) {
            throw new IllegalArgumentException("cron expression must have 6 fields (sec min hour dom month dow), got "
                    + fields.length + ": '" + expression + "'");
        }
        for (String field : fields) {
            if (!FIELD.matcher(field).matches()) {
                throw new IllegalArgumentException("invalid cron field '" + field + "' in '" + expression + "'");
            }
        }
        return new CronSchedule(expression, executionTime(String.join(" ", fields), expression), zone);
    }

    // Parsing runs cron-utils' validation regexes and costs far more than computing a fire time;
    // job responses and the scheduler ask for the same few expressions over and over.
    private static ExecutionTime executionTime(String normalized, String original) {
        ExecutionTime cached = PARSED.get(normalized);
        if (cached != null) {
            return cached;
        }
        try {
            Cron cron = PARSER.parse(normalized);
            cron.validate();
            ExecutionTime parsed = ExecutionTime.forCron(cron);
            if (PARSED.size() >= MAX_CACHED) {
                PARSED.clear();
            }
            PARSED.put(normalized, parsed);
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
        return offsets.size() == 2 && offsets.get(1).equals(rules.getOffset(at))
                && !offsets.get(0).equals(offsets.get(1));
    }

    /** The last fire at or before {@code at}; empty when none within cron-utils' horizon. */
    @Override
    public Optional<Instant> latestAtOrBefore(Instant at) {
        ZonedDateTime from = ZonedDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1), zone);
        return executionTime.lastExecution(from).map(ZonedDateTime::toInstant);
    }

    public String expression() {
        return expression;
    }
}
