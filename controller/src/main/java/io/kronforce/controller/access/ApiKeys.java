package io.kronforce.controller.access;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.EventKind;
import io.kronforce.controller.domain.Ids;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.domain.listing.StoredKey;
import io.kronforce.controller.journal.AuditTrail;
import io.kronforce.controller.journal.EventLog;
import io.kronforce.controller.store.access.ApiKeyStore;
import io.kronforce.task.Cidr;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * API keys: {@code kf_} + base64url(32 random bytes), stored as SHA-256 hex. Active keys are cached
 * by hash so authenticating a request costs a hash and a map lookup, not a database read; the
 * cache is rebuilt after every key change.
 */
public final class ApiKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final long TOUCH_INTERVAL_MS = 60_000;

    private final Database db;
    private final ApiKeyStore store;
    private final AuditTrail audit;
    private final EventLog events;
    private final InstantSource clock;
    private volatile Map<String, StoredKey> activeByHash = Map.of();
    private volatile Map<String, StoredKey> activeById = Map.of();
    private final Map<String, Long> lastTouched = new ConcurrentHashMap<>();

    /** A key just created; {@code raw} is shown once and never stored. */
    public record Created(StoredKey key, String raw) {}

    public ApiKeys(Database db, ApiKeyStore store, AuditTrail audit, EventLog events, InstantSource clock) {
        this.db = db;
        this.store = store;
        this.audit = audit;
        this.events = events;
        this.clock = clock;
        reload();
    }

    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "kf_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    // Cloning a prototype skips the provider lookup getInstance does on every request.
    private static final MessageDigest SHA_256 = sha256();

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
    }

    public static String hash(String raw) {
        MessageDigest digest;
        try {
            digest = (MessageDigest) SHA_256.clone();
        } catch (CloneNotSupportedException e) {
            digest = sha256();
        }
        return HexFormat.of().formatHex(digest.digest(raw.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Resolves a Bearer key to its principal.
     *
     * @throws KronforceException.Unauthenticated unknown, revoked or expired key
     * @throws KronforceException.Forbidden the client address is outside the key's allow-list
     */
    public Principal authenticate(String raw, InetAddress client) {
        String hash = hash(raw);
        StoredKey key = activeByHash.get(hash);
        if (key == null
                || !MessageDigest.isEqual(
                        hash.getBytes(StandardCharsets.US_ASCII), key.hash().getBytes(StandardCharsets.US_ASCII))) {
            throw new KronforceException.Unauthenticated("invalid API key");
        }
        long now = clock.millis();
        if (key.expiresAtMs() != null && key.expiresAtMs() <= now) {
            throw new KronforceException.Unauthenticated("API key has expired");
        }
        checkAllowlist(key, client);
        touchLater(key.id(), now);
        return new Principal(key.id(), key.name(), key.role(), key.allowedGroups());
    }

    /**
     * The key behind a browser session, by id: empty once it is revoked or expired, so its sessions
     * end with it.
     *
     * @throws KronforceException.Forbidden the client address is outside the key's allow-list
     */
    public Optional<StoredKey> activeKey(String id, InetAddress client) {
        StoredKey key = activeById.get(id);
        long now = clock.millis();
        if (key == null || key.expiresAtMs() != null && key.expiresAtMs() <= now) {
            return Optional.empty();
        }
        checkAllowlist(key, client);
        touchLater(key.id(), now);
        return Optional.of(key);
    }

    private static void checkAllowlist(StoredKey key, InetAddress client) {
        if (!key.ipAllowlist().isEmpty()
                && key.ipAllowlist().stream().map(Cidr::parse).noneMatch(c -> c.contains(client))) {
            throw new KronforceException.Forbidden(
                    "IP " + client.getHostAddress() + " not in allowlist for this API key");
        }
    }

    // last_used_at is advisory: one write per key per minute keeps reads off the writer's queue.
    private void touchLater(String id, long now) {
        Long previous = lastTouched.get(id);
        if (previous != null && now - previous < TOUCH_INTERVAL_MS) {
            return;
        }
        lastTouched.put(id, now);
        Thread.ofVirtual()
                .start(() -> db.write(c -> {
                    store.touch(c, id, now);
                    return null;
                }));
    }

    /** Request to create a key; lists may be empty, expiry may be null. */
    public record NewKey(
            String name, Role role, List<String> allowedGroups, List<String> ipAllowlist, Long expiresAtMs) {}

    public Created create(Principal actor, NewKey request) {
        validate(request);
        Created created = insert(actor, request, generate());
        reload();
        return created;
    }

    private static void validate(NewKey request) {
        if (request.name() == null || request.name().isBlank() || request.name().length() > 255) {
            throw new KronforceException.InvalidInput("/name", "key name must be 1 to 255 characters");
        }
        for (String entry : request.ipAllowlist()) {
            try {
                if (!Cidr.looksLikeAddress(entry)) {
                    throw new IllegalArgumentException(entry);
                }
                Cidr.parse(entry);
            } catch (IllegalArgumentException e) {
                throw new KronforceException.InvalidInput(
                        "/ip_allowlist", "ip_allowlist entry '" + entry + "' is not an IP address or CIDR range");
            }
        }
    }

    private record Inserted(Created created, io.kronforce.controller.domain.Event event) {}

    private Created insert(Principal actor, NewKey request, String raw) {
        Inserted inserted = db.write(c -> insertIn(c, actor, request, raw));
        events.publish(List.of(inserted.event()));
        return inserted.created();
    }

    private Inserted insertIn(java.sql.Connection c, Principal actor, NewKey request, String raw)
            throws java.sql.SQLException {
        StoredKey key = new StoredKey(
                Ids.newId(),
                raw.substring(0, Math.min(11, raw.length())),
                hash(raw),
                request.name(),
                request.role(),
                clock.millis(),
                null,
                true,
                request.allowedGroups(),
                request.ipAllowlist(),
                request.expiresAtMs());
        store.insert(c, key);
        audit.record(
                c,
                actor,
                "key.created",
                "api_key",
                key.id(),
                key.name() + " (" + key.role().wire() + ")");
        var event = events.write(
                        c,
                        actor,
                        EventKind.KEY_CREATED,
                        "info",
                        "API key '" + key.name() + "' created",
                        new EventLog.Subject(null, null, null, key.role().wire()))
                .orElseThrow();
        return new Inserted(new Created(key, raw), event);
    }

    /**
     * Soft-revokes a key (kept for the audit trail); revoking a revoked key again changes nothing.
     *
     * @throws KronforceException.NotFound {@code key-not-found} for an id no key ever had
     */
    public void revoke(Principal actor, String id) {
        var event = db.write(c -> {
            if (!store.revoke(c, id)) {
                throw new KronforceException.NotFound(ProblemType.KEY_NOT_FOUND, "API key not found");
            }
            return revokedIn(c, actor, id);
        });
        events.publish(event.stream().toList());
        reload();
    }

    private Optional<io.kronforce.controller.domain.Event> revokedIn(java.sql.Connection c, Principal actor, String id)
            throws java.sql.SQLException {
        audit.record(c, actor, "key.revoked", "api_key", id, null);
        return events.write(
                c,
                actor,
                EventKind.KEY_REVOKED,
                "warning",
                "API key " + id + " revoked",
                new EventLog.Subject(null, null, null, null));
    }

    public List<StoredKey> list() {
        return store.listAll();
    }

    /**
     * First start: when no active key exists, creates the admin and agent keys (verbatim from the
     * given values when set) and returns them for printing once. Otherwise empty.
     */
    public List<Created> bootstrap(String adminRaw, String agentRaw) {
        // One transaction: either both keys exist afterwards or neither does.
        List<Inserted> inserted = db.write(c -> store.countActive(c) > 0
                ? List.<Inserted>of()
                : List.of(
                        insertIn(
                                c,
                                Principal.SYSTEM,
                                new NewKey("admin (bootstrap)", Role.ADMIN, List.of(), List.of(), null),
                                adminRaw == null || adminRaw.isBlank() ? generate() : adminRaw),
                        insertIn(
                                c,
                                Principal.SYSTEM,
                                new NewKey("agent (bootstrap)", Role.AGENT, List.of(), List.of(), null),
                                agentRaw == null || agentRaw.isBlank() ? generate() : agentRaw)));
        events.publish(inserted.stream().map(Inserted::event).toList());
        reload();
        return inserted.stream().map(Inserted::created).toList();
    }

    /**
     * What {@code --reset-admin-key} did.
     *
     * @param created the new admin key
     * @param revoked the admin keys the controller had made itself (bootstrap, earlier resets), now revoked
     * @param kept other active admin keys, made through the API: left as they are
     */
    public record Reset(Created created, List<StoredKey> revoked, List<StoredKey> kept) {}

    private static final String BOOTSTRAP_ADMIN = "admin (bootstrap)";
    private static final String RESET_ADMIN = "admin (reset)";

    /**
     * {@code --reset-admin-key}: a fresh admin key replacing the admin keys the controller made
     * itself — the bootstrap one and earlier resets, the ones an operator can lose without another
     * admin key at hand — which are revoked in the same transaction. Admin keys made through
     * {@code POST /api/keys} stay active (their makers hold an admin key) and are reported.
     */
    public Reset resetAdmin() {
        record Done(Reset reset, List<io.kronforce.controller.domain.Event> events) {}
        Done done = db.write(c -> {
            List<StoredKey> admins = store.listActive(c).stream()
                    .filter(k -> k.role() == Role.ADMIN)
                    .toList();
            List<StoredKey> replaced = admins.stream()
                    .filter(k -> k.name().equals(BOOTSTRAP_ADMIN) || k.name().equals(RESET_ADMIN))
                    .toList();
            List<io.kronforce.controller.domain.Event> published = new java.util.ArrayList<>();
            for (StoredKey old : replaced) {
                store.revoke(c, old.id());
                revokedIn(c, Principal.SYSTEM, old.id()).ifPresent(published::add);
            }
            Inserted inserted = insertIn(
                    c, Principal.SYSTEM, new NewKey(RESET_ADMIN, Role.ADMIN, List.of(), List.of(), null), generate());
            published.add(inserted.event());
            List<StoredKey> kept =
                    admins.stream().filter(k -> !replaced.contains(k)).toList();
            return new Done(new Reset(inserted.created(), replaced, kept), published);
        });
        events.publish(done.events());
        reload();
        return done.reset();
    }

    private void reload() {
        List<StoredKey> active = store.listActive();
        activeByHash = active.stream().collect(Collectors.toUnmodifiableMap(StoredKey::hash, Function.identity()));
        activeById = active.stream().collect(Collectors.toUnmodifiableMap(StoredKey::id, Function.identity()));
    }
}
