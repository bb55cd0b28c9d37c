package io.kronforce.controller.system;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.journal.AuditTrail;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /api/admin/vacuum}: compacts the database file through the single writer and audits
 * it as {@code settings.vacuum}. Refused while Litestream replicates the file: VACUUM rewrites every
 * page and its TRUNCATE checkpoint waits on Litestream's read transaction, blocking every write for
 * the busy timeout; Litestream would then start over with a full snapshot (decision 0051,
 * docs/REPLICATION.md). A replicated database is compacted by restoring a snapshot instead.
 */
public final class Vacuum {
    /** What the answer carries: sizes in bytes and how long it took. */
    public record Result(long sizeBefore, long sizeAfter, long elapsedMillis) {}

    private final Database db;
    private final AuditTrail audit;
    private final boolean replicated;

    public Vacuum(Database db, AuditTrail audit, boolean replicated) {
        this.db = db;
        this.audit = audit;
        this.replicated = replicated;
    }

    public Result run(Principal actor) {
        if (replicated) {
            throw new KronforceException.Conflict(
                    ProblemType.NOT_WHILE_REPLICATING,
                    "VACUUM is refused while the database is replicated with Litestream: it would block writes and"
                            + " restart the replica from a full snapshot; restore a snapshot to compact the file");
        }
        long started = System.nanoTime();
        Database.Vacuumed done = db.vacuum();
        long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        db.write(c -> {
            audit.record(
                    c,
                    actor,
                    "settings.vacuum",
                    "database",
                    null,
                    "size_before=" + done.sizeBefore() + " size_after=" + done.sizeAfter());
            return null;
        });
        return new Result(done.sizeBefore(), done.sizeAfter(), elapsed);
    }
}
