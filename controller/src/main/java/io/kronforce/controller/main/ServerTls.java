package io.kronforce.controller.main;

import io.helidon.common.tls.Tls;
import io.helidon.common.tls.TlsClientAuth;
import io.helidon.webserver.WebServer;
import io.kronforce.controller.duty.Duty;
import io.kronforce.worker.tls.ServerFiles;
import io.kronforce.worker.tls.ServerFilesWatch;
import io.kronforce.worker.tls.ServerMaterial;
import java.time.Duration;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The controller listener's TLS (docs/reference/security.md#tls): built from the PEM material as
 * Helidon's own key and trust managers, not a finished {@code SSLContext}, because only those can be
 * swapped in a running server ({@link WebServer#reloadTls}). With {@code KRONFORCE_TLS_CLIENT_CA}
 * a client certificate is asked for but not required at the handshake, so a browser without one
 * still reaches the dashboard; one that is presented must chain to those CAs alone (not the JDK's),
 * and the agent routes refuse a connection that presented none.
 */
final class ServerTls {
    private static final Logger LOG = Logger.getLogger(ServerTls.class.getName());

    private ServerTls() {}

    static Tls of(ServerMaterial m) {
        return Tls.builder()
                .privateKey(m.key())
                .privateKeyCertChain(m.chain())
                .trust(m.clientCas())
                .clientAuth(m.clientCas().isEmpty() ? TlsClientAuth.NONE : TlsClientAuth.OPTIONAL)
                .build();
    }

    /**
     * A duty that looks at the files every {@code every} and, when they changed and read cleanly,
     * hands the server the new material: connections opened afterwards see it, open ones keep theirs.
     */
    static Duty reloader(WebServer server, ServerFiles files, Duration every) {
        ServerFilesWatch watch = new ServerFilesWatch(files, "KRONFORCE_TLS_CERT/KRONFORCE_TLS_KEY");
        Duty duty = Duty.every(
                "kronforce-tls-reload",
                every,
                Duty.Plan.standard().firstAfter(every).afterFailure(every),
                () -> reload(server, watch.changed()));
        duty.start();
        return duty;
    }

    private static void reload(WebServer server, Optional<ServerMaterial> changed) {
        changed.ifPresent(m -> {
            server.reloadTls(of(m));
            LOG.info("TLS reloaded: now serving certificate " + m.serial() + " ("
                    + m.chain().getFirst().getSubjectX500Principal().getName() + ")");
        });
    }
}
