package io.kronforce.agent;

import io.kronforce.worker.host.HostedRun;
import io.kronforce.worker.wire.Protocol;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The pull worker's pollers: each long-polls the queue, runs what it claims on its own thread
 * (the heartbeat names it meanwhile, renewing the lease) and reports it. {@link #drain()} stops
 * claiming and waits for the items in hand: a SIGTERM never abandons claimed work to lease expiry.
 */
final class Pollers {
    private static final Logger LOG = Logger.getLogger(Pollers.class.getName());

    /**
     * @param concurrency pollers (each runs one item at a time)
     * @param waitSecs long-poll wait per request
     * @param once claim one item in all, then stop
     */
    record Settings(int concurrency, int waitSecs, boolean once) {
        static Settings fromEnv(Map<String, String> env, boolean once) {
            int concurrency = number(env, "KRONFORCE_WORKER_CONCURRENCY", 1, 1, 1024);
            int wait = number(env, "KRONFORCE_WORKER_WAIT_SECS", 30, 0, Protocol.MAX_POLL_WAIT_SECS);
            return new Settings(once ? 1 : concurrency, wait, once);
        }

        private static int number(Map<String, String> env, String name, int fallback, int min, int max) {
            String v = env.get(name);
            if (v == null || v.isBlank()) {
                return fallback;
            }
            try {
                int n = Integer.parseInt(v.trim());
                if (n >= min && n <= max) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw new AgentSettings.InvalidSetting(
                    name + " must be a whole number from " + min + " to " + max + ", got '" + v + "'");
        }
    }

    private final ControllerLink link;
    private final Session session;
    private final Runner runner;
    private final Settings settings;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean draining;

    Pollers(ControllerLink link, Session session, Runner runner, Settings settings) {
        this.link = link;
        this.session = session;
        this.runner = runner;
        this.settings = settings;
    }

    void start() {
        for (int i = 0; i < settings.concurrency(); i++) {
            threads.add(Thread.ofPlatform().name("kronforce-poller-" + i).start(this::loop));
        }
    }

    private void loop() {
        while (!draining) {
            try {
                ControllerLink.Poll poll = link.next(session.agentId(), settings.waitSecs());
                if (poll.item().isPresent()) {
                    var item = poll.item().get();
                    runner.runAndReport(HostedRun.from(item), item.callbackUrl());
                    if (settings.once()) {
                        return;
                    }
                } else if (poll.status() == 404) {
                    session.reregister();
                } else if (poll.status() != 204) {
                    LOG.warning("queue poll answered HTTP " + poll.status());
                    pause();
                }
            } catch (IOException e) {
                LOG.warning("queue poll failed: " + e.getMessage());
                pause();
            } catch (InterruptedException e) {
                return;
            } catch (Throwable t) {
                // A loop outlives any one step's trouble, a fatal error too: rethrown, it would end this
                // poller for good and leave the worker alive but idle (see Fatal).
                LOG.log(Level.SEVERE, "poller step failed; pausing", t);
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(2_000); // the controller is unreachable or unwell: do not hammer it
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops claiming; the items in hand finish and are reported. */
    void drain() {
        draining = true;
        LOG.info("draining: no new claims; finishing the work in hand");
        await();
    }

    void await() {
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
