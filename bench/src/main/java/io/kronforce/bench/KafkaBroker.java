package io.kronforce.bench;

import java.util.List;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One in-process KRaft node (broker and controller combined) on 127.0.0.1, as
 * task-handlers/kafka's tests start it: no Kafka server runs on this machine. One per B7 case.
 */
@SuppressWarnings("try") // close() may throw InterruptedException; the bench lets it reach the caller
final class KafkaBroker implements AutoCloseable {

    private final KafkaClusterTestKit cluster;

    private KafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    static KafkaBroker start() throws Exception {
        QuietLogs.apply();
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .build())
                // The test kit listens on "localhost"; pin the client-facing listener to IPv4 loopback.
                .setConfigProp("listeners", "EXTERNAL://127.0.0.1:0,CONTROLLER://localhost:0")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new KafkaBroker(cluster);
        } catch (Exception e) {
            cluster.close();
            throw e;
        }
    }

    /** {@code 127.0.0.1:port} of the broker (the test kit names it "localhost" whatever it listens on). */
    String address() {
        String servers = cluster.bootstrapServers();
        return "127.0.0.1" + servers.substring(servers.lastIndexOf(':'));
    }

    /** Creates a topic with one partition and waits until it exists. */
    void createTopic(String name) throws Exception {
        try (Admin admin = cluster.admin()) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
