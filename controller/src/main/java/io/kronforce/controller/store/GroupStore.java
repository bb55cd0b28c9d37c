package io.kronforce.controller.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.database.Database;
import io.kronforce.controller.database.Json;
import io.kronforce.controller.database.Sql;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * Job groups ({@code job_groups}): groups created before any job joined them, and each group's
 * pipeline schedule with its persisted next fire. Groups that jobs name exist without a row.
 * Stateless and thread-safe.
 */
public final class GroupStore {
    private final Database db;

    public GroupStore(Database db) {
        this.db = db;
    }

    /** A group's pipeline: its schedule (null when none), next planned fire and last fire. */
    public record Pipeline(String group, JsonNode schedule, Long nextFireMs, Long lastFiredMs) {}

    private static final String PIPELINE =
            "SELECT name, pipeline_schedule_json, next_fire_ms, last_fired_ms FROM job_groups";

    private static Pipeline map(ResultSet rs) throws SQLException {
        return new Pipeline(
                rs.getString(1),
                Json.read(rs.getString(2)),
                Sql.nullableLong(rs, "next_fire_ms"),
                Sql.nullableLong(rs, "last_fired_ms"));
    }

    /** Adds the group row if missing. */
    public void ensure(Connection c, String name, long nowMs) throws SQLException {
        Sql.update(c, "INSERT INTO job_groups (name, created_at_ms) VALUES (?, ?) ON CONFLICT DO NOTHING", name, nowMs);
    }

    /** Every group name: the rows, and the groups jobs name. */
    public List<String> names() {
        return db.read(this::names);
    }

    public List<String> names(Connection c) throws SQLException {
        return Sql.list(
                c, "SELECT name FROM job_groups UNION SELECT DISTINCT group_name FROM jobs", rs -> rs.getString(1));
    }

    /** Every group with a pipeline schedule (an export). */
    public List<Pipeline> pipelines(Connection c) throws SQLException {
        return Sql.list(c, PIPELINE + " WHERE pipeline_schedule_json IS NOT NULL ORDER BY name", GroupStore::map);
    }

    public Optional<Pipeline> pipeline(String group) {
        return db.read(c ->
                Sql.one(c, PIPELINE + " WHERE name=? AND pipeline_schedule_json IS NOT NULL", GroupStore::map, group));
    }

    /** Sets (or replaces) a group's pipeline schedule; its next fire is planned afresh. */
    public void setPipeline(Connection c, String group, JsonNode schedule, long nowMs) throws SQLException {
        ensure(c, group, nowMs);
        Sql.update(
                c,
                "UPDATE job_groups SET pipeline_schedule_json=?, next_fire_ms=NULL WHERE name=?",
                Json.write(schedule),
                group);
    }

    /** Removes a group's pipeline schedule; false when it had none. */
    public boolean clearPipeline(Connection c, String group) throws SQLException {
        return Sql.update(
                        c,
                        "UPDATE job_groups SET pipeline_schedule_json=NULL, next_fire_ms=NULL WHERE name=?"
                                + " AND pipeline_schedule_json IS NOT NULL",
                        group)
                == 1;
    }

    /**
     * Moves the group row to a new name. When the new name already has a row, the old row's
     * pipeline is dropped in favour of the existing one.
     */
    public void rename(Connection c, String from, String to) throws SQLException {
        if (Sql.count(c, "SELECT count(*) FROM job_groups WHERE name=?", to) > 0) {
            Sql.update(c, "DELETE FROM job_groups WHERE name=?", from);
        } else {
            Sql.update(c, "UPDATE job_groups SET name=? WHERE name=?", to, from);
        }
    }

    /** Pipelines with a planned next fire (loaded into the timer at start). */
    public List<Pipeline> planned() {
        return db.read(c -> Sql.list(c, PIPELINE + " WHERE next_fire_ms IS NOT NULL", GroupStore::map));
    }

    /** Groups with a schedule but nothing planned. */
    public List<String> unplanned() {
        return db.read(c -> Sql.list(
                c,
                "SELECT name FROM job_groups WHERE pipeline_schedule_json IS NOT NULL" + " AND next_fire_ms IS NULL",
                rs -> rs.getString(1)));
    }

    /**
     * Moves the plan on, compare-and-set on the next fire read before: false when another
     * controller or a schedule change got there first. {@code firedMs} is set when this move fires.
     */
    public boolean advance(Connection c, String group, Long expectedNext, Long next, Long firedMs) throws SQLException {
        return Sql.update(
                        c,
                        "UPDATE job_groups SET next_fire_ms=?, last_fired_ms=COALESCE(?, last_fired_ms)"
                                + " WHERE name=? AND next_fire_ms IS ? AND pipeline_schedule_json IS NOT NULL",
                        next,
                        firedMs,
                        group,
                        expectedNext)
                == 1;
    }
}
