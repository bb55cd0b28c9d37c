package io.kronforce.worker.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A server's TLS material as read from its {@link ServerFiles} at one moment, already checked.
 *
 * @param chain the certificate chain, leaf first
 * @param key the leaf's private key
 * @param clientCas the CAs a client certificate must chain to; empty: none is asked for
 */
public record ServerMaterial(List<X509Certificate> chain, PrivateKey key, List<X509Certificate> clientCas) {
    public ServerMaterial {
        chain = List.copyOf(chain);
        clientCas = List.copyOf(clientCas);
    }

    /** The leaf's serial number in hex: what a log line names a certificate by. */
    public String serial() {
        return chain.getFirst().getSerialNumber().toString(16);
    }
}
