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

    /**
     * Where the server's material lives when both variables are set (empty when neither is), read
     * and checked once now; {@code clientCaVariable} names the CAs whose client certificates it
     * accepts (mutual TLS), which needs the server's own certificate.
     *
     * @throws TlsSetupException when only one is set, a client CA is set without them, or a file cannot be used
     */
    public static Optional<ServerFiles> serverFiles(
            Map<String, String> env, String certVariable, String keyVariable, String clientCaVariable) {
        Optional<Path> clientCa = path(env, clientCaVariable);
        if (server(env, certVariable, keyVariable).isEmpty()) {
            if (clientCa.isPresent()) {
                throw new TlsSetupException(clientCaVariable + " is set but " + certVariable + " and " + keyVariable
                        + " are not: client certificates are asked for only over https, so set those too");
            }
            return Optional.empty();
        }
        ServerFiles files = new ServerFiles(
                path(env, certVariable).orElseThrow(), path(env, keyVariable).orElseThrow(), clientCa);
        try {
            clientCa.ifPresent(PemFiles::certificates);
        } catch (TlsSetupException e) {
            throw new TlsSetupException(clientCaVariable + ": " + e.getMessage());
        }
        return Optional.of(files);
    }

    /**
     * As {@link #trust}, and presenting a certificate when the server asks for one (mutual TLS): the
     * pair {@code clientCertVariable}/{@code clientKeyVariable} (both or neither), else the process's
     * own server pair {@code certVariable}/{@code keyVariable} when set, else none.
     *
     * @throws TlsSetupException when one of a pair is set alone, or a file cannot be used
     */
    public static SSLContext trust(
            Map<String, String> env,
            String caVariable,
            String clientCertVariable,
            String clientKeyVariable,
            String certVariable,
            String keyVariable) {
        Optional<TlsContexts.Identity> identity = identity(env, clientCertVariable, clientKeyVariable);
        String named = clientCertVariable + "/" + clientKeyVariable;
        if (identity.isEmpty()) {
            identity = identity(env, certVariable, keyVariable);
            named = certVariable + "/" + keyVariable;
        }
        Optional<Path> ca = path(env, caVariable);
        try {
            ca.ifPresent(PemFiles::certificates);
        } catch (TlsSetupException e) {
            throw new TlsSetupException(caVariable + ": " + e.getMessage());
        }
        try {
            return TlsContexts.client(ca, identity);
        } catch (TlsSetupException e) {
            throw new TlsSetupException(named + ": " + e.getMessage());
        }
    }

    private static Optional<TlsContexts.Identity> identity(
            Map<String, String> env, String certVariable, String keyVariable) {
        Optional<Path> cert = path(env, certVariable);
        Optional<Path> key = path(env, keyVariable);
        if (cert.isPresent() != key.isPresent()) {
            String missing = cert.isEmpty() ? certVariable : keyVariable;
            String set = cert.isEmpty() ? keyVariable : certVariable;
            throw new TlsSetupException(missing + " is not set but " + set + " is: set both (PEM certificate chain"
                    + " and private key) or neither");
        }
        return cert.map(c -> new TlsContexts.Identity(c, key.orElseThrow()));
    }

    private static Optional<Path> path(Map<String, String> env, String variable) {
        String v = env.get(variable);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(Path.of(v.trim()));
    }
}
