package io.kronforce.controller.store.access;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.database.Sql;
import io.kronforce.controller.domain.Role;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Single sign-on: the sessions it opened (by the SHA-256 of the cookie only) and the sign-ins under way (V0098). */
public final class SsoStore {
    private static final String COLUMNS =
            "token_hash, subject, email, name, role, claims_json, created_at_ms, last_seen_ms, expires_at_ms";

    private final Database db;

    public SsoStore(Database db) {
        this.db = db;
    }

    /** One session opened by a sign-in; {@code claimsJson} is the verified ID token's claims. */
    public record StoredSsoSession(
            String tokenHash,
            String subject,
            String email,
            String name,
            Role role,
            String claimsJson,
            long createdAtMs,
            long lastSeenMs,
            long expiresAtMs) {}

    /** A sign-in under way: what the provider's answer must match. */
    public record LoginState(String state, String nonce, String codeVerifier, long createdAtMs) {}

    public void insert(Connection c, StoredSsoSession s) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO sso_sessions (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?)",
                s.tokenHash(),
                s.subject(),
                s.email(),
                s.name(),
                s.role().wire(),
                s.claimsJson(),
                s.createdAtMs(),
                s.lastSeenMs(),
                s.expiresAtMs());
    }

    public Optional<StoredSsoSession> find(String tokenHash) {
        return db.read(c ->
                Sql.one(c, "SELECT " + COLUMNS + " FROM sso_sessions WHERE token_hash=?", SsoStore::map, tokenHash));
    }

    public void touch(Connection c, String tokenHash, long atMs) throws SQLException {
        Sql.update(
                c,
                "UPDATE sso_sessions SET last_seen_ms=? WHERE token_hash=? AND last_seen_ms<?",
                atMs,
                tokenHash,
                atMs);
    }

    public boolean delete(Connection c, String tokenHash) throws SQLException {
        return Sql.update(c, "DELETE FROM sso_sessions WHERE token_hash=?", tokenHash) == 1;
    }

    /** Removes sessions past their end or idle since before {@code idleCutoffMs}. */
    public int deleteStale(Connection c, long nowMs, long idleCutoffMs) throws SQLException {
        return Sql.update(c, "DELETE FROM sso_sessions WHERE expires_at_ms<=? OR last_seen_ms<?", nowMs, idleCutoffMs);
    }

    /** Removes sign-ins begun before {@code cutoffMs} (the browser never came back). */
    public int deleteStaleStates(Connection c, long cutoffMs) throws SQLException {
        return Sql.update(c, "DELETE FROM sso_login_states WHERE created_at_ms<?", cutoffMs);
    }

    public long countSessions() {
        return db.read(c -> Sql.count(c, "SELECT count(*) FROM sso_sessions"));
    }

    public void insertState(Connection c, LoginState s) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO sso_login_states (state, nonce, code_verifier, created_at_ms) VALUES (?,?,?,?)",
                s.state(),
                s.nonce(),
                s.codeVerifier(),
                s.createdAtMs());
    }

    /** Reads and deletes a sign-in's state in one step: a state is good for one answer only. */
    public Optional<LoginState> takeState(Connection c, String state) throws SQLException {
        Optional<LoginState> found = Sql.one(
                c,
                "SELECT state, nonce, code_verifier, created_at_ms FROM sso_login_states WHERE state=?",
                rs -> new LoginState(
                        rs.getString("state"),
                        rs.getString("nonce"),
                        rs.getString("code_verifier"),
                        rs.getLong("created_at_ms")),
                state);
        if (found.isPresent()) {
            Sql.update(c, "DELETE FROM sso_login_states WHERE state=?", state);
        }
        return found;
    }

    private static StoredSsoSession map(ResultSet rs) throws SQLException {
        return new StoredSsoSession(
                rs.getString("token_hash"),
                rs.getString("subject"),
                rs.getString("email"),
                rs.getString("name"),
                Role.parse(rs.getString("role")).orElse(Role.VIEWER),
                rs.getString("claims_json"),
                rs.getLong("created_at_ms"),
                rs.getLong("last_seen_ms"),
                rs.getLong("expires_at_ms"));
    }
}
