package io.kronforce.task.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.Channel;
import com.rabbitmq.client.DefaultConsumer;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.ShutdownSignalException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Hands deliveries from the client's dispatch thread to the task's thread, which can be interrupted
 * while it waits. Deliveries are acknowledged by the task's thread only after they were written
 * out, so whatever the task did not print goes back to the queue when the channel closes.
 */
final class QueueConsumer extends DefaultConsumer {

    /** A delivery, or the end of the consumer (with the broker's reason when it shut the channel). */
    sealed interface Event {}

    record Delivery(long tag, byte[] body) implements Event {}

    record Cancelled(String reason) implements Event {}

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    QueueConsumer(Channel channel) {
        super(channel);
    }

    @Override
    public void handleDelivery(String consumerTag, Envelope envelope, AMQP.BasicProperties properties, byte[] body) {
        events.add(new Delivery(envelope.getDeliveryTag(), body));
    }

    @Override
    public void handleCancel(String consumerTag) {
        events.add(new Cancelled("the broker cancelled the consumer (queue deleted?)"));
    }

    @Override
    public void handleShutdownSignal(String consumerTag, ShutdownSignalException sig) {
        events.add(new Cancelled(sig.getMessage()));
    }

    /** The next event, or {@code null} when none came within {@code nanos}. */
    Event next(long nanos) throws InterruptedException {
        return events.poll(Math.max(0, nanos), TimeUnit.NANOSECONDS);
    }
}
