package io.kronforce.controller.portability;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.Job;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.ProblemType;
import io.kronforce.controller.jobs.Groups;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.journal.AuditTrail;
import io.kronforce.controller.resources.SecretBox;
import io.kronforce.controller.resources.Settings;
import io.kronforce.controller.resources.Variables;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /api/data/import}: reads an export document (ours or upstream's, unchanged), plans
 * every item against what is stored — create, update, skip or refuse — and applies the plan in one
 * transaction through the writer: all of it, or, when any item is refused, none of it (409 naming
 * every refused item). A dry run plans the same way on a read connection and writes nothing.
 */
public final class DataImport {
    private final Database db;
    private final ImportStores stores;
    private final JobImports jobs;
    private final ResourceImports resources;
    private final JobCatalog catalog;
    private final Variables variables;
    private final Groups groups;
    private final AuditTrail audit;
    private final InstantSource clock;

    public DataImport(
            Database db,
            ImportStores stores,
            JobCatalog catalog,
            Groups groups,
            Variables variables,
            Settings settings,
            SecretBox box,
            AuditTrail audit,
            InstantSource clock) {
        this.db = db;
        this.stores = stores;
        this.jobs = new JobImports(catalog);
        this.resources = new ResourceImports(stores, settings, box);
        this.catalog = catalog;
        this.variables = variables;
        this.groups = groups;
        this.audit = audit;
        this.clock = clock;
    }

    /** Imports {@code body}, or with {@code dryRun} only says what it would do. */
    public ImportResult run(Principal actor, ObjectNode body, boolean dryRun) {
        ImportDocument doc = ImportDocument.read(body);
        if (dryRun) {
            return db.readSnapshot(c -> new ImportResult(true, items(plan(c, doc, actor, new ArrayList<>()))));
        }
        List<Job> restored = new ArrayList<>();
        ImportResult result = db.write(c -> {
            // Planned again inside the transaction, so what is checked is what is written (the
            // writer may run this twice: everything here acts on c alone).
            restored.clear();
            List<Step> steps = plan(c, doc, actor, restored);
            ImportResult r = new ImportResult(false, items(steps));
            if (r.refused()) {
                throw refusal(r);
            }
            for (Step s : steps) {
                s.write().apply(c);
            }
            for (Job job : restored) {
                checkRestored(c, job);
            }
            audit.record(c, actor, "data.imported", "data", null, r.summary());
            return r;
        });
        variables.changed();
        catalog.changedElsewhere(restored.stream().map(Job::id).toList());
        groups.pipelinesChanged(result.items().stream()
                .flatMap(i -> ResourceImports.pipelineGroup(i).stream())
                .toList());
        return result;
    }

    private List<Step> plan(Connection c, ImportDocument doc, Principal actor, List<Job> restored) throws SQLException {
        ImportStores.Existing existing = stores.existing(c);
        long now = clock.millis();
        List<Step> steps = new ArrayList<>(resources.plan(doc, existing, now));
        // Jobs last: their dependencies are checked once every job of the file is written.
        steps.addAll(jobs.plan(doc.jobs(), existing, actor, restored));
        doc.ignored().forEach((section, count) -> {
            for (int i = 0; i < count; i++) {
                steps.add(Step.only(ImportItem.skipped(section, i, null, notImported(section))));
            }
        });
        return steps;
    }

    private static String notImported(String section) {
        return switch (section) {
            case "agents" -> "agents register themselves; not imported";
            case "api_keys" -> "API keys are never imported; create them with POST /api/keys";
            default -> "templates are not imported";
        };
    }

    /** A job's dependencies, once every job is written: a cycle through the file's jobs shows only now. */
    private void checkRestored(Connection c, Job job) throws SQLException {
        try {
            catalog.checkRestored(c, job);
        } catch (KronforceException.InvalidInput e) {
            String why = "job '" + job.name() + "': " + e.getMessage();
            throw new KronforceException.InvalidInput(
                    ProblemType.IMPORT_REFUSED,
                    "import refused, nothing was changed: " + why,
                    List.of(new KronforceException.FieldError("/jobs", why)));
        }
    }

    private static List<ImportItem> items(List<Step> steps) {
        return steps.stream().map(Step::item).toList();
    }

    private static KronforceException refusal(ImportResult r) {
        List<ImportItem> refused = r.refusals();
        return new KronforceException.InvalidInput(
                ProblemType.IMPORT_REFUSED,
                "import refused, nothing was changed: " + refused.size() + " item(s) cannot be imported, first "
                        + describe(refused.get(0)),
                refused.stream()
                        .map(i -> new KronforceException.FieldError(i.pointer(), describe(i)))
                        .toList());
    }

    private static String describe(ImportItem i) {
        return i.section() + (i.name() != null ? " '" + i.name() + "'" : " #" + i.index()) + ": " + i.reason();
    }
}
