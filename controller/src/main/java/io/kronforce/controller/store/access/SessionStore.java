package io.kronforce.controller.store.access;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.database.Sql;
import io.kronforce.controller.domain.Role;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** Browser sessions, stored by the SHA-256 of the cookie value only (V0070). */
public final class SessionStore {
    private static final String COLUMNS = "token_hash, key_id, role, created_at_ms, last_seen_ms, expires_at_ms";

    private final Database db;

    public SessionStore(Database db) {
        this.db = db;
    }

    /** One stored session; {@code expiresAtMs} is the absolute end (the key's expiry or the longest lifetime). */
    public record StoredSession(
            String tokenHash, String keyId, Role role, long createdAtMs, long lastSeenMs, long expiresAtMs) {}

    public void insert(Connection c, StoredSession s) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO browser_sessions (" + COLUMNS + ") VALUES (?,?,?,?,?,?)",
                s.tokenHash(),
                s.keyId(),
                s.role().wire(),
                s.createdAtMs(),
                s.lastSeenMs(),
                s.expiresAtMs());
    }

    public Optional<StoredSession> find(String tokenHash) {
        return db.read(c -> Sql.one(
                c, "SELECT " + COLUMNS + " FROM browser_sessions WHERE token_hash=?", SessionStore::map, tokenHash));
    }

    public void touch(Connection c, String tokenHash, long atMs) throws SQLException {
        Sql.update(
                c,
                "UPDATE browser_sessions SET last_seen_ms=? WHERE token_hash=? AND last_seen_ms<?",
                atMs,
                tokenHash,
                atMs);
    }

    public boolean delete(Connection c, String tokenHash) throws SQLException {
        return Sql.update(c, "DELETE FROM browser_sessions WHERE token_hash=?", tokenHash) == 1;
    }

    public int deleteForKey(Connection c, String keyId) throws SQLException {
        return Sql.update(c, "DELETE FROM browser_sessions WHERE key_id=?", keyId);
    }

    /** Removes sessions past their absolute end or idle since before {@code idleCutoffMs}. */
    public int deleteStale(Connection c, long nowMs, long idleCutoffMs) throws SQLException {
        return Sql.update(
                c, "DELETE FROM browser_sessions WHERE expires_at_ms<=? OR last_seen_ms<?", nowMs, idleCutoffMs);
    }

    public long countForKey(String keyId) {
        return db.read(c -> Sql.count(c, "SELECT count(*) FROM browser_sessions WHERE key_id=?", keyId));
    }

    private static StoredSession map(ResultSet rs) throws SQLException {
        return new StoredSession(
                rs.getString("token_hash"),
                rs.getString("key_id"),
                Role.parse(rs.getString("role")).orElse(Role.VIEWER),
                rs.getLong("created_at_ms"),
                rs.getLong("last_seen_ms"),
                rs.getLong("expires_at_ms"));
    }
}
