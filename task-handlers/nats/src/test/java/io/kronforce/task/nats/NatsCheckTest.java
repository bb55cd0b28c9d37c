package io.kronforce.task.nats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.testkit.LoadedHandler;
import io.kronforce.task.testkit.ReadmeExample;
import java.util.List;
import org.junit.jupiter.api.Test;

class NatsCheckTest {

    private final NatsTaskHandler handler = new NatsTaskHandler(new HandlerSettings(EgressPolicy.publicOnly()));

    @Test
    void acceptsPublishAndRequestTasks() {
        assertEquals(List.of(), handler.check(new NatsTask("nats://h", "a.b", null, null, null, null)));
        assertEquals(List.of(), handler.check(new NatsTask("tls://u:p@h:4443", "a.b", "x", "request", 300_000, null)));
        assertEquals(List.of(), handler.check(new NatsTask(null, "a.b", "x", "publish", null, "nats-prod")));
    }

    @Test
    void rejectsMissingOrWildcardSubjectsUnknownModesAndTimeoutsOutOfRange() {
        assertEquals(List.of("/url", "/subject"), pointers(new NatsTask(null, null, null, null, null, null)));
        assertEquals(List.of("/subject"), pointers(new NatsTask("nats://h", "a.*", null, null, null, null)));
        assertEquals(List.of("/subject"), pointers(new NatsTask("nats://h", "a.>", null, null, null, null)));
        assertEquals(List.of("/mode", "/timeout_ms"), pointers(new NatsTask("nats://h", "a", null, "stream", 0, null)));
        assertEquals(List.of("/timeout_ms"), pointers(new NatsTask("nats://h", "a", null, null, 300_001, null)));
    }

    @Test
    void urlMustBeNatsAndItsErrorHidesTheSecret() {
        for (String url : List.of("http://h", "nats://", "nats://u:Hush 99@h")) {
            List<ConfigViolation> found = handler.check(new NatsTask(url, "a", null, null, null, null));
            assertEquals(
                    List.of("/url"),
                    found.stream().map(ConfigViolation::pointer).toList(),
                    url);
            assertFalse(found.get(0).message().contains("Hush"), found.get(0).message());
        }
    }

    @Test
    void targetSeparatesCredentialsAndMasksThem() {
        assertEquals(new NatsTarget("nats", "h", 4222, "u", "p@ss"), NatsTarget.parse("nats://u:p%40ss@h"));
        assertEquals(new NatsTarget("tls", "h", 4443, null, "tok3n"), NatsTarget.parse("tls://tok3n@h:4443"));
        assertEquals(
                "nats://u:****@h:4222", NatsTarget.parse("nats://u:secret@h").toString());
        assertEquals("nats://****@h:4222", NatsTarget.parse("nats://tok3n@h").toString());
        assertEquals("nats://h:4222", NatsTarget.parse("nats://h").toString());
    }

    @Test
    void readmeExampleBindsAndPassesTheCheck() {
        List<NatsTask> examples = ReadmeExample.tasks("nats", NatsTask.class);
        assertEquals(1, examples.size());
        assertEquals("request", examples.get(0).mode());
        assertEquals(List.of(), handler.check(examples.get(0)));
    }

    @Test
    void serviceLoaderFindsTheProvider() {
        assertInstanceOf(NatsTaskHandler.class, LoadedHandler.of("nats"));
        assertEquals(NatsTask.class, LoadedHandler.of("nats").configType());
    }

    private List<String> pointers(NatsTask task) {
        return handler.check(task).stream().map(ConfigViolation::pointer).toList();
    }
}
