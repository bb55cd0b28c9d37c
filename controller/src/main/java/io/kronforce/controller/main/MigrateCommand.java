package io.kronforce.controller.main;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.database.DatabaseSettings;
import io.kronforce.controller.database.StoreException;
import io.kronforce.controller.jobs.JobImports;
import io.kronforce.controller.journal.AuditTrail;
import io.kronforce.controller.migration.MigrationReport;
import io.kronforce.controller.migration.UpstreamMigration;
import io.kronforce.controller.resources.SecretBox;
import io.kronforce.controller.resources.Settings;
import io.kronforce.controller.store.AgentStore;
import io.kronforce.controller.store.AuditStore;
import io.kronforce.controller.store.ExecutionStore;
import io.kronforce.controller.store.GroupStore;
import io.kronforce.controller.store.ImportTargetStore;
import io.kronforce.controller.store.JobStore;
import io.kronforce.controller.store.WebhookStore;
import io.kronforce.controller.store.access.ApiKeyStore;
import io.kronforce.controller.store.resources.ConnectionStore;
import io.kronforce.controller.store.resources.ScriptStore;
import io.kronforce.controller.store.resources.SettingsStore;
import io.kronforce.controller.store.resources.VariableStore;
import io.kronforce.controller.store.upstream.UpstreamDatabase;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;

/**
 * {@code kronforce migrate --from <upstream kronforce.db> [--scripts-dir DIR] [--from-key-file FILE]}:
 * brings an upstream installation into {@code KRONFORCE_DB} (docs/MIGRATING.md) and prints what was
 * carried and what was not. Exit 0 done; 2 bad arguments, an unreadable upstream file, a target
 * that holds data or a controller running on it; 1 a failure while writing.
 */
final class MigrateCommand {
    static final String NAME = "migrate";
    static final String UPSTREAM_KEY_ENV = "KRONFORCE_UPSTREAM_ENCRYPTION_KEY";

    private MigrateCommand() {}

    /** The parsed command line. */
    record Args(Path from, Optional<Path> scriptsDir, Optional<Path> keyFile) {}

    /** A command line that cannot be run; the message is the one line printed. */
    static final class BadArgs extends Exception {
        BadArgs(String message) {
            super(message);
        }
    }

    static Args parse(String[] args) throws BadArgs {
        Path from = null;
        Path scripts = null;
        Path keyFile = null;
        for (int i = 1; i < args.length; i++) {
            String flag = args[i];
            if (!flag.equals("--from") && !flag.equals("--scripts-dir") && !flag.equals("--from-key-file")) {
                throw new BadArgs("migrate: unknown argument '" + flag + "' (see --help)");
            }
            if (i + 1 >= args.length || args[i + 1].isEmpty()) {
                throw new BadArgs("migrate: " + flag + " needs a value");
            }
            Path value = Path.of(args[++i]);
            switch (flag) {
                case "--from" -> from = value;
                case "--scripts-dir" -> scripts = value;
                default -> keyFile = value;
            }
        }
        if (from == null) {
            throw new BadArgs("migrate: --from <upstream kronforce.db> is required");
        }
        return new Args(from, Optional.ofNullable(scripts), Optional.ofNullable(keyFile));
    }

