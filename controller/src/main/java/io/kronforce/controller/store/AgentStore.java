package io.kronforce.controller.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.kronforce.controller.database.Database;
import io.kronforce.controller.database.Json;
import io.kronforce.controller.database.Sql;
import io.kronforce.controller.domain.Agent;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@code agents} table. */
public final class AgentStore {
    private static final String COLUMNS = "id, name, tags_json, hostname, address, port, agent_type, status,"
            + " last_heartbeat_ms, registered_at_ms, task_types_json, system_info_json, tls";

    private final Database db;

    public AgentStore(Database db) {
        this.db = db;
    }

    public List<Agent> list() {
        return db.read(c -> Sql.list(c, "SELECT " + COLUMNS + " FROM agents ORDER BY name", AgentStore::map));
    }

    public Optional<Agent> find(String id) {
        return db.read(c -> find(c, id));
    }

    public Optional<Agent> find(Connection c, String id) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM agents WHERE id=?", AgentStore::map, id);
    }

    public Optional<Agent> findByName(Connection c, String name) throws SQLException {
        return Sql.one(c, "SELECT " + COLUMNS + " FROM agents WHERE name=?", AgentStore::map, name);
    }

    /** Inserts a new agent, or refreshes the one of that name keeping its id, registration time and task types. */
    public void upsert(Connection c, Agent a) throws SQLException {
        Sql.update(
                c,
                "INSERT INTO agents (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
                        + " ON CONFLICT(name) DO UPDATE SET tags_json=excluded.tags_json, hostname=excluded.hostname,"
                        + " address=excluded.address, port=excluded.port, agent_type=excluded.agent_type,"
                        + " status=excluded.status, last_heartbeat_ms=excluded.last_heartbeat_ms,"
                        + " system_info_json=excluded.system_info_json, tls=excluded.tls,"
                        + " task_types_json=CASE WHEN agents.task_types_json='[]' THEN excluded.task_types_json"
                        + " ELSE agents.task_types_json END",
                a.id(),
                a.name(),
                Json.write(tags(a.tags())),
                a.hostname(),
                a.address(),
                a.port(),
                a.agentType(),
                a.status(),
                a.lastHeartbeatMs(),
                a.registeredAtMs(),
                Json.write(a.taskTypes()),
                a.systemInfo() == null ? null : Json.write(a.systemInfo()),
                a.tls() ? 1 : 0);
    }

    /**
     * What is kept of the key the controller presents when pushing to an agent.
     *
     * @param sealed the key as the caller sealed it ({@code enc:…}; the column takes nothing else), or null
     * @param hash its SHA-256 hex, as {@code api_keys} keeps keys, or null
     */
    public record KeptKey(String sealed, String hash) {}

    /** Sets (or, with nulls, clears) what is kept of the agent's dispatch key. */
    public void setDispatchKey(Connection c, String id, KeptKey key) throws SQLException {
        Sql.update(c, "UPDATE agents SET dispatch_key=?, dispatch_key_hash=? WHERE id=?", key.sealed(), key.hash(), id);
    }

    /** What is kept of every agent's dispatch key, by agent id (agents with nothing kept are left out). */
    public Map<String, KeptKey> dispatchKeys() {
        return db.read(c -> {
            Map<String, KeptKey> out = new HashMap<>();
            for (Map.Entry<String, KeptKey> e : Sql.list(
                    c,
                    "SELECT id, dispatch_key, dispatch_key_hash FROM agents"
                            + " WHERE dispatch_key IS NOT NULL OR dispatch_key_hash IS NOT NULL",
                    rs -> Map.entry(
                            rs.getString("id"),
                            new KeptKey(rs.getString("dispatch_key"), rs.getString("dispatch_key_hash"))))) {
                out.put(e.getKey(), e.getValue());
            }
            return out;
        });
    }

    /** Marks the agent seen now (and online); false when no such agent exists. */
    public boolean touch(Connection c, String id, long nowMs) throws SQLException {
        return Sql.update(c, "UPDATE agents SET last_heartbeat_ms=?, status='online' WHERE id=?", nowMs, id) == 1;
    }

    public boolean setTaskTypes(Connection c, String id, JsonNode taskTypes) throws SQLException {
        return Sql.update(c, "UPDATE agents SET task_types_json=? WHERE id=?", Json.write(taskTypes), id) == 1;
    }

    public boolean delete(Connection c, String id) throws SQLException {
        return Sql.update(c, "DELETE FROM agents WHERE id=?", id) == 1;
    }

    /** Turns online agents silent since {@code cutoffMs} offline; returns them as they were. */
    public List<Agent> markSilentOffline(Connection c, long cutoffMs) throws SQLException {
        List<Agent> silent = Sql.list(
                c,
                "SELECT " + COLUMNS + " FROM agents WHERE status='online'" + " AND last_heartbeat_ms < ?",
                AgentStore::map,
                cutoffMs);
        List<Agent> changed = new ArrayList<>();
        for (Agent a : silent) {
            // Conditional: a heartbeat that landed between the read and this write keeps it online.
            if (Sql.update(
                            c,
                            "UPDATE agents SET status='offline' WHERE id=? AND status='online'"
                                    + " AND last_heartbeat_ms < ?",
                            a.id(),
                            cutoffMs)
                    == 1) {
                changed.add(a);
            }
        }
        return changed;
    }

    private static ArrayNode tags(List<String> tags) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        tags.forEach(out::add);
        return out;
    }

    private static Agent map(ResultSet rs) throws SQLException {
        List<String> tags = new ArrayList<>();
        Json.read(rs.getString("tags_json")).forEach(t -> tags.add(t.asText()));
        String info = rs.getString("system_info_json");
        return new Agent(
                rs.getString("id"),
                rs.getString("name"),
                tags,
                rs.getString("hostname"),
                rs.getString("address"),
                rs.getInt("port"),
                rs.getString("agent_type"),
                rs.getString("status"),
                rs.getLong("last_heartbeat_ms"),
                rs.getLong("registered_at_ms"),
                Json.read(rs.getString("task_types_json")),
                info == null ? null : Json.read(info),
                rs.getInt("tls") == 1);
    }
}
