package io.kronforce.task.kafka;

import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.security.auth.SecurityProtocol;
import org.apache.kafka.common.test.JaasUtils;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One in-process KRaft node (broker and controller combined) on loopback, for a test class: no
 * Kafka server runs on this machine. Started in {@code @BeforeAll}, closed in {@code @AfterAll}.
 */
final class LoopbackKafka implements AutoCloseable {

    /** Held so the level sticks: the broker logs hundreds of INFO lines at start and stop. */
    private static final Logger ROOT = Logger.getLogger("");

    private final KafkaClusterTestKit cluster;

    private LoopbackKafka(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    static LoopbackKafka start() throws Exception {
        return start(SecurityProtocol.PLAINTEXT);
    }

    /**
     * With {@code SASL_PLAINTEXT} the test kit enables SASL/PLAIN with its own users
     * ({@link JaasUtils#KAFKA_PLAIN_ADMIN}, a super user, and {@link JaasUtils#KAFKA_PLAIN_USER1},
     * who has no ACLs) and the standard authorizer.
     */
    static LoopbackKafka start(SecurityProtocol protocol) throws Exception {
        ROOT.setLevel(Level.WARNING);
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                        .setCombined(true)
                        .setNumBrokerNodes(1)
                        .setNumControllerNodes(1)
                        .setBrokerSecurityProtocol(protocol)
                        .build())
                // The test kit listens on "localhost"; pin the client-facing listener to IPv4 loopback.
                .setConfigProp("listeners", "EXTERNAL://127.0.0.1:0,CONTROLLER://localhost:0")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                // The controller listener stays PLAINTEXT (ANONYMOUS), and the authorizer must let it work.
                .setConfigProp("super.users", "User:ANONYMOUS;User:" + JaasUtils.KAFKA_PLAIN_ADMIN)
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return new LoopbackKafka(cluster);
    }

    /** {@code 127.0.0.1:port} of the broker (the test kit names it "localhost" whatever it listens on). */
    String broker() {
        String servers = cluster.bootstrapServers();
        return "127.0.0.1" + servers.substring(servers.lastIndexOf(':'));
    }

    /** Creates a topic with one partition and waits until it exists. */
    void createTopic(String name) throws Exception {
        try (Admin admin = cluster.admin()) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get();
        }
    }

    Admin admin() {
        return cluster.admin(Map.of());
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
