package io.kronforce.controller.firing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.kronforce.controller.access.ApiKeys;
import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.Execution;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.domain.Role;
import io.kronforce.controller.executions.ExecutionControl;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.journal.AuditTrail;
import io.kronforce.controller.store.WebhookStore;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Webhook URLs (docs/reference/rest.md#jobs): a job's token is 16 random bytes as 32 hex digits, shown once when it
 * is created and stored only as SHA-256, so a copy of the database yields no usable URL (upstream
 * stores it in clear and shows it to every reader). A call with the token triggers the job through
 * {@link ExecutionControl#trigger} — the REST trigger's path: parameter checks, fire gate, audit,
 * {@code job.triggered} event — with {@code triggered_by {"type":"webhook","token_prefix":…}}.
 */
public final class Webhooks {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern TOKEN = Pattern.compile("[0-9a-f]{32}");
    private static final int PREFIX = 8;

    private final Database db;
    private final WebhookStore store;
    private final JobCatalog jobs;
    private final ExecutionControl executions;
    private final AuditTrail audit;

    /** A token just issued: shown to the caller once, never stored. */
    public record Issued(String token, String url) {}

    /** A webhook call's result: the job it triggered and the execution as recorded. */
    public record Fired(String jobId, Execution execution) {}

    public Webhooks(Database db, WebhookStore store, JobCatalog jobs, ExecutionControl executions, AuditTrail audit) {
        this.db = db;
        this.store = store;
        this.jobs = jobs;
        this.executions = executions;
        this.audit = audit;
    }

    /** Issues a new token for the job, replacing (and so disabling) any earlier one. */
    public Issued create(Principal actor, String jobId) {
        Job job = jobs.require(actor, jobId);
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String token = HexFormat.of().formatHex(bytes);
        String prefix = token.substring(0, PREFIX);
        db.write(c -> {
            store.replace(c, job.id(), ApiKeys.hash(token), prefix);
            audit(c, actor, "webhook.created", job, prefix);
            return null;
        });
        return new Issued(token, "/api/webhooks/" + token);
    }

    /** Removes the job's webhook; a job without one is left as it is. */
    public void delete(Principal actor, String jobId) {
        Job job = jobs.require(actor, jobId);
        db.write(c -> {
            if (store.delete(c, job.id())) {
                audit(c, actor, "webhook.deleted", job, job.webhookPrefix());
            }
            return null;
        });
    }

    private void audit(Connection c, Principal actor, String operation, Job job, String prefix) throws SQLException {
        audit.record(c, actor, operation, "job", job.id(), "token " + prefix + "…");
    }

    /**
     * Triggers the job whose token this is, with optional {@code params} (checked against its
     * declared parameters). An unknown or malformed token is 404 without saying which.
     */
    public Fired fire(String token, JsonNode params) {
        String hash = token != null && TOKEN.matcher(token).matches() ? ApiKeys.hash(token) : null;
        WebhookStore.Hook hook = hash == null ? null : store.findByHash(hash).orElse(null);
        // Found through the hash index; compared again in constant time so no path compares token text.
        if (hook == null
                || !MessageDigest.isEqual(
                        hash.getBytes(StandardCharsets.US_ASCII),
                        hook.tokenHash().getBytes(StandardCharsets.US_ASCII))) {
            throw new KronforceException.NotFound(ProblemType.WEBHOOK_NOT_FOUND, "invalid webhook token");
        }
        String prefix = token.substring(0, PREFIX);
        Principal caller = new Principal(null, "webhook " + prefix + "…", Role.OPERATOR, List.of());
        Execution stored = executions.triggered(
                caller,
                hook.jobId(),
                params,
                false,
                JsonNodeFactory.instance.objectNode().put("type", "webhook").put("token_prefix", prefix));
        return new Fired(hook.jobId(), stored);
    }
}
