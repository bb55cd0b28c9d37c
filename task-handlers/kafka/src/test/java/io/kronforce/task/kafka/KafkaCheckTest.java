package io.kronforce.task.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskOutcome;
import io.kronforce.task.testkit.LoadedHandler;
import io.kronforce.task.testkit.ReadmeExample;
import io.kronforce.task.testkit.TestTaskContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KafkaCheckTest {

    private final HandlerSettings settings = new HandlerSettings(EgressPolicy.publicOnly());
    private final KafkaTaskHandler produce = new KafkaTaskHandler(settings);
    private final KafkaConsumeTaskHandler consume = new KafkaConsumeTaskHandler(settings);

    @Test
    void produceNeedsBrokerTopicAndMessage() {
        assertEquals(List.of(), produce.check(new KafkaTask("k1:9092,k2", "t", "", null, null, null, null, null)));
        assertEquals(
                List.of("/broker", "/topic", "/message"),
                pointers(produce.check(new KafkaTask(null, " ", null, null, null, null, null, null))));
        assertEquals(List.of(), produce.check(new KafkaTask(null, "t", "m", "k", null, null, null, "kafka-prod")));
        assertEquals(List.of(), produce.check(new KafkaTask("{{KAFKA}}", "t", "m", null, null, null, null, null)));
    }

    @Test
    void brokerMustBeHostPortEntries() {
        for (String broker : List.of("k1:0", "k1:x", "a b:9092", "user@k1:9092", "[::1", "k1:9092,")) {
            assertEquals(
                    List.of("/broker"),
                    pointers(produce.check(new KafkaTask(broker, "t", "m", null, null, null, null, null))),
                    broker);
        }
        assertEquals(
                List.of(
                        new KafkaTarget.Server("k1", 9092),
                        new KafkaTarget.Server("::1", 19092),
                        new KafkaTarget.Server("k3", 9093)),
                KafkaTarget.servers("k1, [::1]:19092,PLAINTEXT://k3:9093"));
    }

    @Test
    void propertiesAreAShortAllowList() {
        assertEquals(
                List.of(),
                produce.check(new KafkaTask(
                        "k",
                        "t",
                        "m",
                        null,
                        "--producer-property compression.type=gzip --producer-property security.protocol=SASL_SSL",
                        null,
                        null,
                        null)));
        for (String bad : List.of(
                "acks=0",
                "bootstrap.servers=10.0.0.1:9092",
                "interceptor.classes=x.Y",
                "security.protocol=BOGUS",
                "compression.type",
                "--property parse.key=true")) {
            assertEquals(
                    List.of("/properties"),
                    pointers(produce.check(new KafkaTask("k", "t", "m", null, bad, null, null, null))),
                    bad);
        }
    }

    @Test
    void consumeNeedsATopicAndBoundedCountAndAKnownOffset() {
        assertEquals(
                List.of(), consume.check(new KafkaConsumeTask("k", "t", "g", 10_000, "earliest", null, null, null)));
        assertEquals(
                List.of("/broker", "/topic"),
                pointers(consume.check(new KafkaConsumeTask("", "", null, null, null, null, null, null))));
        assertEquals(
                List.of("/group_id", "/max_messages", "/offset"),
                pointers(consume.check(new KafkaConsumeTask("k", "t", " ", 0, "beginning", null, null, null))));
        assertEquals(
                List.of("/max_messages"),
                pointers(consume.check(new KafkaConsumeTask("k", "t", null, 10_001, null, null, null, null))));
    }

    @Test
    void saslConfigQuotesTheCredentialsAndNothingShowsThePassword() {
        KafkaTarget target = KafkaTarget.of("k1:9092", null, "al\"ice", "pa\\ss\"word");
        Map<String, Object> config = target.clientConfig(Duration.ofSeconds(3));
        assertEquals("SASL_PLAINTEXT", config.get("security.protocol"));
        assertEquals("PLAIN", config.get("sasl.mechanism"));
        assertEquals(
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"al\\\"ice\" "
                        + "password=\"pa\\\\ss\\\"word\";",
                config.get("sasl.jaas.config"));
        assertEquals(3000, config.get("request.timeout.ms"));
        assertEquals("al\"ice:****@k1:9092", target.toString());
        assertEquals("bad **** here", KafkaTarget.of("k1", null, "u", "pass").scrub("bad pass here"));
        assertEquals(
                "SASL_SSL",
                KafkaTarget.of("k1", "security.protocol=SASL_SSL", "u", "p")
                        .clientConfig(Duration.ofSeconds(1))
                        .get("security.protocol"));
        assertEquals(
                null,
                KafkaTarget.of("k1", null, null, null)
                        .clientConfig(Duration.ofSeconds(1))
                        .get("sasl.jaas.config"));
    }

    @Test
    void aTaskThatFailsItsCheckFailsWithoutRetryAndWithoutNetwork() throws Exception {
        TaskOutcome.Failed failed = assertInstanceOf(
                TaskOutcome.Failed.class,
                produce.run(
                        new KafkaTask("k1:9092", null, "m", null, null, null, null, null), TestTaskContext.plain()));
        assertEquals("invalid kafka task: /topic topic is required", failed.reason());
        TaskOutcome.Failed noBroker = assertInstanceOf(
                TaskOutcome.Failed.class,
                consume.run(
                        new KafkaConsumeTask(null, "t", null, null, null, null, null, "gone"),
                        TestTaskContext.plain()));
        assertTrue(noBroker.reason().contains("/broker is missing"), noBroker.reason());
        assertThrows(IllegalArgumentException.class, () -> KafkaTarget.servers("k:99999"));
    }

    @Test
    void readmeExamplesBindAndPassTheCheck() {
        List<KafkaTask> produces = ReadmeExample.tasks("kafka", KafkaTask.class);
        List<KafkaConsumeTask> consumes = ReadmeExample.tasks("kafka_consume", KafkaConsumeTask.class);
        assertEquals(1, produces.size());
        assertEquals(1, consumes.size());
        assertEquals(List.of(), produce.check(produces.get(0)));
        assertEquals(List.of(), consume.check(consumes.get(0)));
    }

    @Test
    void serviceLoaderFindsBothProviders() {
        assertInstanceOf(KafkaTaskHandler.class, LoadedHandler.of("kafka"));
        assertInstanceOf(KafkaConsumeTaskHandler.class, LoadedHandler.of("kafka_consume"));
        assertEquals(KafkaConsumeTask.class, LoadedHandler.of("kafka_consume").configType());
    }

    private static List<String> pointers(List<ConfigViolation> found) {
        return found.stream().map(ConfigViolation::pointer).toList();
    }
}
