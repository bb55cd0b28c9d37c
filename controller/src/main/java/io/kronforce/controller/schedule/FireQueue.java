package io.kronforce.controller.schedule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link TickLoop}'s memory: the planned fires ordered by time (at most one per id), the ids
 * changed since the last step, and how long the loop may sleep before either needs it. Apart from
 * the loop so that everything guarded by the one lock lives in one class, and the loop only
 * decides what to do with what it takes. Thread-safe.
 */
final class FireQueue {
    /** Re-read the clock at least this often, so a wall-clock step is noticed. */
    private static final long MAX_WAIT_MS = 60_000;

    private static final Comparator<Firings.Due> ORDER =
            Comparator.comparingLong(Firings.Due::atMs).thenComparing(Firings.Due::jobId);

    private final ReentrantLock lock = new ReentrantLock();
    private final NavigableSet<Firings.Due> queue = new TreeSet<>(ORDER); // guarded by lock
    private final Map<String, Long> planned = new HashMap<>(); // guarded by lock
    private final Set<String> dirty = new LinkedHashSet<>(); // guarded by lock

    /** Marks the id for re-planning (the loop is woken by its owner). */
    void changed(String id) {
        lock.lock();
        try {
            dirty.add(id);
        } finally {
            lock.unlock();
        }
    }

    /** The ids changed since the last call, in the order they changed. */
    List<String> takeChanged() {
        lock.lock();
        try {
            List<String> out = new ArrayList<>(dirty);
            dirty.clear();
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Removes and returns the ids planned at or before {@code nowMs}, earliest first. */
    List<String> takeDue(long nowMs) {
        lock.lock();
        try {
            List<String> out = new ArrayList<>();
            while (!queue.isEmpty() && queue.first().atMs() <= nowMs) {
                Firings.Due d = queue.pollFirst();
                planned.remove(d.jobId());
                out.add(d.jobId());
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Replaces the id's planned fire with {@code next}; empty drops the id. */
    void put(String id, OptionalLong next) {
        lock.lock();
        try {
            Long old = planned.remove(id);
            if (old != null) {
                queue.remove(new Firings.Due(id, old));
            }
            if (next.isPresent()) {
                planned.put(id, next.getAsLong());
                queue.add(new Firings.Due(id, next.getAsLong()));
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * How long the loop may sleep at {@code nowMs}: zero when an id changed or a fire is due, else
     * until the earliest planned fire, and never more than {@value #MAX_WAIT_MS} ms.
     */
    long waitMs(long nowMs) {
        lock.lock();
        try {
            if (!dirty.isEmpty()) {
                return 0;
            }
            long first = queue.isEmpty() ? Long.MAX_VALUE : queue.first().atMs();
            return Math.max(0, Math.min(MAX_WAIT_MS, first - nowMs));
        } finally {
            lock.unlock();
        }
    }

    /** The earliest planned fire, if any. */
    OptionalLong first() {
        lock.lock();
        try {
            return queue.isEmpty()
                    ? OptionalLong.empty()
                    : OptionalLong.of(queue.first().atMs());
        } finally {
            lock.unlock();
        }
    }
}
