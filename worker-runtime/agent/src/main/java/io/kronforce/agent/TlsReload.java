package io.kronforce.agent;

import io.helidon.webserver.WebServer;
import io.kronforce.worker.tls.ServerFiles;
import io.kronforce.worker.tls.ServerFilesWatch;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Looks at the agent's certificate files every {@code KRONFORCE_TLS_RELOAD_SECS} and hands the server
 * new material once the files changed and read cleanly; a bad file is logged and the current
 * certificate kept. One daemon thread until {@link #close()}.
 */
final class TlsReload implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(TlsReload.class.getName());

    private final Thread thread;

    TlsReload(WebServer server, ServerFiles files, Duration every) {
        ServerFilesWatch watch = new ServerFilesWatch(files, "KRONFORCE_TLS_CERT/KRONFORCE_TLS_KEY");
        thread = Thread.ofPlatform()
                .name("kronforce-agent-tls-reload")
                .daemon(true)
                .start(() -> {
                    while (pause(every)) {
                        try {
                            watch.changed().ifPresent(m -> {
                                server.reloadTls(AgentServer.helidonTls(m));
                                LOG.info("TLS reloaded: now serving certificate " + m.serial());
                            });
                        } catch (RuntimeException e) { // the loop outlives one bad reload
                            LOG.log(Level.WARNING, "TLS reload failed; keeping the current certificate", e);
                        }
                    }
                });
    }

    private static boolean pause(Duration every) {
        try {
            Thread.sleep(every);
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
