package io.kronforce.worker.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Where a server's TLS material lives: its PEM chain and key and, for mutual TLS, the PEM bundle of
 * CAs whose client certificates it accepts. Read at start and again whenever their content changes
 * (certificate reload), so the paths are kept rather than what they held.
 *
 * @param clientCa CAs a client certificate must chain to; empty: no client certificate is asked for
 */
public record ServerFiles(Path cert, Path key, Optional<Path> clientCa) {

    /**
     * What the files hold now, checked: the chain, a key that belongs to its leaf, the client CAs.
     *
     * @throws TlsSetupException when a file cannot be read or the key does not belong to the leaf
     */
    public ServerMaterial read() {
        var chain = PemFiles.certificates(cert);
        var privateKey = PemFiles.privateKey(key);
        TlsContexts.checkPair(chain.getFirst(), privateKey, cert, key);
        return new ServerMaterial(
                chain, privateKey, clientCa.map(PemFiles::certificates).orElse(List.of()));
    }

    /**
     * A SHA-256 over the files' bytes: a cheap way to see that something changed (a renewal by
     * certbot, a Kubernetes secret swapped under its mount) without trusting modification times.
     *
     * @throws TlsSetupException when a file cannot be read
     */
    public String digest() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path p : clientCa.isPresent() ? List.of(cert, key, clientCa.get()) : List.of(cert, key)) {
                try {
                    sha.update(Files.readAllBytes(p));
                } catch (IOException e) {
                    throw new TlsSetupException(
                            "cannot read " + p + " (" + e.getClass().getSimpleName() + ")");
                }
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK offers no SHA-256", e);
        }
    }
}
