package io.kronforce.controller.domain;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A log record about one execution or job: it carries their ids, so a structured log format
 * ({@code KRONFORCE_LOG_FORMAT=json}) prints them as fields of their own. The text format reads it
 * as any record (the ids are in the message, as before). A record is built only when its level is
 * logged, so a line that is not logged costs what any other does.
 */
public final class RunLogRecord extends LogRecord {
    private static final long serialVersionUID = 1L;

    private final String executionId;
    private final String jobId;

    private RunLogRecord(Level level, String message, String executionId, String jobId) {
        super(level, message);
        this.executionId = executionId;
        this.jobId = jobId;
    }

    /** The execution's id, or null when the line is about a job only. */
    public String executionId() {
        return executionId;
    }

    /** The job's id, or null when not known where the line is written. */
    public String jobId() {
        return jobId;
    }

    /** Logs {@code message} (and {@code thrown}, which may be null) with the ids; either id may be null. */
    public static void log(
            Logger logger, Level level, String message, String executionId, String jobId, Throwable thrown) {
        if (!logger.isLoggable(level)) {
            return;
        }
        RunLogRecord record = new RunLogRecord(level, message, executionId, jobId);
        record.setLoggerName(logger.getName());
        record.setThrown(thrown);
        logger.log(record);
    }
}
