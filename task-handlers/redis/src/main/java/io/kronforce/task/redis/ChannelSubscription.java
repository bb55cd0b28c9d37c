package io.kronforce.task.redis;

import io.kronforce.task.OutputSink;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * SUBSCRIBE on one channel until enough messages arrived. Jedis's subscribe loop blocks its thread
 * until unsubscribed, so it runs on a virtual thread of its own while the task's thread waits on
 * a queue it can be interrupted out of; stopping unsubscribes and closes the socket under the loop.
 */
final class ChannelSubscription extends JedisPubSub {

    /** What the subscribe loop reports: a message, or its own end (with the failure, if any). */
    private sealed interface Event {}

    private record Message(String payload) implements Event {}

    private record Ended(RuntimeException failure) implements Event {}

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    @Override
    public void onMessage(String channel, String message) {
        events.add(new Message(message));
    }

    /**
     * Listens on {@code channel} and writes each message to stdout as it arrives.
     *
     * @param window how long to wait for the messages
     * @return how many messages arrived (fewer than {@code wanted} when the window ran out)
     * @throws InterruptedException when interrupted; the subscription is closed by then
     * @throws RuntimeException the Jedis failure that ended the subscribe loop early
     */
    int collect(Jedis jedis, String channel, int wanted, Duration window, OutputSink out) throws InterruptedException {
        // The loop needs no socket timeout: our wait is bounded here, and a timeout would end it.
        jedis.getConnection().setTimeoutInfinite();
        Thread loop = Thread.ofVirtual().name("redis-subscribe").start(() -> {
            try {
                jedis.subscribe(this, channel);
                events.add(new Ended(null));
            } catch (RuntimeException e) {
                events.add(new Ended(e));
            }
        });
        int received = 0;
        long until = System.nanoTime() + window.toNanos();
        try {
            while (received < wanted) {
                Event event = events.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
                switch (event) {
                    case null -> {
                        return received;
                    }
                    case Message m -> {
                        out.stdout(m.payload() + "\n");
                        received++;
                    }
                    case Ended e -> {
                        throw e.failure() != null ? e.failure() : new IllegalStateException("subscription ended");
                    }
                }
            }
            return received;
        } finally {
            stop(jedis, loop);
        }
    }

    private void stop(Jedis jedis, Thread loop) {
        try {
            if (isSubscribed()) {
                unsubscribe();
            }
        } catch (RuntimeException e) {
            // The socket may be gone already; closing below ends the loop either way.
        }
        try {
            if (!loop.join(Duration.ofSeconds(2))) {
                jedis.close();
            }
        } catch (InterruptedException e) {
            jedis.close();
            Thread.currentThread().interrupt();
        }
    }
}
