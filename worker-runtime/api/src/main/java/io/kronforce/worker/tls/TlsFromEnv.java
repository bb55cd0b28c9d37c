package io.kronforce.worker.tls;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The one reading of the TLS variables, shared by the controller's and the agent's settings so both
 * refuse the same mistakes with the same words. Callers pass the variable names (they own them and
 * document them); every message starts with the variable at fault.
 */
public final class TlsFromEnv {
    private TlsFromEnv() {}

    /**
     * The server context when both variables are set; empty when neither is.
     *
     * @throws TlsSetupException when only one is set, or a file cannot be used
     */
    public static Optional<SSLContext> server(Map<String, String> env, String certVariable, String keyVariable) {
        Optional<Path> cert = path(env, certVariable);
        Optional<Path> key = path(env, keyVariable);
        if (cert.isEmpty() && key.isEmpty()) {
            return Optional.empty();
        }
        if (cert.isEmpty() || key.isEmpty()) {
            String missing = cert.isEmpty() ? certVariable : keyVariable;
            String set = cert.isEmpty() ? keyVariable : certVariable;
            throw new TlsSetupException(missing + " is not set but " + set + " is: set both (PEM certificate chain"
                    + " and private key) to serve https, or neither to serve plain http");
        }
        try {
            return Optional.of(TlsContexts.server(cert.get(), key.get()));
        } catch (TlsSetupException e) {
            throw new TlsSetupException(certVariable + "/" + keyVariable + ": " + e.getMessage());
        }
    }

    /**
     * The trust a client verifies peers with: the JDK's CAs, plus those in the variable's file when set.
     *
     * @throws TlsSetupException when the file cannot be used
     */
    public static SSLContext trust(Map<String, String> env, String caVariable) {
        try {
            return TlsContexts.client(path(env, caVariable));
        } catch (TlsSetupException e) {
            throw new TlsSetupException(caVariable + ": " + e.getMessage());
        }
    }

    private static Optional<Path> path(Map<String, String> env, String variable) {
        String v = env.get(variable);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(Path.of(v.trim()));
    }
}
