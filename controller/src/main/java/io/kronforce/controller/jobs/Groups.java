package io.kronforce.controller.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.journal.AuditTrail;
import io.kronforce.controller.schedule.ScheduleChanges;
import io.kronforce.controller.store.GroupStore;
import io.kronforce.controller.store.JobStore;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Job groups and their pipeline schedules (docs/reference/rest.md#groups-and-pipelines): listing, creating, moving
 * jobs, renaming, and a cron or interval schedule per group that fires the group's root jobs. Moves go through
 * {@link JobCatalog#update}, so each moved job gets its version, event and audit entry. Unlike
 * upstream, a pipeline schedule is validated, and kept in its own table with a persisted next fire.
 */
public final class Groups {
    public static final String DEFAULT = "Default";

    private final Database db;
    private final GroupStore store;
    private final JobStore jobStore;
    private final JobCatalog catalog;
    private final AuditTrail audit;
    private final InstantSource clock;
    private final ScheduleChanges pipelines;

    /** @param pipelines the pipeline timer, told when a group's pipeline schedule changes */
    public Groups(
            Database db,
            GroupStore store,
            JobStore jobStore,
            JobCatalog catalog,
            AuditTrail audit,
            ScheduleChanges pipelines,
            InstantSource clock) {
        this.pipelines = pipelines;
        this.db = db;
        this.store = store;
        this.jobStore = jobStore;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
    }

    /** Every group {@code who} may see, sorted; {@code Default} always among them for an unscoped caller. */
    public List<String> list(Principal who) {
        TreeSet<String> names = new TreeSet<>(store.names());
        names.add(DEFAULT);
        names.removeIf(g -> !who.scope().admits(g));
        return List.copyOf(names);
    }

    /** Creates an empty group (idempotent, as upstream); returns its normalized name. */
    public String create(Principal actor, JsonNode name) {
        String group = name(name);
        actor.scope().require(group);
        db.write(c -> {
            store.ensure(c, group, clock.millis());
            audit.record(c, actor, "group.created", "group", group, null);
            return null;
        });
        return group;
    }

    /** Moves jobs to a group ({@code null} → {@code Default}); every id must exist. Returns how many moved. */
    public int moveJobs(Principal actor, JsonNode jobIds, JsonNode group) {
        SpecFields.requireType(jobIds != null && jobIds.isArray(), "job_ids", "an array of job ids");
        List<String> ids = new ArrayList<>();
        for (JsonNode id : jobIds) {
            SpecFields.requireType(id.isTextual(), "job_ids", "an array of job ids");
            ids.add(catalog.require(actor, id.asText()).id());
        }
        String target = group == null || group.isNull() ? DEFAULT : name(group);
        ids.forEach(id -> catalog.update(actor, id, groupBody(target)));
        return ids.size();
    }

    /** Renames a group: its jobs move, its pipeline follows. Returns how many jobs moved. */
    public int rename(Principal actor, JsonNode from, JsonNode to) {
        SpecFields.requireType(from != null && from.isTextual(), "old_name", "a string");
        String old = from.asText();
        String target = name(to);
        actor.scope().require(old);
        actor.scope().require(target);
        if (old.equals(target)) {
            return 0;
        }
        List<Job> members = jobStore.inGroup(old);
        members.forEach(j -> catalog.update(actor, j.id(), groupBody(target)));
        db.write(c -> {
            store.rename(c, old, target);
            audit.record(c, actor, "group.renamed", "group", target, old + " -> " + target);
            return null;
        });
        pipelines.jobChanged(old);
        pipelines.jobChanged(target);
        return members.size();
    }

    /** The group's pipeline schedule as stored, if it has one. */
    public Optional<JsonNode> pipelineSchedule(Principal who, String group) {
        who.scope().require(group);
        return store.pipeline(group).map(GroupStore.Pipeline::schedule);
    }

    /** Sets a group's pipeline schedule from {@code {"schedule": …}}: cron or interval only. */
    public String setPipeline(Principal actor, String group, ObjectNode body) {
        String name = name(TextNode.valueOf(group));
        actor.scope().require(name);
        JsonNode schedule = pipelineSchedule(body.get("schedule"));
        db.write(c -> {
            store.setPipeline(c, name, schedule, clock.millis());
            audit.record(c, actor, "pipeline.scheduled", "group", name, schedule.toString());
            return null;
        });
        pipelines.jobChanged(name);
        return name;
    }

    /** A pipeline schedule checked and normalised: cron or interval only. */
    public static JsonNode pipelineSchedule(JsonNode given) {
        JsonNode schedule = JobSpecs.schedule(given);
        String type = schedule.path("type").asText();
        if (!type.equals("cron") && !type.equals("interval")) {
            throw new KronforceException.InvalidInput(
                    "/schedule", "a pipeline schedule must be cron or interval, not " + type);
        }
        return schedule;
    }

    /** Tells the pipeline timer that these groups' pipelines changed in a write not made here (an import, a delete-all). */
    public void pipelinesChanged(java.util.Collection<String> groups) {
        groups.forEach(pipelines::jobChanged);
    }

    /** Removes a group's pipeline schedule (nothing to do when it has none). */
    public void clearPipeline(Principal actor, String group) {
        actor.scope().require(group);
        boolean cleared = db.write(c -> {
            boolean had = store.clearPipeline(c, group);
            if (had) {
                audit.record(c, actor, "pipeline.unscheduled", "group", group, null);
            }
            return had;
        });
        if (cleared) {
            pipelines.jobChanged(group);
        }
    }

    /** A group name checked and normalised as a create would ({@code Default} for blank). */
    public static String checkedName(JsonNode v) {
        return name(v);
    }

    private static String name(JsonNode v) {
        SpecFields.requireType(v != null && v.isTextual(), "name", "a string");
        return JobSpecs.group(v);
    }

    private static ObjectNode groupBody(String group) {
        return JsonNodeFactory.instance.objectNode().put("group", group);
    }
}
