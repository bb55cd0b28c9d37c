package io.kronforce.controller.access;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.domain.listing.StoredKey;
import io.kronforce.controller.fixtures.MutableInstantSource;
import io.kronforce.controller.fixtures.TestDatabase;
import io.kronforce.controller.journal.AuditTrail;
import io.kronforce.controller.journal.EventLog;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiKeysTest {
    private static final Principal ADMIN = new Principal("k0", "root", Role.ADMIN, List.of());

    @TempDir
    Path dir;

    private final MutableInstantSource clock = MutableInstantSource.at("2026-05-01T12:00:00Z");
    private TestDatabase tdb;
    private ApiKeys keys;

    @BeforeEach
    void open() {
        tdb = TestDatabase.open(dir);
        keys = new ApiKeys(
                tdb.db(), tdb.apiKeys(), new AuditTrail(tdb.audit(), clock), new EventLog(tdb.events(), clock), clock);
    }

    @AfterEach
    void close() {
        tdb.close();
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    private ApiKeys.Created create(String name, Role role, List<String> ipAllowlist, Long expiresAtMs) {
        return keys.create(ADMIN, new ApiKeys.NewKey(name, role, List.of(), ipAllowlist, expiresAtMs));
    }

    /** Authentication records last use in the background; wait for it so nothing writes after close. */
    private void awaitTouched(String id) {
        await().atMost(Duration.ofSeconds(10))
                .until(() -> keys.list().stream().anyMatch(k -> k.id().equals(id) && k.lastUsedAtMs() != null));
    }

    @Test
    void generatesKfPrefixedKeysOf43Base64urlCharacters() {
        String raw = create("ci", Role.OPERATOR, List.of(), null).raw();

        assertTrue(raw.matches("kf_[A-Za-z0-9_-]{43}"), raw);
        assertNotEquals(raw, ApiKeys.generate());
    }

    @Test
    void storesOnlyTheSha256HexOfTheKeyAndItsPrefix() throws Exception {
        ApiKeys.Created created = create("ci", Role.OPERATOR, List.of(), null);
        String expectedHash = HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(created.raw().getBytes(StandardCharsets.UTF_8)));

        StoredKey stored = keys.list().get(0);
        assertEquals(expectedHash, stored.hash());
        assertEquals(created.raw().substring(0, 11), stored.prefix());

        tdb.close(); // checkpoints the WAL into the main file
        String file = new String(Files.readAllBytes(tdb.file()), StandardCharsets.ISO_8859_1);
        assertTrue(file.contains(expectedHash));
        assertFalse(file.contains(created.raw()), "raw key found in the database file");
        assertFalse(file.contains(created.raw().substring(11)), "secret part found in the database file");
    }

    @Test
    void authenticatesAKnownKeyAsItsRole() throws Exception {
        ApiKeys.Created created = create("ops", Role.OPERATOR, List.of(), null);

        Principal p = keys.authenticate(created.raw(), ip("127.0.0.1"));

        assertEquals(new Principal(created.key().id(), "ops", Role.OPERATOR, List.of()), p);
        awaitTouched(created.key().id());
    }

    @Test
    void refusesAnUnknownKey() throws Exception {
        create("ops", Role.OPERATOR, List.of(), null);

        var e = assertThrows(
                KronforceException.Unauthenticated.class, () -> keys.authenticate(ApiKeys.generate(), ip("127.0.0.1")));
        assertEquals("invalid API key", e.getMessage());
    }

    @Test
    void refusesARevokedKey() throws Exception {
        ApiKeys.Created created = create("ops", Role.OPERATOR, List.of(), null);

        keys.revoke(ADMIN, created.key().id());

        var e = assertThrows(
                KronforceException.Unauthenticated.class, () -> keys.authenticate(created.raw(), ip("127.0.0.1")));
        assertEquals("invalid API key", e.getMessage());
        assertEquals(1, tdb.countWhere("audit_log", "operation='key.revoked'"));
        assertFalse(keys.list().get(0).active(), "kept, soft-revoked");
    }

    @Test
    void refusesAKeyFromItsExpiryInstantOn() throws Exception {
        long expiry = clock.millis() + 60_000;
        ApiKeys.Created created = create("temp", Role.VIEWER, List.of(), expiry);
        keys.authenticate(created.raw(), ip("127.0.0.1"));

        clock.advance(Duration.ofMinutes(1));

        var e = assertThrows(
                KronforceException.Unauthenticated.class, () -> keys.authenticate(created.raw(), ip("127.0.0.1")));
        assertEquals("API key has expired", e.getMessage());
        awaitTouched(created.key().id());
    }

    @Test
    void allowsAddressesInsideTheCidrAllowListAndForbidsOthers() throws Exception {
        ApiKeys.Created created = create("lan", Role.VIEWER, List.of("10.0.0.0/8", "192.168.1.7"), null);

        assertEquals(
                Role.VIEWER, keys.authenticate(created.raw(), ip("10.20.30.40")).role());
        assertEquals(
                Role.VIEWER, keys.authenticate(created.raw(), ip("192.168.1.7")).role());
        var e = assertThrows(
                KronforceException.Forbidden.class, () -> keys.authenticate(created.raw(), ip("192.168.1.8")));
        assertEquals("IP 192.168.1.8 not in allowlist for this API key", e.getMessage());
        awaitTouched(created.key().id());
    }

    @Test
    void rejectsAnAllowListEntryThatIsNotAnAddress() {
        var e = assertThrows(
                KronforceException.InvalidInput.class, () -> create("bad", Role.VIEWER, List.of("example.com"), null));

        assertEquals("/ip_allowlist", e.errors().get(0).pointer());
        assertEquals(0, tdb.count("api_keys"));
    }

    @Test
    void bootstrapsAnAdminAndAnAgentKeyOnce() throws Exception {
        List<ApiKeys.Created> first = keys.bootstrap(null, null);
        List<ApiKeys.Created> second = keys.bootstrap(null, null);

        assertEquals(
                List.of("admin (bootstrap)", "agent (bootstrap)"),
                first.stream().map(c -> c.key().name()).toList());
        assertEquals(
                List.of(Role.ADMIN, Role.AGENT),
                first.stream().map(c -> c.key().role()).toList());
        assertEquals(List.of(), second);
        assertEquals(2, tdb.count("api_keys"));
        assertEquals(2, tdb.countWhere("audit_log", "operation='key.created' AND actor_key_id IS NULL"));
        assertEquals(
                Role.ADMIN,
                keys.authenticate(first.get(0).raw(), ip("127.0.0.1")).role());
        awaitTouched(first.get(0).key().id());
    }

    @Test
    void doesNotBootstrapWhenAnActiveKeyExistsEvenAfterARestart() {
        create("existing", Role.ADMIN, List.of(), null);
        tdb = tdb.reopen();
        keys = new ApiKeys(
                tdb.db(), tdb.apiKeys(), new AuditTrail(tdb.audit(), clock), new EventLog(tdb.events(), clock), clock);

        assertEquals(List.of(), keys.bootstrap(null, null));
        assertEquals(1, tdb.count("api_keys"));
    }

    @Test
    void bootstrapsTheGivenValuesVerbatim() throws Exception {
        List<ApiKeys.Created> created = keys.bootstrap("my-admin-key-from-env", "my-agent-key-from-env");

        assertEquals(
                List.of("my-admin-key-from-env", "my-agent-key-from-env"),
                created.stream().map(ApiKeys.Created::raw).toList());
        assertEquals(
                Role.AGENT,
                keys.authenticate("my-agent-key-from-env", ip("127.0.0.1")).role());
        assertEquals("my-agent-ke", created.get(1).key().prefix());
        awaitTouched(created.get(1).key().id());
    }
}
