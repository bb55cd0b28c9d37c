package io.kronforce.controller.main;

import io.kronforce.controller.main.ControllerSettings.LogFormat;
import java.io.PrintStream;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Where log lines go and in which shape ({@code KRONFORCE_LOG_FORMAT}): the JDK's console handler on
 * stderr, with its own text lines or {@link JsonLogFormat}. What the command line prints on stdout
 * (the listening line, keys shown once) takes the same shape, so with {@code json} every line the
 * process writes parses as JSON.
 */
final class Logs {
    private final LogFormat format;
    private final JsonLogFormat json = new JsonLogFormat();

    private Logs(LogFormat format) {
        this.format = format;
    }

    /** Applies {@code format} to the root logger's handlers (adding a console handler if it has none). */
    static Logs configure(LogFormat format) {
        Logs logs = new Logs(format);
        if (format == LogFormat.JSON) {
            Logger root = LogManager.getLogManager().getLogger("");
            if (root.getHandlers().length == 0) {
                root.addHandler(new ConsoleHandler());
            }
            for (Handler h : root.getHandlers()) {
                h.setFormatter(logs.json);
            }
        }
        return logs;
    }

    /**
     * A line for the person who started the controller, on {@code out} and never through a logger
     * (a key shown once must not reach a log handler): as it is, or as a JSON line at INFO.
     */
    void announce(PrintStream out, String text) {
        if (format == LogFormat.JSON) {
            LogRecord r = new LogRecord(Level.INFO, text);
            r.setLoggerName(ControllerMain.class.getName());
            out.print(json.format(r));
        } else {
            out.println(text);
        }
        out.flush();
    }
}
