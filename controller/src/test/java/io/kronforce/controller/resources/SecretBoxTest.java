package io.kronforce.controller.resources;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** Encryption at rest, docs/reference/variables-and-secrets.md#encryption-at-rest. */
class SecretBoxTest {
    private static final String PASSPHRASE = "correct horse battery staple";

    private final SecretBox box = SecretBox.fromPassphrase(PASSPHRASE);

    private static SecretKeySpec keyFor(String passphrase) throws Exception {
        return new SecretKeySpec(MessageDigest.getInstance("SHA-256")
                .digest(passphrase.getBytes(StandardCharsets.UTF_8)), "AES");
    }

    @Test
    void round_trips_a_value() {
        String sealed = box.seal("p@ss wörd \"quoted\"");

        assertTrue(sealed.startsWith("enc:"), sealed);
        assertEquals(Optional.of("p@ss wörd \"quoted\""), box.open(sealed));
    }

    @Test
    void uses_a_random_nonce_so_two_seals_differ() {
        assertNotEquals(box.seal("same"), box.seal("same"));
    }

    @Test
    void opens_nothing_with_the_wrong_key_rather_than_returning_the_ciphertext() {
        String sealed = box.seal("secret");

        assertEquals(Optional.empty(), SecretBox.fromPassphrase("another key").open(sealed));
    }

    @Test
    void opens_nothing_when_the_ciphertext_was_tampered_with() {
        byte[] raw = Base64.getDecoder().decode(box.seal("secret").substring(4));
        raw[raw.length - 1] ^= 1;

        assertEquals(Optional.empty(), box.open("enc:" + Base64.getEncoder().encodeToString(raw)));
    }

    @Test
    void opens_nothing_for_malformed_sealed_values() {
        assertEquals(Optional.empty(), box.open("enc:not base64!"));
        assertEquals(Optional.empty(), box.open("enc:" + Base64.getEncoder().encodeToString(new byte[5])));
        assertEquals(Optional.empty(), box.open("enc:" + Base64.getEncoder().encodeToString(new byte[12])));
    }

    @Test
    void passes_plaintext_through_without_a_key() {
        SecretBox none = SecretBox.fromPassphrase("");

        assertFalse(none.enabled());
        assertEquals("plain", none.seal("plain"));
        assertEquals(Optional.of("plain"), none.open("plain"));
        assertEquals(Optional.empty(), none.open(box.seal("secret")), "sealed values need the key");
        assertFalse(SecretBox.fromPassphrase(null).enabled());
    }

    @Test
    void reads_values_without_the_prefix_as_plaintext_even_with_a_key() {
        assertEquals(Optional.of("legacy"), box.open("legacy"));
    }

    @Test
    void opens_a_value_laid_out_as_nonce_then_ciphertext_and_tag_under_the_sha256_key() throws Exception {
        byte[] nonce = new byte[12];
        for (int i = 0; i < nonce.length; i++) {
            nonce[i] = (byte) i;
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, keyFor(PASSPHRASE), new GCMParameterSpec(128, nonce));
        byte[] sealed = cipher.doFinal("from upstream".getBytes(StandardCharsets.UTF_8));
        byte[] layout = ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array();

        assertEquals(Optional.of("from upstream"), box.open("enc:" + Base64.getEncoder().encodeToString(layout)));
    }

    @Test
    void seals_in_the_layout_upstream_can_decrypt() throws Exception {
        byte[] raw = Base64.getDecoder().decode(box.seal("to upstream").substring("enc:".length()));

        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, keyFor(PASSPHRASE), new GCMParameterSpec(128, raw, 0, 12));
        byte[] plain = cipher.doFinal(raw, 12, raw.length - 12);

        assertArrayEquals("to upstream".getBytes(StandardCharsets.UTF_8), plain);
        assertEquals(12 + "to upstream".length() + 16, raw.length);
    }
}
