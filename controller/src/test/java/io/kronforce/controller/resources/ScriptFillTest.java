package io.kronforce.controller.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.fixtures.TestDatabase;
import io.kronforce.controller.journal.AuditTrail;
import io.kronforce.controller.journal.EventLog;
import io.kronforce.controller.store.resources.ScriptStore;
import java.nio.file.Path;
import java.time.InstantSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run-preparation step that copies stored scripts into script and docker_build tasks, on a real file. */
class ScriptFillTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private TestDatabase tdb;
    private Scripts scripts;

    @BeforeEach
    void open() {
        tdb = TestDatabase.open(dir);
        InstantSource clock = InstantSource.system();
        scripts = new Scripts(
                tdb.db(),
                new ScriptStore(tdb.db()),
                new AuditTrail(tdb.audit(), clock),
                new EventLog(tdb.events(), clock),
                clock);
        scripts.save(Principal.SYSTEM, "report", "print(1)", null);
        scripts.save(Principal.SYSTEM, "image", "FROM scratch", Scripts.DOCKERFILE);
    }

    @AfterEach
    void close() {
        tdb.close();
    }

    private static ObjectNode task(String type, String name) {
        return JSON.createObjectNode().put("type", type).put("script_name", name);
    }

    @Test
    void aScriptTaskGetsTheCodeOnACopy() {
        ObjectNode written = task("script", "report");
        ScriptFill.Result r = ScriptFill.apply(written, scripts);
        assertNull(r.blocked());
        assertEquals("print(1)", r.task().path("script").asText());
        assertEquals("report", r.task().path("script_name").asText());
        assertFalse(written.has("script"), "the task as written (the snapshot) is untouched");
    }

    @Test
    void aDockerBuildTaskGetsTheDockerfile() {
        ScriptFill.Result r = ScriptFill.apply(task("docker_build", "image").put("image_tag", "x:1"), scripts);
        assertNull(r.blocked());
        assertEquals("FROM scratch", r.task().path("dockerfile").asText());
    }

    @Test
    void aMissingNameOrAScriptOfTheOtherTypeBlocksTheRun() {
        assertEquals(
                "rhai script 'gone' not found",
                ScriptFill.apply(task("script", "gone"), scripts).blocked());
        assertEquals(
                "rhai script 'image' not found",
                ScriptFill.apply(task("script", "image"), scripts).blocked());
        assertEquals(
                "dockerfile script 'report' not found",
                ScriptFill.apply(task("docker_build", "report"), scripts).blocked());
    }

    @Test
    void otherTasksAndInlineScriptsPassThroughUnchanged() {
        ObjectNode shell = JSON.createObjectNode()
                .put("type", "shell")
                .put("command", "true")
                .put("script_name", "report");
        assertSame(shell, ScriptFill.apply(shell, scripts).task());
        ObjectNode inline = JSON.createObjectNode().put("type", "script").put("script", "print(2)");
        assertSame(inline, ScriptFill.apply(inline, scripts).task());
    }
}
