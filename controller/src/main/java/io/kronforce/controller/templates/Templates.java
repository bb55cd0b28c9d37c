package io.kronforce.controller.templates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.domain.listing.JobTemplate;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.jobs.SpecFields;
import io.kronforce.controller.journal.AuditTrail;
import io.kronforce.controller.store.resources.TemplateStore;
import java.time.InstantSource;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Job templates: upstream's save (create or replace), list, read and delete, plus saving a job as a
 * template and creating a job from one. A template must be able to make a job: when saved, its
 * definition (with a stand-in name, and {@code on_demand} if it has no schedule) is checked exactly as
 * a new job would be, so a broken template is refused when saved, not when used. Saves and deletes are
 * audited.
 */
public final class Templates {
    /** Any printable text but '/', so every name can be addressed as one path segment. */
    private static final Pattern NAME = Pattern.compile("[^/\\p{Cntrl}]{1,255}");
    /** Members of a job's JSON that belong to the stored row, not to the definition a template keeps. */
    private static final List<String> NOT_DEFINITION = List.of(
            "id",
            "name",
            "status",
            "created_by",
            "created_at",
            "updated_at",
            "webhook_token",
            "webhook_token_prefix",
            "webhook_url");

    private final Database db;
    private final TemplateStore store;
    private final JobCatalog jobs;
    private final AuditTrail audit;
    private final InstantSource clock;

    public Templates(Database db, TemplateStore store, JobCatalog jobs, AuditTrail audit, InstantSource clock) {
        this.db = db;
        this.store = store;
        this.jobs = jobs;
        this.audit = audit;
        this.clock = clock;
    }

    public List<JobTemplate> list() {
        return store.list();
    }

    public JobTemplate get(String name) {
        return store.find(name).orElseThrow(Templates::notFound);
    }

    /** Upstream's {@code {"name","description"?,"snapshot":{…}}}: creates or replaces the template. */
    public JobTemplate save(Principal actor, ObjectNode body) {
        JsonNode snapshot = body.get("snapshot");
        SpecFields.requireType(snapshot != null && snapshot.isObject(), "snapshot", "an object");
        return store(actor, name(body), description(body), definition((ObjectNode) snapshot));
    }

    /** Saves a stored job's definition (everything but its identity and status) as a template. */
    public JobTemplate saveJob(Principal actor, String jobId, ObjectNode body) {
        Job job = jobs.require(actor, jobId);
        ObjectNode definition = JsonNodeFactory.instance.objectNode();
        job.spec().toJson().properties().forEach(f -> {
            if (!f.getValue().isNull()) {
                definition.set(f.getKey(), f.getValue());
            }
        });
        String description =
                body.has("description") ? description(body) : job.spec().description();
        return store(actor, name(body), description, definition);
    }

    public void delete(Principal actor, String name) {
        db.write(c -> {
            if (!store.delete(c, name)) {
                throw notFound();
            }
            audit.record(c, actor, "template.deleted", "template", name, null);
            return null;
        });
    }

    /**
     * A new job from the template: its definition, then the body's job fields over it (the body must
     * name the job; the schedule is {@code on_demand} when neither gives one), then the body's
     * {@code params} filled into its placeholders. Created through the jobs catalogue: the same checks,
     * version, event and audit as {@code POST /api/jobs}.
     */
    public Job createJob(Principal actor, String name, ObjectNode body) {
        ObjectNode definition = get(name).snapshot().deepCopy();
        body.properties().forEach(f -> {
            if (!f.getValue().isNull() && !f.getKey().equals("params")) {
                definition.set(f.getKey(), f.getValue());
            }
        });
        if (!definition.hasNonNull("schedule")) {
            definition.putObject("schedule").put("type", "on_demand");
        }
        return jobs.create(actor, TemplateParameters.fill(definition, body.get("params")));
    }

    private JobTemplate store(Principal actor, String name, String description, ObjectNode definition) {
        ObjectNode candidate = definition.deepCopy().put("name", "template check");
        if (!candidate.hasNonNull("schedule")) {
            candidate.putObject("schedule").put("type", "on_demand");
        }
        jobs.validate(candidate);
        JobTemplate template = new JobTemplate(name, description, definition, actor.keyName(), clock.millis());
        db.write(c -> {
            store.save(c, template);
            audit.record(c, actor, "template.saved", "template", name, description);
            return null;
        });
        return template;
    }

    /** The snapshot without the members that describe a stored job rather than a definition. */
    private static ObjectNode definition(ObjectNode snapshot) {
        ObjectNode out = snapshot.deepCopy();
        out.remove(NOT_DEFINITION);
        return out;
    }

    private static String name(ObjectNode body) {
        JsonNode name = body.get("name");
        if (name == null || name.isNull() || (name.isTextual() && name.asText().isBlank())) {
            throw new KronforceException.InvalidInput("/name", "template name required");
        }
        SpecFields.requireType(name.isTextual(), "name", "a string");
        String value = name.asText().trim();
        if (!NAME.matcher(value).matches()) {
            throw new KronforceException.InvalidInput(
                    "/name", "template name must be 1-255 characters, without '/' or control characters");
        }
        return value;
    }

    private static String description(ObjectNode body) {
        JsonNode d = body.get("description");
        if (d == null || d.isNull()) {
            return null;
        }
        SpecFields.requireType(d.isTextual(), "description", "a string");
        if (d.asText().length() > 10_000) {
            throw new KronforceException.InvalidInput("/description", "description is longer than 10000 characters");
        }
        return d.asText();
    }

    private static KronforceException notFound() {
        return new KronforceException.NotFound(ProblemType.TEMPLATE_NOT_FOUND, "template not found");
    }
}
