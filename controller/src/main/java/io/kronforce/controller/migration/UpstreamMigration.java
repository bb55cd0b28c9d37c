package io.kronforce.controller.migration;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.jobs.JobImports;
import io.kronforce.controller.journal.AuditTrail;
import io.kronforce.controller.resources.SecretBox;
import io.kronforce.controller.resources.Settings;
import io.kronforce.controller.store.AgentStore;
import io.kronforce.controller.store.ExecutionStore;
import io.kronforce.controller.store.GroupStore;
import io.kronforce.controller.store.ImportTargetStore;
import io.kronforce.controller.store.JobStore;
import io.kronforce.controller.store.WebhookStore;
import io.kronforce.controller.store.access.ApiKeyStore;
import io.kronforce.controller.store.resources.ConnectionStore;
import io.kronforce.controller.store.resources.ScriptStore;
import io.kronforce.controller.store.resources.VariableStore;
import io.kronforce.controller.store.upstream.UpstreamDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Brings an upstream installation into this controller's database: every row is read, checked and
 * mapped first; then jobs, versions, groups, variables, connections, scripts, keys and agents are
 * written in one transaction (all or nothing), settings through the settings use case, and the
 * execution history in batches. The target must hold no jobs, runs, variables, connections,
 * scripts, agents or groups: the migration refuses rather than merge two installations.
 */
public final class UpstreamMigration {
    private static final int HISTORY_BATCH = 500;

    private final Stores stores;
    private final JobImports imports;
    private final Settings settings;
    private final SecretBox ours;
    private final InstantSource clock;

    /** Our side: the target database and the stores the migration writes through. */
    public record Stores(
            Database db,
            ImportTargetStore target,
            JobStore jobs,
            WebhookStore webhooks,
            GroupStore groups,
            VariableStore variables,
            ConnectionStore connections,
            ScriptStore scripts,
            ApiKeyStore keys,
            AgentStore agents,
            ExecutionStore executions,
            AuditTrail audit) {}

    /**
     * Upstream's side.
     *
     * @param theirs upstream's key ({@code SecretBox} of its {@code KRONFORCE_ENCRYPTION_KEY}); without one, sealed values cannot be opened
     * @param keySource where upstream's key came from (a flag, a variable), for the report; empty when none was given
     * @param scriptsDir upstream's {@code KRONFORCE_SCRIPTS_DIR}, when there is one
     */
    public record Source(
            UpstreamDatabase db, SecretBox theirs, Optional<String> keySource, Optional<Path> scriptsDir) {}

    /** The target already holds data; the message says what. */
    public static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message);
        }
    }

    public UpstreamMigration(
            Stores stores, JobImports imports, Settings settings, SecretBox ours, InstantSource clock) {
        this.stores = stores;
        this.imports = imports;
        this.settings = settings;
        this.ours = ours;
        this.clock = clock;
    }

    public MigrationReport run(Source source) {
        refuseUnlessEmpty();
        long now = clock.millis();
        MigrationReport report = new MigrationReport();
        SecretScrub scrub = new SecretScrub();
        Set<String> carriedJobs = new HashSet<>();
        Map<String, String> upstreamSettings = source.db().settings();
        writeAll(configuration(source, upstreamSettings, report, scrub, carriedJobs, now));
        carrySettings(upstreamSettings, report);
        HistoryCarrier history = new HistoryCarrier(stores.executions(), scrub, report);
        source.db().executions(HISTORY_BATCH, batch -> writeAll(history.plan(batch, carriedJobs, now)));
        // Last, so that the entry holds every count, settings and history included.
        stores.db().write(c -> {
            stores.audit().record(c, Principal.SYSTEM, "upstream.migrated", "database", null, report.summary());
            return null;
        });
        return report;
    }

    private void refuseUnlessEmpty() {
        Map<String, Long> occupied = stores.db().read(c -> stores.target().occupied(c));
        if (!occupied.isEmpty()) {
            throw new Refused("the target database already holds data ("
                    + occupied.entrySet().stream()
                            .map(e -> e.getKey() + " " + e.getValue())
                            .collect(Collectors.joining(", "))
                    + "); migrate into a new KRONFORCE_DB file");
        }
    }

    /** Every checked write but settings and history: jobs first (the rest may name them). */
    private List<Write> configuration(
            Source source,
            Map<String, String> upstreamSettings,
            MigrationReport report,
            SecretScrub scrub,
            Set<String> carriedJobs,
            long now) {
        ResourceCarrier resources =
                new ResourceCarrier(stores.variables(), stores.connections(), stores.groups(), ours, report, scrub);
        ResourceCarrier.Theirs theirs = new ResourceCarrier.Theirs(source.theirs(), source.keySource());
        AccessCarrier access = new AccessCarrier(stores.keys(), stores.agents(), report);
        List<Write> writes = new ArrayList<>();
        writes.addAll(new JobCarrier(imports, stores.jobs(), stores.webhooks(), report)
                .plan(source.db().jobs(), source.db().jobVersions(), carriedJobs, now));
        writes.addAll(resources.groups(upstreamSettings, now));
        writes.addAll(resources.variables(source.db().variables(), theirs, now));
        writes.addAll(resources.connections(source.db().connections(), theirs, now));
        writes.addAll(scripts(source.scriptsDir(), report));
        writes.addAll(access.keys(
                source.db().apiKeys(),
                hash -> stores.db().read(c -> stores.target().hasKeyHash(c, hash)),
                now));
        writes.addAll(access.agents(source.db().agents(), now));
        if (!ours.enabled()
                && (report.carried().containsKey("secret variables")
                        || report.carried().containsKey("connections"))) {
            report.note("this controller's KRONFORCE_ENCRYPTION_KEY is unset: secret variables and connection"
                    + " configs are stored unsealed (masked in responses all the same)");
        }
        return writes;
    }

    /** One transaction: all of them or none. */
    private void writeAll(List<Write> writes) {
        stores.db().write(c -> {
            for (Write w : writes) {
                w.apply(c);
            }
            return null;
        });
    }

    private List<Write> scripts(Optional<Path> dir, MigrationReport report) {
        return dir.map(d -> {
                    try {
                        return new ScriptFiles(stores.scripts(), report).plan(d);
                    } catch (IOException e) {
                        throw new UncheckedIOException("reading upstream's scripts in " + d, e);
                    }
                })
                .orElseGet(List::of);
    }

    /**
     * Every setting but the group ones (carried as groups), one at a time through the settings use
     * case, which checks the name and seals the secrets in it; a refused one is reported.
     */
    private void carrySettings(Map<String, String> upstream, MigrationReport report) {
        upstream.forEach((key, value) -> {
            if (key.equals(ResourceCarrier.CUSTOM_GROUPS) || key.startsWith(ResourceCarrier.PIPELINE_PREFIX)) {
                return;
            }
            try {
                settings.put(Principal.SYSTEM, Map.of(key, value == null ? "" : value));
                report.carried("settings");
            } catch (KronforceException e) {
                report.notCarried("setting", key, e.getMessage());
            }
        });
    }
}
