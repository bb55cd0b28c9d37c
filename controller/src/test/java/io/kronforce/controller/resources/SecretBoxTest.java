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
        return new SecretKeySpec(
                MessageDigest.getInstance("SHA-256").digest(passphrase.getBytes(StandardCharsets.UTF_8)), "AES");
    }

    @Test
    void roundTripsAValue() {
        String sealed = box.seal("p@ss wörd \"quoted\"");

        assertTrue(sealed.startsWith("enc:"), sealed);
        assertEquals(Optional.of("p@ss wörd \"quoted\""), box.open(sealed));
    }

    @Test
    void usesARandomNonceSoTwoSealsDiffer() {
        assertNotEquals(box.seal("same"), box.seal("same"));
    }

    @Test
    void opensNothingWithTheWrongKeyRatherThanReturningTheCiphertext() {
        String sealed = box.seal("secret");

        assertEquals(Optional.empty(), SecretBox.fromPassphrase("another key").open(sealed));
    }

    @Test
    void opensNothingWhenTheCiphertextWasTamperedWith() {
        byte[] raw = Base64.getDecoder().decode(box.seal("secret").substring(4));
        raw[raw.length - 1] ^= 1;

        assertEquals(Optional.empty(), box.open("enc:" + Base64.getEncoder().encodeToString(raw)));
    }

    @Test
    void opensNothingForMalformedSealedValues() {
        assertEquals(Optional.empty(), box.open("enc:not base64!"));
        assertEquals(Optional.empty(), box.open("enc:" + Base64.getEncoder().encodeToString(new byte[5])));
        assertEquals(Optional.empty(), box.open("enc:" + Base64.getEncoder().encodeToString(new byte[12])));
    }

    @Test
    void passesPlaintextThroughWithoutAKey() {
        SecretBox none = SecretBox.fromPassphrase("");

        assertFalse(none.enabled());
        assertEquals("plain", none.seal("plain"));
        assertEquals(Optional.of("plain"), none.open("plain"));
        assertEquals(Optional.empty(), none.open(box.seal("secret")), "sealed values need the key");
        assertFalse(SecretBox.fromPassphrase(null).enabled());
    }

    @Test
    void readsValuesWithoutThePrefixAsPlaintextEvenWithAKey() {
        assertEquals(Optional.of("legacy"), box.open("legacy"));
    }

    @Test
    void opensAValueLaidOutAsNonceThenCiphertextAndTagUnderTheSha256Key() throws Exception {
        byte[] nonce = new byte[12];
        for (int i = 0; i < nonce.length; i++) {
            nonce[i] = (byte) i;
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, keyFor(PASSPHRASE), new GCMParameterSpec(128, nonce));
        byte[] sealed = cipher.doFinal("from upstream".getBytes(StandardCharsets.UTF_8));
        byte[] layout =
                ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array();

        assertEquals(
                Optional.of("from upstream"),
                box.open("enc:" + Base64.getEncoder().encodeToString(layout)));
    }

    @Test
    void sealsInTheLayoutUpstreamCanDecrypt() throws Exception {
        byte[] raw = Base64.getDecoder().decode(box.seal("to upstream").substring("enc:".length()));

        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, keyFor(PASSPHRASE), new GCMParameterSpec(128, raw, 0, 12));
        byte[] plain = cipher.doFinal(raw, 12, raw.length - 12);

        assertArrayEquals("to upstream".getBytes(StandardCharsets.UTF_8), plain);
        assertEquals(12 + "to upstream".length() + 16, raw.length);
    }
}
