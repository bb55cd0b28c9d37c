package io.kronforce.controller.main;

import io.kronforce.controller.database.Database;
import io.kronforce.controller.database.DatabaseSettings;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.replication.ReplicaSettings;
import io.kronforce.controller.replication.ReplicationStartFailure;
import io.kronforce.controller.replication.Snapshots;
import java.io.PrintStream;
import java.nio.file.Files;
import java.time.InstantSource;
import java.util.Set;

/**
 * {@code kronforce --snapshot | --list-snapshots | --restore-snapshot NAME}: the snapshot chores of
 * docs/REPLICATION.md from the command line. They need {@code KRONFORCE_REPLICA_URL}.
 */
final class SnapshotCommands {
    private static final Set<String> COMMANDS = Set.of("--snapshot", "--list-snapshots", "--restore-snapshot");

    private SnapshotCommands() {}

    static boolean handles(String arg) {
        return COMMANDS.contains(arg);
    }

    /** Runs the command; returns the exit code (0 done, 2 refused or failed). */
    static int run(ControllerSettings settings, String[] args, PrintStream out) {
        if (settings.replica().isEmpty()) {
            System.err.println("kronforce: " + args[0] + " needs KRONFORCE_REPLICA_URL (docs/REPLICATION.md)");
            return 2;
        }
        ReplicaSettings replica = settings.replica().get();
        try {
            switch (args[0]) {
                case "--snapshot" -> {
                    if (!Files.exists(settings.dbFile())) {
                        System.err.println("kronforce: no database at " + settings.dbFile());
                        return 2;
                    }
                    // PASSIVE at close: a running controller's Litestream may be replicating this file.
                    try (Database db = Database.open(new DatabaseSettings(
                            settings.dbFile(), 1, settings.dbTimeout(), true, settings.dbSync()))) {
                        Snapshots.Snapshot s = new Snapshots(replica, db, InstantSource.system()).take();
                        out.println("snapshot " + s.name() + " (" + s.sizeBytes() + " bytes) uploaded");
                    }
                }
                case "--list-snapshots" ->
                    new Snapshots(replica, null, InstantSource.system())
                            .list()
                            .forEach(s -> out.println(s.name() + "\t" + s.sizeBytes() + "\t" + s.takenAt()));
                default -> {
                    if (args.length < 2) {
                        System.err.println(
                                "kronforce: --restore-snapshot needs a snapshot name (see --list-snapshots)");
                        return 2;
                    }
                    long bytes = Snapshots.restore(replica, args[1], settings.dbFile());
                    out.println("restored snapshot " + args[1] + " (" + bytes + " bytes) into " + settings.dbFile());
                }
            }
            return 0;
        } catch (ReplicationStartFailure | KronforceException e) {
            System.err.println("kronforce: " + e.getMessage());
            return 2;
        }
    }
}
