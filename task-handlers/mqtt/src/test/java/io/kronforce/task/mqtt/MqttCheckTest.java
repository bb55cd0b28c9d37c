package io.kronforce.task.mqtt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.testkit.LoadedHandler;
import io.kronforce.task.testkit.ReadmeExample;
import java.util.List;
import org.junit.jupiter.api.Test;

class MqttCheckTest {

    private final HandlerSettings settings = new HandlerSettings(EgressPolicy.publicOnly());
    private final MqttTaskHandler publish = new MqttTaskHandler(settings);
    private final MqttSubscribeTaskHandler subscribe = new MqttSubscribeTaskHandler(settings);

    @Test
    void publishNeedsBrokerTopicAndMessage() {
        assertEquals(List.of(), publish.check(new MqttTask("ssl://mq:8883", "a/b", "", null, 2, "u", "p", "id", null)));
        assertEquals(
                List.of("/broker", "/topic", "/message"),
                pointers(publish.check(new MqttTask(null, null, null, null, null, null, null, null, null))));
        assertEquals(List.of(), publish.check(new MqttTask(null, "t", "m", null, null, null, null, null, "home-mqtt")));
    }

    @Test
    void rejectsBadBrokersPortsQosAndWildcardPublishTopics() {
        assertEquals(
                List.of("/broker"),
                pointers(publish.check(new MqttTask("http://mq", "t", "m", null, null, null, null, null, null))));
        assertEquals(
                List.of("/broker"),
                pointers(publish.check(new MqttTask("a host", "t", "m", null, null, null, null, null, null))));
        assertEquals(
                List.of("/port", "/qos"),
                pointers(publish.check(new MqttTask("mq", "t", "m", 0, 3, null, null, null, null))));
        assertEquals(
                List.of("/topic"),
                pointers(publish.check(new MqttTask("mq", "a/#", "m", null, null, null, null, null, null))));
    }

    @Test
    void subscribeAllowsWildcardsAndBoundsTheCount() {
        assertEquals(
                List.of(),
                subscribe.check(new MqttSubscribeTask("mq", "a/+/c/#", 1883, 10_000, null, null, null, 1, null)));
        assertEquals(
                List.of("/topic", "/max_messages"),
                pointers(subscribe.check(new MqttSubscribeTask("mq", "", null, 0, null, null, null, null, null))));
        assertEquals(
                List.of("/max_messages"),
                pointers(
                        subscribe.check(new MqttSubscribeTask("mq", "t", null, 10_001, null, null, null, null, null))));
    }

    @Test
    void targetDefaultsPortsAndClientIdAndMasksThePassword() {
        MqttTarget plain = MqttTarget.of("mq", null, null, null, null);
        assertEquals(1883, plain.port());
        assertTrue(plain.clientId().startsWith("kf-"), plain.clientId());
        assertEquals(8883, MqttTarget.of("ssl://mq", null, null, null, "me").port());
        assertEquals(
                9000, MqttTarget.of("tcp://mq:1884", 9000, null, null, "me").port());
        assertEquals(
                "ssl://u:****@mq:8883",
                MqttTarget.of("mqtts://mq", null, "u", "S3cret", "me").toString());
    }

    @Test
    void readmeExamplesBindAndPassTheCheck() {
        List<MqttTask> publishes = ReadmeExample.tasks("mqtt", MqttTask.class);
        List<MqttSubscribeTask> subscribes = ReadmeExample.tasks("mqtt_subscribe", MqttSubscribeTask.class);
        assertEquals(1, publishes.size());
        assertEquals(1, subscribes.size());
        assertEquals(List.of(), publish.check(publishes.get(0)));
        assertEquals(List.of(), subscribe.check(subscribes.get(0)));
    }

    @Test
    void serviceLoaderFindsBothProviders() {
        assertInstanceOf(MqttTaskHandler.class, LoadedHandler.of("mqtt"));
        assertInstanceOf(MqttSubscribeTaskHandler.class, LoadedHandler.of("mqtt_subscribe"));
        assertEquals(MqttSubscribeTask.class, LoadedHandler.of("mqtt_subscribe").configType());
    }

    private static List<String> pointers(List<ConfigViolation> found) {
        return found.stream().map(ConfigViolation::pointer).toList();
    }
}
