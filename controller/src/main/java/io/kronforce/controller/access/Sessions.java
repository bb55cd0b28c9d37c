package io.kronforce.controller.access;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.domain.listing.StoredKey;
import io.kronforce.controller.store.access.SessionStore;
import io.kronforce.controller.store.access.SessionStore.StoredSession;
import io.kronforce.controller.store.access.SsoStore;
import io.kronforce.controller.store.access.SsoStore.StoredSsoSession;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Browser sessions: the dashboard posts an API key once and keeps only an HttpOnly cookie. The
 * cookie value is 32 random bytes; the database holds its SHA-256. A session carries its key's id
 * and role and ends at the first of: logout, its idle timeout, its longest lifetime, the key's
 * expiry, the key's revocation.
 *
 * <p>A single sign-on opens the same kind of cookie for a person instead of a key
 * ({@link #openSso}): it carries the role mapped at sign-in and ends at logout, the same idle
 * timeout or the sign-on's own lifetime. One cookie name, one check on writes, whichever opened it.
 */
public final class Sessions {
    /** The cookie's name, upstream's (its SSO sessions use the same). */
    public static final String COOKIE = "kf_session";
    /** Appended to the actor name of every request made with a session, so the audit log says where a change came from. */
    public static final String VIA = " (via dashboard)";
    // last_seen is written at most this often per session: reads do not each cost a write. The idle
    // timeout is therefore enforced to within this step (a session may end up to this much early).
    static final long TOUCH_STEP_MS = 15_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * @param idle a session unused this long ends
     * @param maxLifetime a session ends this long after login however busy (and at the key's expiry if sooner)
     */
    public record Settings(Duration idle, Duration maxLifetime) {}

    /** A session just opened: the cookie value (never stored), its lifetime in seconds and what it stands for. */
    public record Opened(String token, long maxAgeSecs, Resolved session) {}

    /**
     * A session that authenticated a request; {@code keyPrefix} is the key's public prefix, and
     * {@code person} who signed in through single sign-on (null for a key's session; the key's
     * prefix is null for a sign-on's); {@code id} the session's stored hash (names the session, as
     * its rate-limit bucket; not the cookie).
     */
    public record Resolved(Principal principal, String keyPrefix, long expiresAtMs, Person person, String id) {
        public Optional<Person> sso() {
            return Optional.ofNullable(person);
        }
    }

    /** Someone the identity provider vouched for: its subject, e-mail address and display name. */
    public record Person(String subject, String email, String name) {}

    /** The actor id of a signed-in person in audit rows and job versions (no key stands behind them). */
    public static final String SSO_ACTOR_PREFIX = "oidc:";

    private final Database db;
    private final SessionStore store;
    private final SsoStore sso;
    private final ApiKeys keys;
    private final Settings settings;
    private final InstantSource clock;

    public Sessions(
            Database db, SessionStore store, SsoStore sso, ApiKeys keys, Settings settings, InstantSource clock) {
        this.db = db;
        this.store = store;
        this.sso = sso;
        this.keys = keys;
        this.settings = settings;
        this.clock = clock;
    }

    public Settings settings() {
        return settings;
    }

    /**
     * Checks the key as a Bearer key would be checked and opens a session for it.
     *
     * @throws KronforceException.Unauthenticated unknown, revoked or expired key
     * @throws KronforceException.Forbidden an agent key, or a client outside the key's allow-list
     */
    public Opened open(String rawKey, InetAddress client) {
        if (rawKey == null || rawKey.isBlank()) {
            throw new KronforceException.InvalidInput("/api_key", "api_key is required");
        }
        Principal p = keys.authenticate(rawKey.trim(), client);
        if (p.role() == Role.AGENT) {
            throw new KronforceException.Forbidden("agent keys cannot open a dashboard session");
        }
        StoredKey key = keys.activeKey(p.keyId(), client)
                .orElseThrow(() -> new KronforceException.Unauthenticated("invalid API key"));
        long now = clock.millis();
        long end = now + settings.maxLifetime().toMillis();
        if (key.expiresAtMs() != null) {
            end = Math.min(end, key.expiresAtMs());
        }
        String token = newToken();
        StoredSession session = new StoredSession(hash(token), key.id(), key.role(), now, now, end);
        long idleCutoff = now - settings.idle().toMillis();
        db.write(c -> {
            store.deleteStale(c, now, idleCutoff); // housekeeping rides on logins: no timer of its own
            store.insert(c, session);
            return null;
        });
        return new Opened(
                token,
                (end - now) / 1000,
                new Resolved(principal(key, session), key.prefix(), end, null, session.tokenHash()));
    }

    /**
     * Opens a session for a person the identity provider vouched for, with the role mapped from
     * the ID token's claims, ending {@code lifetime} from now (or earlier when idle).
     *
     * @param claimsJson the verified ID token's claims, kept for the record
     */
    public Opened openSso(Person person, Role role, String claimsJson, Duration lifetime) {
        long now = clock.millis();
        long end = now + lifetime.toMillis();
        String token = newToken();
        StoredSsoSession session = new StoredSsoSession(
                hash(token), person.subject(), person.email(), person.name(), role, claimsJson, now, now, end);
        long idleCutoff = now - settings.idle().toMillis();
        db.write(c -> {
            sso.deleteStale(c, now, idleCutoff); // housekeeping rides on sign-ins, as for key sessions
            sso.insert(c, session);
            return null;
        });
        return new Opened(
                token, lifetime.toSeconds(), new Resolved(principal(session), null, end, person, session.tokenHash()));
    }

    /**
     * The caller behind a session cookie.
     *
     * @throws KronforceException.Unauthenticated unknown, ended or idle session, or its key is gone
     */
    public Resolved resolve(String token, InetAddress client) {
        String hash = hash(token);
        Optional<StoredSession> found = store.find(hash);
        if (found.isEmpty()) {
            return resolveSso(hash);
        }
        StoredSession s = found.get();
        long now = clock.millis();
        if (s.expiresAtMs() <= now || now - s.lastSeenMs() >= settings.idle().toMillis()) {
            delete(hash);
            throw ended();
        }
        Optional<StoredKey> key = keys.activeKey(s.keyId(), client);
        if (key.isEmpty()) {
            delete(hash);
            throw ended();
        }
        if (now - s.lastSeenMs() >= TOUCH_STEP_MS) {
            db.write(c -> {
                store.touch(c, hash, now);
                return null;
            });
        }
        return new Resolved(principal(key.get(), s), key.get().prefix(), s.expiresAtMs(), null, hash);
    }

    private Resolved resolveSso(String hash) {
        StoredSsoSession s = sso.find(hash).orElseThrow(Sessions::ended);
        long now = clock.millis();
        if (s.expiresAtMs() <= now || now - s.lastSeenMs() >= settings.idle().toMillis()) {
            db.write(c -> sso.delete(c, hash));
            throw ended();
        }
        if (now - s.lastSeenMs() >= TOUCH_STEP_MS) {
            db.write(c -> {
                sso.touch(c, hash, now);
                return null;
            });
        }
        return new Resolved(principal(s), null, s.expiresAtMs(), new Person(s.subject(), s.email(), s.name()), hash);
    }

    /** Ends a session; false when there was none. */
    public boolean close(String token) {
        return delete(hash(token));
    }

    /** Ends every session of a key (its revocation does this implicitly on the next request). */
    public int closeAll(String keyId) {
        return db.write(c -> store.deleteForKey(c, keyId));
    }

    private boolean delete(String hash) {
        return db.write(c -> store.delete(c, hash) | sso.delete(c, hash));
    }

    private static Principal principal(StoredKey key, StoredSession s) {
        return new Principal(key.id(), key.name() + VIA, s.role(), key.allowedGroups());
    }

    /** A signed-in person acts under their e-mail address (their name when the provider gave none), in every group. */
    private static Principal principal(StoredSsoSession s) {
        String who = s.email().isEmpty() ? s.name() : s.email();
        return new Principal(SSO_ACTOR_PREFIX + s.subject(), who + VIA, s.role(), java.util.List.of());
    }

    /** The actor name without the dashboard marker, for showing the caller their own name. */
    public static String plainName(Principal p) {
        String name = p.keyName();
        return name != null && name.endsWith(VIA) ? name.substring(0, name.length() - VIA.length()) : name;
    }

    private static KronforceException ended() {
        return new KronforceException.Unauthenticated("session expired or signed out");
    }

    /** 32 random bytes, base64url without padding: session cookies, and the single sign-on's state, nonce and verifier. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }
}
