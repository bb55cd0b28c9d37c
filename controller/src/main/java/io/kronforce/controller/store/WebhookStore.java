package io.kronforce.controller.store;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.database.Sql;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** Webhook tokens by job, kept only as SHA-256 hashes. Writes take the writer's connection. */
public final class WebhookStore {
    private final Database db;
    private final JobRowCache rows;

    public WebhookStore(Database db) {
        this.db = db;
        this.rows = db.shared(JobRowCache.class, JobRowCache::new);
    }

    /** A stored token: its job and hash. */
    public record Hook(String jobId, String tokenHash) {}

    /** Sets the job's token, replacing any earlier one (the old URL stops working in the same commit). */
    public void replace(Connection c, String jobId, String tokenHash, String tokenPrefix) throws SQLException {
        db.afterTransaction(() -> rows.forget(jobId)); // a job as read carries its token's prefix
        Sql.update(
                c,
                "INSERT INTO webhooks (job_id, token_hash, token_prefix) VALUES (?,?,?) ON CONFLICT(job_id)"
                        + " DO UPDATE SET token_hash=excluded.token_hash, token_prefix=excluded.token_prefix",
                jobId,
                tokenHash,
                tokenPrefix);
    }

    /** Removes the job's token; false when it had none. */
    public boolean delete(Connection c, String jobId) throws SQLException {
        db.afterTransaction(() -> rows.forget(jobId));
        return Sql.update(c, "DELETE FROM webhooks WHERE job_id=?", jobId) == 1;
    }

    /** The webhook whose token hashes to {@code tokenHash}, through the unique index. */
    public Optional<Hook> findByHash(String tokenHash) {
        return db.read(c -> Sql.one(
                c,
                "SELECT job_id, token_hash FROM webhooks WHERE token_hash=?",
                rs -> new Hook(rs.getString(1), rs.getString(2)),
                tokenHash));
    }
}
