package io.kronforce.task.transfer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/**
 * Reads the {@code private_key} text of an SFTP task (OpenSSH or PEM, optionally encrypted) into
 * key pairs. Messages never quote the key or the passphrase.
 */
final class UserKeys {

    private static final NamedResource SOURCE = NamedResource.ofName("private_key");

    private UserKeys() {}

    /**
     * The key pairs in {@code text}.
     *
     * @throws TransferException (not retryable) when the text holds no readable key
     */
    static List<KeyPair> read(String text, String passphrase) throws TransferException {
        FilePasswordProvider passwords =
                passphrase == null ? FilePasswordProvider.EMPTY : FilePasswordProvider.of(passphrase);
        List<KeyPair> keys = new ArrayList<>();
        try {
            Iterable<KeyPair> found = SecurityUtils.loadKeyPairIdentities(
                    null, SOURCE, new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), passwords);
            if (found != null) {
                found.forEach(keys::add);
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            // The library's message may quote key material; say only what kind of failure it was.
            throw TransferException.permanent("private_key is not a readable OpenSSH or PEM private key"
                    + (passphrase == null
                            ? " (encrypted keys need private_key_passphrase)"
                            : " or the passphrase is wrong")
                    + " [" + e.getClass().getSimpleName() + "]");
        }
        if (keys.isEmpty()) {
            throw TransferException.permanent("private_key holds no private key");
        }
        return List.copyOf(keys);
    }

    /** Why {@code text} cannot be used, for check(); empty when it reads. */
    static Optional<String> problem(String text, String passphrase) {
        try {
            read(text, passphrase);
            return Optional.empty();
        } catch (TransferException e) {
            return Optional.of(e.getMessage());
        }
    }
}
