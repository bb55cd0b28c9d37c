package io.kronforce.controller.mcp;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * MCP sessions, in memory: minted by {@code initialize}, bound to the API key that opened them
 * (another key presenting the id gets "not found", so a leaked id is useless without its key),
 * expired after an idle time, ended by {@code DELETE}. A restart forgets them; clients then
 * re-initialize, as the transport requires on a 404.
 */
final class McpSessions {
    /** Past this many live sessions the least recently used one is dropped. */
    static final int MAX_SESSIONS = 10_000;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Duration idle;
    private final InstantSource clock;

    /** One session: who opened it and the protocol version agreed at initialize. */
    static final class Session {
        private final String id;
        private final String keyId;
        private final String protocolVersion;
        private final java.util.concurrent.CountDownLatch ended = new java.util.concurrent.CountDownLatch(1);
        private volatile long lastSeenMs;

        Session(String id, String keyId, String protocolVersion, long nowMs) {
            this.id = id;
            this.keyId = keyId;
            this.protocolVersion = protocolVersion;
            this.lastSeenMs = nowMs;
        }

        String id() {
            return id;
        }

        String protocolVersion() {
            return protocolVersion;
        }

        /** Waits up to {@code wait} for the session to be ended; true when it was. */
        boolean awaitEnd(Duration wait) throws InterruptedException {
            return ended.await(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        }
    }

    McpSessions(Duration idle, InstantSource clock) {
        this.idle = idle;
        this.clock = clock;
    }

    Session open(String keyId, String protocolVersion) {
        if (sessions.size() >= MAX_SESSIONS) {
            purgeExpired();
            sessions.values().stream()
                    .min(Comparator.comparingLong(s -> s.lastSeenMs))
                    .ifPresent(oldest -> sessions.remove(oldest.id));
        }
        byte[] raw = new byte[24];
        RANDOM.nextBytes(raw);
        Session s = new Session(
                Base64.getUrlEncoder().withoutPadding().encodeToString(raw), keyId, protocolVersion, clock.millis());
        sessions.put(s.id, s);
        return s;
    }

    /** The live session with this id opened by this key, touched; empty when unknown, expired or another key's. */
    Optional<Session> find(String id, String keyId) {
        Session s = sessions.get(id);
        if (s == null || !Objects.equals(s.keyId, keyId)) {
            return Optional.empty();
        }
        long now = clock.millis();
        if (expired(s, now)) {
            sessions.remove(id, s);
            return Optional.empty();
        }
        s.lastSeenMs = now;
        return Optional.of(s);
    }

    /** Whether the session still exists (the server stream asks this between pings). */
    boolean alive(Session s) {
        return sessions.get(s.id) == s && !expired(s, clock.millis());
    }

    /** Ends a session; true when it existed for this key. */
    boolean end(String id, String keyId) {
        return find(id, keyId)
                .map(s -> {
                    s.ended.countDown();
                    return sessions.remove(id, s);
                })
                .orElse(false);
    }

    private boolean expired(Session s, long nowMs) {
        return nowMs - s.lastSeenMs > idle.toMillis();
    }

    private void purgeExpired() {
        long now = clock.millis();
        sessions.values().removeIf(s -> expired(s, now));
    }
}
