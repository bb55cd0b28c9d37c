package io.kronforce.controller.main;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.JsonMapping;
import io.kronforce.controller.domain.RunLogRecord;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * {@code KRONFORCE_LOG_FORMAT=json}: one JSON object per line — {@code timestamp} (ISO-8601, UTC),
 * {@code level} (upstream's names: ERROR, WARN, INFO, DEBUG, TRACE), {@code logger}, {@code message},
 * {@code thrown} (the stack trace, when there is one) and {@code execution_id} / {@code job_id}
 * when the line is about a run ({@link RunLogRecord}). Newlines inside a message or a stack trace
 * are escaped, so a line is always a whole record. Secrets are kept out of log messages where they
 * are written; this format prints nothing a text line would not.
 */
public final class JsonLogFormat extends Formatter {
    @Override
    public String format(LogRecord r) {
        ObjectNode line = JsonMapping.MAPPER
                .createObjectNode()
                .put("timestamp", r.getInstant().toString())
                .put("level", level(r.getLevel()))
                .put("logger", r.getLoggerName())
                .put("message", formatMessage(r));
        if (r instanceof RunLogRecord run) {
            putIfKnown(line, "execution_id", run.executionId());
            putIfKnown(line, "job_id", run.jobId());
        }
        if (r.getThrown() != null) {
            StringWriter trace = new StringWriter();
            r.getThrown().printStackTrace(new PrintWriter(trace));
            line.put("thrown", trace.toString());
        }
        try {
            return JsonMapping.MAPPER.writeValueAsString(line) + "\n";
        } catch (JsonProcessingException e) {
            // A tree of strings always serialises; never lose the line for all that.
            return "{\"level\":\"ERROR\",\"message\":\"unformattable log record\"}\n";
        }
    }

    private static void putIfKnown(ObjectNode line, String name, String value) {
        if (value != null) {
            line.put(name, value);
        }
    }

    static String level(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "ERROR";
        }
        if (v >= Level.WARNING.intValue()) {
            return "WARN";
        }
        if (v >= Level.INFO.intValue()) {
            return "INFO";
        }
        return v >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
    }
}
