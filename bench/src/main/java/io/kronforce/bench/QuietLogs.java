package io.kronforce.bench;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The in-process servers of B7 (Kafka, S3Proxy, FtpServer, MINA SSHD) log through SLF4J to JUL at
 * INFO, hundreds of lines a start and a line a connection: keep their warnings, drop the rest, so
 * the driver's own notes stay readable.
 */
final class QuietLogs {

    /** Held so the levels stick: JUL keeps loggers only weakly. */
    private static final Logger[] QUIETED = {
        Logger.getLogger("org.apache.kafka"),
        Logger.getLogger("kafka"),
        Logger.getLogger("state.change.logger"),
        Logger.getLogger("org.gaul"),
        Logger.getLogger("org.jclouds"),
        Logger.getLogger("jclouds"),
        Logger.getLogger("org.eclipse.jetty"),
        Logger.getLogger("org.apache.mina")
    };

    /**
     * Warnings of every run, on both sides alike: MINA SSHD's server about each client that closes
     * its socket without a goodbye (SshClient.stop), FtpServer about each passive port it frees.
     * Only their errors are kept.
     */
    private static final Logger[] PER_RUN = {
        Logger.getLogger("org.apache.sshd"), Logger.getLogger("org.apache.ftpserver")
    };

    private QuietLogs() {}

    static void apply() {
        for (Logger logger : QUIETED) {
            logger.setLevel(Level.WARNING);
        }
        for (Logger logger : PER_RUN) {
            logger.setLevel(Level.SEVERE);
        }
    }
}
