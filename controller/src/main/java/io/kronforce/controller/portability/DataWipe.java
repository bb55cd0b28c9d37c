package io.kronforce.controller.portability;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.jobs.Groups;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.journal.AuditTrail;
import io.kronforce.controller.resources.Variables;
import io.kronforce.controller.store.DataStore;
import io.kronforce.controller.store.GroupStore;
import io.kronforce.controller.store.JobStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code DELETE /api/data/delete}: removes jobs (with their versions, runs, retries, webhooks),
 * groups, variables, connections, scripts, events and pending notifications in one transaction,
 * audited as {@code data.deleted}. API keys, browser sessions, agents, settings and the audit log
 * stay: the admin who asked can still get in, and the record of who deleted what survives. Refused
 * (409) while runs are pending or running, whose results would otherwise have nowhere to go.
 */
public final class DataWipe {
    private final Database db;
    private final DataStore store;
    private final JobStore jobs;
    private final GroupStore groupStore;
    private final Groups groups;
    private final JobCatalog catalog;
    private final Variables variables;
    private final AuditTrail audit;

    public DataWipe(
            Database db,
            DataStore store,
            ImportStores stores,
            JobCatalog catalog,
            Groups groups,
            Variables variables,
            AuditTrail audit) {
        this.db = db;
        this.store = store;
        this.jobs = stores.jobs();
        this.groupStore = stores.groups();
        this.groups = groups;
        this.catalog = catalog;
        this.variables = variables;
        this.audit = audit;
    }

    /** What was removed. */
    public record Removed(long jobs, Map<String, Long> rows) {}

    private record Wiped(List<String> jobIds, List<String> groups, Map<String, Long> rows) {}

    public Removed deleteAll(Principal actor) {
        Wiped wiped = db.write(c -> {
            long active = store.activeRuns(c);
            if (active > 0) {
                throw new KronforceException.Conflict(
                        ProblemType.RUNS_IN_PROGRESS,
                        active + " run(s) are pending or running: cancel them or let them finish, then delete");
            }
            List<String> ids = new ArrayList<>(jobs.idsAndNames(c).keySet());
            List<String> groupNames = groupStore.names(c);
            Map<String, Long> rows = store.deleteAll(c);
            audit.record(c, actor, "data.deleted", "data", null, rows.toString());
            return new Wiped(ids, groupNames, rows);
        });
        variables.changed();
        catalog.changedElsewhere(wiped.jobIds());
        groups.pipelinesChanged(wiped.groups());
        return new Removed(wiped.jobIds().size(), wiped.rows());
    }
}
