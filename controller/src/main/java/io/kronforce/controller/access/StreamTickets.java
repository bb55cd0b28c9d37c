package io.kronforce.controller.access;

import io.kronforce.controller.domain.Principal;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One-shot tickets that let a browser's EventSource (which cannot send headers) open one
 * execution's live stream: 24 random bytes, valid 60 s, bound to the execution and the caller.
 */
public final class StreamTickets {
    static final long TTL_MS = 60_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private record Ticket(String executionId, Principal owner, long expiresAtMs) {}

    /** An issued ticket. */
    public record Issued(String ticket, long expiresAtMs) {}

    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
    private final InstantSource clock;

    public StreamTickets(InstantSource clock) {
        this.clock = clock;
    }

    public Issued issue(Principal owner, String executionId) {
        purgeExpired();
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        String value = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long expires = clock.millis() + TTL_MS;
        tickets.put(value, new Ticket(executionId, owner, expires));
        return new Issued(value, expires);
    }

    /** Redeems a ticket once: the owner's principal when valid for this execution. */
    public Optional<Principal> redeem(String value, String executionId) {
        Ticket t = tickets.remove(value);
        if (t == null || t.expiresAtMs() < clock.millis() || !t.executionId().equals(executionId)) {
            return Optional.empty();
        }
        return Optional.of(t.owner());
    }

    private void purgeExpired() {
        long now = clock.millis();
        tickets.values().removeIf(t -> t.expiresAtMs() < now);
    }
}