    /** Runs the migration; returns the exit code. */
    static int run(
            ControllerSettings settings,
            String[] argv,
            Map<String, String> env,
            PrintStream out,
            PrintStream err,
            InstantSource clock) {
        try {
            Args args = parse(argv);
            UpstreamKey key = upstreamKey(args, env, settings);
            Optional<Path> scripts = scriptsDir(args);
            try (UpstreamDatabase upstream = UpstreamDatabase.open(args.from())) {
                Optional<InstanceLock> lock = InstanceLock.tryAcquire(settings.dbFile(), false);
                if (lock.isEmpty()) {
                    err.println("kronforce: migrate: a controller is running on " + settings.dbFile() + " (lock "
                            + InstanceLock.fileFor(settings.dbFile()) + "); stop it first");
                    return 2;
                }
                try (Database db = Database.open(
                        new DatabaseSettings(settings.dbFile(), 1, settings.dbTimeout(), false, settings.dbSync()))) {
                    out.println("Migrating " + args.from() + " into " + settings.dbFile()
                            + scripts.map(d -> " (scripts from " + d + ")").orElse(" (no scripts folder)"));
                    MigrationReport report = migration(settings, db, clock)
                            .run(new UpstreamMigration.Source(
                                    upstream, SecretBox.fromPassphrase(key.value()), key.source(), scripts));
                    report.print(out);
                    return 0;
                } finally {
                    lock.get().close();
                }
            }
        } catch (BadArgs e) {
            err.println("kronforce: " + e.getMessage());
            return 2;
        } catch (UpstreamDatabase.Unreadable | UpstreamMigration.Refused e) {
            err.println("kronforce: migrate: " + e.getMessage());
            return 2;
        } catch (IOException | UncheckedIOException | StoreException e) {
            err.println("kronforce: migrate failed: " + e.getMessage());
            return 1;
        }
    }

    private static UpstreamMigration migration(ControllerSettings s, Database db, InstantSource clock) {
        SecretBox ours = SecretBox.fromPassphrase(s.encryptionKey());
        AuditTrail audit = new AuditTrail(new AuditStore(db), clock);
        return new UpstreamMigration(
                new UpstreamMigration.Stores(
                        db,
                        new ImportTargetStore(),
                        new JobStore(db),
                        new WebhookStore(db),
                        new GroupStore(db),
                        new VariableStore(db),
                        new ConnectionStore(db),
                        new ScriptStore(db),
                        new ApiKeyStore(db),
                        new AgentStore(db),
                        new ExecutionStore(db),
                        audit),
                new JobImports(Wiring.handlers(s)),
                new Settings(db, new SettingsStore(db), audit, ours),
                ours,
                clock);
    }

    /** Upstream's key and where it came from: the key file, the variable, or else our own key (the same key kept). */
    private record UpstreamKey(String value, Optional<String> source) {}

    private static UpstreamKey upstreamKey(Args args, Map<String, String> env, ControllerSettings s) throws BadArgs {
        if (args.keyFile().isPresent()) {
            Path file = args.keyFile().get();
            try {
                // The file holds the key as upstream's variable did; a trailing line break is the editor's, not the
                // key's.
                String text = Files.readString(file, StandardCharsets.UTF_8).replaceAll("\\R$", "");
                return new UpstreamKey(text, Optional.of("--from-key-file"));
            } catch (IOException e) {
                throw new BadArgs("migrate: cannot read the key file " + file + ": " + e.getMessage());
            }
        }
        String fromEnv = env.get(UPSTREAM_KEY_ENV);
        if (fromEnv != null && !fromEnv.isEmpty()) {
            return new UpstreamKey(fromEnv, Optional.of(UPSTREAM_KEY_ENV));
        }
        if (s.encryptionKey() != null && !s.encryptionKey().isEmpty()) {
            return new UpstreamKey(s.encryptionKey(), Optional.of("KRONFORCE_ENCRYPTION_KEY (this controller's own)"));
        }
        return new UpstreamKey(null, Optional.empty());
    }

    /** {@code --scripts-dir}, else a {@code scripts} folder beside the upstream file (upstream's default, run from there). */
    private static Optional<Path> scriptsDir(Args args) throws BadArgs {
        if (args.scriptsDir().isPresent()) {
            Path dir = args.scriptsDir().get();
            if (!Files.isDirectory(dir)) {
                throw new BadArgs("migrate: --scripts-dir " + dir + " is not a folder");
            }
            return Optional.of(dir);
        }
        Path beside = args.from().toAbsolutePath().resolveSibling("scripts");
        return Files.isDirectory(beside) ? Optional.of(beside) : Optional.empty();
    }
}
