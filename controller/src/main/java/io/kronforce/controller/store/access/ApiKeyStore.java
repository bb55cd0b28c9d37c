package io.kronforce.controller.store.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.database.Database;
import io.kronforce.controller.database.Json;
import io.kronforce.controller.database.Sql;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.domain.listing.StoredKey;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** API keys, stored by SHA-256 hash only. */
public final class ApiKeyStore {
    private static final String COLUMNS =
            "id, key_prefix, key_hash, name, role, created_at_ms, last_used_at_ms, active,"
                    + " allowed_groups_json, ip_allowlist_json, expires_at_ms";

    private final Database db;

    public ApiKeyStore(Database db) {
        this.db = db;
    }

    public void insert(Connection c, StoredKey k) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO api_keys (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                k.id(),
                k.prefix(),
                k.hash(),
                k.name(),
                k.role().wire(),
                k.createdAtMs(),
                k.lastUsedAtMs(),
                k.active(),
                toJson(k.allowedGroups()),
                toJson(k.ipAllowlist()),
                k.expiresAtMs());
    }

    public boolean revoke(Connection c, String id) throws SQLException {
        return Sql.update(c, "UPDATE api_keys SET active=0 WHERE id=?", id) == 1;
    }

    public void touch(Connection c, String id, long atMs) throws SQLException {
        Sql.update(c, "UPDATE api_keys SET last_used_at_ms=? WHERE id=?", atMs, id);
    }

    public List<StoredKey> listAll() {
        return db.read(c ->
                Sql.list(c, "SELECT " + COLUMNS + " FROM api_keys ORDER BY created_at_ms DESC, id", ApiKeyStore::map));
    }

    public List<StoredKey> listActive() {
        return db.read(this::listActive);
    }

    /** The active keys as {@code c} sees them (inside a write: before its own changes commit). */
    public List<StoredKey> listActive(Connection c) throws SQLException {
        return Sql.list(c, "SELECT " + COLUMNS + " FROM api_keys WHERE active=1", ApiKeyStore::map);
    }

    public long countActive(Connection c) throws SQLException {
        return Sql.count(c, "SELECT count(*) FROM api_keys WHERE active=1");
    }

    private static String toJson(List<String> values) {
        if (values == null || values.isEmpty()) {
            return null;
        }
        com.fasterxml.jackson.databind.node.ArrayNode array =
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        values.forEach(array::add);
        return array.toString();
    }

    private static List<String> fromJson(String text) {
        List<String> values = new ArrayList<>();
        JsonNode node = Json.read(text);
        if (node != null) {
            node.forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    private static StoredKey map(ResultSet rs) throws SQLException {
        return new StoredKey(
                rs.getString("id"),
                rs.getString("key_prefix"),
                rs.getString("key_hash"),
                rs.getString("name"),
                Role.parse(rs.getString("role")).orElse(Role.VIEWER),
                rs.getLong("created_at_ms"),
                Sql.nullableLong(rs, "last_used_at_ms"),
                rs.getInt("active") == 1,
                fromJson(rs.getString("allowed_groups_json")),
                fromJson(rs.getString("ip_allowlist_json")),
                Sql.nullableLong(rs, "expires_at_ms"));
    }
}
