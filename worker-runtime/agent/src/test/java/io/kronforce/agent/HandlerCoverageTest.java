package io.kronforce.agent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.worker.host.HandlerCatalog;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The agent carries every task handler module the controller carries (upstream's agent cannot run scripts). */
class HandlerCoverageTest {
    @Test
    void every_built_in_type_is_on_the_agents_class_path() {
        Set<String> types = HandlerCatalog.load(new HandlerSettings(EgressPolicy.parse(""))).types();
        assertTrue(types.containsAll(Set.of("shell", "http", "ftp", "file_push", "s3")), types.toString());
    }
}
