package io.kronforce.notifier;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SecretsTest {

    @Test
    void urlsKeepOnlySchemeAndHost() {
        assertEquals(
                "https://hooks.slack.com/" + Secrets.MASK,
                Secrets.maskUrl("https://hooks.slack.com/services/T0/B0/XXXXXXXX"));
        assertEquals(
                "https://x.logic.azure.com:443/" + Secrets.MASK,
                Secrets.maskUrl("https://x.logic.azure.com:443/workflows/1/invoke?sig=abc"));
        assertEquals(Secrets.MASK, Secrets.maskUrl("not a url"));
    }

    @Test
    void scrubRemovesEverySecretOccurrence() {
        assertEquals(
                "failed " + Secrets.MASK + " twice " + Secrets.MASK,
                Secrets.scrub("failed tok-123 twice tok-123", "tok-123", null));
    }
}
