package io.kronforce.worker.tls;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * Notices when a server's PEM files change and hands back the new material once it reads and checks
 * cleanly. A file that is missing, half-written or mismatched is logged once (per distinct content)
 * and nothing is returned, so the server keeps the material it has; the next change is tried again.
 * Not thread-safe: one loop calls it.
 */
public final class ServerFilesWatch {
    private static final Logger LOG = Logger.getLogger(ServerFilesWatch.class.getName());

    private final ServerFiles files;
    private final String variables;
    private String applied;
    private String seen;

    /**
     * @param files the files the server's current material came from
     * @param variables the settings that name them, for log lines (e.g. {@code KRONFORCE_TLS_CERT/KEY})
     */
    public ServerFilesWatch(ServerFiles files, String variables) {
        this.files = files;
        this.variables = variables;
        this.applied = digestOrNull();
        this.seen = applied;
    }

    /** The new material when the files changed since the last material handed out and now read cleanly. */
    public Optional<ServerMaterial> changed() {
        String now = digestOrNull();
        if (now == null || now.equals(applied) || now.equals(seen)) {
            return Optional.empty();
        }
        seen = now;
        try {
            ServerMaterial m = files.read();
            applied = now;
            return Optional.of(m);
        } catch (TlsSetupException e) {
            LOG.warning(variables + ": the changed files cannot be used, keeping the current certificate: "
                    + e.getMessage());
            return Optional.empty();
        }
    }

    private String digestOrNull() {
        try {
            return files.digest();
        } catch (TlsSetupException e) {
            if (seen != null && !"unreadable".equals(seen)) {
                LOG.warning(variables + ": keeping the current certificate: " + e.getMessage());
            }
            seen = "unreadable";
            return null;
        }
    }
}
