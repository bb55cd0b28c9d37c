package io.kronforce.task.kafka;

import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.testkit.SilentServer;
import io.kronforce.task.testkit.StopContract;
import org.junit.jupiter.api.Test;

/**
 * Cancel and deadline while the client waits on a server that accepts and never answers: the
 * producer blocks for metadata, the consumer for its first fetch of metadata.
 */
class KafkaStopTest {

    private static final EgressPolicy LOOPBACK = EgressPolicy.parse("127.0.0.1/32");

    private final KafkaTaskHandler produce = new KafkaTaskHandler(new HandlerSettings(LOOPBACK));
    private final KafkaConsumeTaskHandler consume = new KafkaConsumeTaskHandler(new HandlerSettings(LOOPBACK));

    @Test
    void interruptStopsAProducerWaitingForTheBroker() throws Exception {
        try (SilentServer silent = SilentServer.start()) {
            StopContract.interruptEndsTheRunAndClosesTheConnection(silent, ctx -> produce.run(task(silent), ctx));
        }
    }

    @Test
    void deadlineStopsAProducerWaitingForTheBroker() throws Exception {
        try (SilentServer silent = SilentServer.start()) {
            StopContract.deadlineEndsTheRun(ctx -> produce.run(task(silent), ctx));
        }
    }

    @Test
    void interruptStopsAConsumerWaitingForTheBroker() throws Exception {
        try (SilentServer silent = SilentServer.start()) {
            StopContract.interruptEndsTheRunAndClosesTheConnection(
                    silent, ctx -> consume.run(consumeTask(silent), ctx));
        }
    }

    @Test
    void deadlineStopsAConsumerWaitingForTheBroker() throws Exception {
        try (SilentServer silent = SilentServer.start()) {
            StopContract.deadlineEndsTheRun(ctx -> consume.run(consumeTask(silent), ctx));
        }
    }

    private static KafkaTask task(SilentServer silent) {
        return new KafkaTask("127.0.0.1:" + silent.port(), "t", "m", null, null, null, null, null);
    }

    private static KafkaConsumeTask consumeTask(SilentServer silent) {
        return new KafkaConsumeTask("127.0.0.1:" + silent.port(), "t", null, 1, null, null, null, null);
    }
}
