package io.kronforce.agent;

import io.kronforce.worker.host.TaskHost;
import io.kronforce.worker.wire.Protocol;
import io.kronforce.worker.wire.Registration;
import io.kronforce.worker.wire.RegistrationAck;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * The agent's standing with the controller: registered under an id, heartbeating at the interval
 * the controller gave. A heartbeat answered 404 means the controller forgot this agent (a restart
 * lost the key it pushes with, or it was unpaired and came back): the agent registers again at
 * once, which upstream's agent never does (docs/reference/differences.md row 19). An unreachable controller is retried
 * on the next beat. Runs on one thread until {@link #close()}.
 */
final class Session implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Session.class.getName());

    private final ControllerLink link;
    private final Registration registration;
    private final TaskHost host;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition stop = lock.newCondition();
    private volatile String agentId;
    private volatile int intervalSecs = Protocol.HEARTBEAT_INTERVAL_SECS;
    private volatile boolean closed;
    private Thread thread;

    Session(ControllerLink link, Registration registration, TaskHost host) {
        this.link = link;
        this.registration = registration;
        this.host = host;
    }

    /**
     * Registers once, synchronously, so a wrong key or address stops the start with a clear error.
     *
     * @throws ControllerLink.Refused when the controller refuses the registration
     */
    void open() throws IOException, InterruptedException {
        register();
        thread = Thread.ofPlatform()
                .name("kronforce-agent-heartbeat")
                .daemon(true)
                .start(this::beat);
    }

    String agentId() {
        return agentId;
    }

    /** Registers again now (a poll found the controller no longer knows this agent). */
    void reregister() throws IOException, InterruptedException {
        register();
    }

    private void register() throws IOException, InterruptedException {
        RegistrationAck ack = link.register(registration);
        agentId = ack.agentId();
        intervalSecs = Math.max(1, ack.heartbeatIntervalSecs());
        LOG.info("registered as '" + registration.name() + "' (" + agentId + "), heartbeat every " + intervalSecs
                + " s");
    }

    private void beat() {
        while (!closed && pause()) {
            try {
                int status = link.heartbeat(agentId, host.runningIds());
                if (status == 404) {
                    LOG.info("the controller does not know this agent any more; registering again");
                    register();
                } else if (status != 200) {
                    LOG.warning("heartbeat answered HTTP " + status);
                }
            } catch (IOException e) {
                LOG.warning("heartbeat failed: " + e.getMessage());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Waits one interval; false once closed. */
    private boolean pause() {
        lock.lock();
        try {
            long left = TimeUnit.SECONDS.toNanos(intervalSecs);
            while (!closed && left > 0) {
                left = stop.awaitNanos(left);
            }
            return !closed;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            stop.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
