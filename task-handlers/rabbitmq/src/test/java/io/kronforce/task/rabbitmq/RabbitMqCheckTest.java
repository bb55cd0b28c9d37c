package io.kronforce.task.rabbitmq;

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

class RabbitMqCheckTest {

    private final HandlerSettings settings = new HandlerSettings(EgressPolicy.publicOnly());
    private final RabbitMqTaskHandler publish = new RabbitMqTaskHandler(settings);
    private final RabbitMqConsumeTaskHandler consume = new RabbitMqConsumeTaskHandler(settings);

    @Test
    void publishNeedsUrlExchangeRoutingKeyAndMessage() {
        assertEquals(List.of(), publish.check(new RabbitMqTask("amqps://u:p@mq/vh", "", "", "", null, null)));
        assertEquals(
                List.of("/url", "/exchange", "/routing_key", "/message"),
                pointers(publish.check(new RabbitMqTask(null, null, null, null, null, null))));
        assertEquals(
                List.of("/content_type"),
                pointers(publish.check(new RabbitMqTask("amqp://mq", "x", "k", "m", " ", null))));
        assertEquals(List.of(), publish.check(new RabbitMqTask(null, "x", "k", "m", null, "rabbit-prod")));
        assertEquals(List.of(), publish.check(new RabbitMqTask("{{AMQP_URL}}", "x", "k", "m", null, null)));
    }

    @Test
    void urlMustBeAnAmqpUrlAndItsErrorHidesThePassword() {
        for (String url : List.of("http://mq", "amqp://", "amqp://u:Hidden 1@mq")) {
            List<ConfigViolation> found = publish.check(new RabbitMqTask(url, "", "k", "m", null, null));
            assertEquals(List.of("/url"), pointers(found), url);
            assertFalse(found.get(0).message().contains("Hidden"), found.get(0).message());
        }
    }

    @Test
    void consumeNeedsAQueueAndABoundedCount() {
        assertEquals(List.of(), consume.check(new RabbitMqConsumeTask("amqp://mq", "q", 10_000, null)));
        assertEquals(List.of("/url", "/queue"), pointers(consume.check(new RabbitMqConsumeTask("", "", null, null))));
        assertEquals(
                List.of("/max_messages"), pointers(consume.check(new RabbitMqConsumeTask("amqp://mq", "q", 0, null))));
        assertEquals(
                List.of("/max_messages"),
                pointers(consume.check(new RabbitMqConsumeTask("amqp://mq", "q", 10_001, null))));
    }

    @Test
    void targetMasksThePassword() {
        assertEquals(
                "amqp://u:****@mq:5673/vh",
                AmqpTarget.parse("amqp://u:S3cret@mq:5673/vh").toString());
        assertEquals("amqps://mq", AmqpTarget.parse("amqps://mq").toString());
        assertEquals("amqp://u@mq/%2F", AmqpTarget.parse("amqp://u@mq/%2F").toString());
    }

    @Test
    void readmeExamplesBindAndPassTheCheck() {
        List<RabbitMqTask> publishes = ReadmeExample.tasks("rabbitmq", RabbitMqTask.class);
        List<RabbitMqConsumeTask> consumes = ReadmeExample.tasks("rabbitmq_consume", RabbitMqConsumeTask.class);
        assertEquals(1, publishes.size());
        assertEquals(1, consumes.size());
        assertEquals(List.of(), publish.check(publishes.get(0)));
        assertEquals(List.of(), consume.check(consumes.get(0)));
    }

    @Test
    void serviceLoaderFindsBothProviders() {
        assertInstanceOf(RabbitMqTaskHandler.class, LoadedHandler.of("rabbitmq"));
        assertInstanceOf(RabbitMqConsumeTaskHandler.class, LoadedHandler.of("rabbitmq_consume"));
        assertEquals(
                RabbitMqConsumeTask.class, LoadedHandler.of("rabbitmq_consume").configType());
    }

    private static List<String> pointers(List<ConfigViolation> found) {
        return found.stream().map(ConfigViolation::pointer).toList();
    }
}
