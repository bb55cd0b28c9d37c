package io.kronforce.controller.replication;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Builds the command lines of the Litestream binary. Credentials are put in the child's
 * environment only: never on its command line, never in its configuration file.
 */
final class LitestreamCommand {
    private final ReplicaSettings settings;
    private final LitestreamConfig config;

    LitestreamCommand(ReplicaSettings settings, LitestreamConfig config) {
        this.settings = settings;
        this.config = config;
    }

    /** Restores the database from the replica only when the file is missing and the replica has one. */
    ProcessBuilder restore() {
        return build(List.of(
                "restore",
                "-config",
                config.file().toString(),
                "-if-db-not-exists",
                "-if-replica-exists",
                config.database().toString()));
    }

    ProcessBuilder replicate() {
        return build(List.of("replicate", "-config", config.file().toString()));
    }

    private ProcessBuilder build(List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(settings.litestream().toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        AwsKeys keys = settings.keys();
        if (keys != null) {
            env.put("LITESTREAM_ACCESS_KEY_ID", keys.accessKeyId());
            env.put("LITESTREAM_SECRET_ACCESS_KEY", keys.secretAccessKey());
            if (keys.sessionToken() != null) {
                env.put("AWS_SESSION_TOKEN", keys.sessionToken());
            }
        }
        return pb;
    }
}
