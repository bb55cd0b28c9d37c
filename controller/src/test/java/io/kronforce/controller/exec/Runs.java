package io.kronforce.controller.exec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.worker.host.HandlerCatalog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** Local runs of shell tasks, and the real handler catalog every executor test uses. */
final class Runs {
    private Runs() {}

    /** The real handlers, found through ServiceLoader; loopback allowed, as the tests' peers listen there. */
    static HandlerCatalog registry() {
        return HandlerCatalog.load(new HandlerSettings(EgressPolicy.parse("127.0.0.1/32")));
    }

    static ObjectNode shellTask(String command) {
        return JsonNodeFactory.instance.objectNode().put("type", "shell").put("command", command);
    }

    static LocalRun shell(String command) {
        return run(shellTask(command), Optional.empty(), SecretMask.NONE);
    }

    static LocalRun shell(String command, Duration timeout) {
        return run(shellTask(command), Optional.of(timeout), SecretMask.NONE);
    }

    static LocalRun run(ObjectNode task, Optional<Duration> timeout, SecretMask mask) {
        return new LocalRun(UUID.randomUUID().toString(), 1, task, timeout, Optional.empty(), mask);
    }

    /** A shell fragment that waits until {@code gate} exists (the test creates it to let the run go on). */
    static String waitFor(Path gate) {
        return "while [ ! -e '" + gate + "' ]; do sleep 0.02; done";
    }
}
