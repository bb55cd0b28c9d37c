package io.kronforce.controller.dashboard;

import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.journal.EventLog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Change notices for the dashboard's lists: every committed event becomes a short notice saying
 * which lists it touches, so an open page refetches what changed instead of polling. Each viewer
 * reads from its own bounded queue; one that falls behind gets a single {@code resync} notice (refetch
 * everything) instead of the notices it missed, so a slow browser never slows the controller.
 */
public final class ChangeFeed implements AutoCloseable {
    static final int VIEWER_QUEUE = 1000;
    /** Most viewers at once; one more is refused rather than let open tabs grow threads without end. */
    public static final int MAX_VIEWERS = 256;

    /**
     * One change: the event behind it and the lists it touches ({@code jobs}, {@code runs},
     * {@code agents}, {@code events}); {@code kind} {@code resync} means "refetch everything".
     */
    public record Notice(
            String id,
            String kind,
            String severity,
            String jobId,
            String executionId,
            String agentId,
            long atMs,
            List<String> lists) {
        static Notice resync() {
            return new Notice(null, "resync", null, null, null, null, 0, List.of("jobs", "runs", "agents", "events"));
        }

        /** The feed is closing (the controller stops): the stream ends, the browser reconnects later. */
        public boolean isEnd() {
            return this == END;
        }
    }

    private static final Notice END = new Notice(null, "end", null, null, null, null, 0, List.of());

    /** One open stream, of the events its caller may see. */
    public static final class Viewer {
        private final BlockingQueue<Notice> queue = new ArrayBlockingQueue<>(VIEWER_QUEUE);
        private final Predicate<Event> sees;

        private Viewer(Predicate<Event> sees) {
            this.sees = sees;
        }

        private synchronized void offer(Notice n) {
            if (n == END) {
                queue.clear(); // nothing else matters once the controller stops
            }
            if (!queue.offer(n)) {
                queue.clear();
                queue.offer(Notice.resync());
            }
        }

        /** The next notice, or null when none came within {@code wait}; {@link Notice#isEnd()} ends the stream. */
        public Notice next(Duration wait) throws InterruptedException {
            return queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private final Set<Viewer> viewers = new CopyOnWriteArraySet<>();
    private volatile boolean closed;

    private final JobCatalog jobs;

    /** @param jobs where a scoped viewer's filter finds an event's job and its group */
    public ChangeFeed(EventLog events, JobCatalog jobs) {
        this.jobs = jobs;
        events.subscribe(this::publish);
    }

    /**
     * @throws io.kronforce.controller.domain.KronforceException.Unavailable too many open streams
     */
    public Viewer subscribe(Principal who) {
        if (closed) {
            throw new io.kronforce.controller.domain.KronforceException.Unavailable("the controller is stopping", 5);
        }
        if (viewers.size() >= MAX_VIEWERS) {
            throw new io.kronforce.controller.domain.KronforceException.Unavailable(
                    "too many open change streams; retry later", 30);
        }
        Viewer v = new Viewer(sees(who));
        viewers.add(v);
        return v;
    }

    public void unsubscribe(Viewer v) {
        viewers.remove(v);
    }

    /** Ends every open stream, so the HTTP server can stop without waiting on them. */
    @Override
    public void close() {
        closed = true;
        viewers.forEach(v -> v.offer(END));
    }

    private void publish(Event e) {
        if (viewers.isEmpty()) {
            return;
        }
        Notice n = new Notice(
                e.id(), e.kind(), e.severity(), e.jobId(), e.executionId(), e.agentId(), e.timestampMs(), lists(e));
        viewers.stream().filter(v -> v.sees.test(e)).forEach(v -> v.offer(n));
    }

    /**
     * What a viewer is told of: everything for an unscoped caller; for a key scoped to some groups, the events of
     * jobs in them only, as {@code GET /api/events} lists them (an event of no job, or of a job deleted since, is
     * not theirs to see).
     */
    private Predicate<Event> sees(Principal who) {
        if (who.scope().unrestricted()) {
            return e -> true;
        }
        return e -> e.jobId() != null && jobs.find(who, e.jobId()).isPresent();
    }

    static List<String> lists(Event e) {
        List<String> out = new ArrayList<>();
        String kind = e.kind();
        if (kind.startsWith("job.")
                || kind.startsWith("schedule.")
                || kind.startsWith("pipeline.")
                || kind.startsWith("group.")
                || e.jobId() != null) {
            out.add("jobs");
        }
        if (kind.startsWith("execution.") || e.executionId() != null) {
            out.add("runs");
        }
        if (kind.startsWith("agent.") || e.agentId() != null) {
            out.add("agents");
        }
        out.add("events");
        return List.copyOf(out);
    }
}
