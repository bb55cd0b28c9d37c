package io.kronforce.controller.schedule;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link TickLoop}'s memory: the planned fires ordered by time (at most one per id), the ids
 * changed since the last step, and how long the loop may sleep before either needs it. Apart from
 * the loop so that everything guarded by the one lock lives in one class, and the loop only
 * decides what to do with what it takes. Thread-safe.
 *
 * <p>Sized for a million planned jobs: each id's current plan is one {@link Firings.Due} held by
 * the map, and the time order is a binary heap of those same objects. A re-plan adds the new entry
 * and leaves the old one in the heap; an entry the map no longer holds is stale and dropped when
 * it reaches the top, and the heap is rebuilt once stale entries outnumber live ones. So a put is
 * O(log n) with no search, and {@link #load} fills the heap in one pass.
 */
final class FireQueue {
    /** Re-read the clock at least this often, so a wall-clock step is noticed. */
    private static final long MAX_WAIT_MS = 60_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, Firings.Due> planned = new HashMap<>(); // guarded by lock
    private PriorityQueue<Firings.Due> queue = new PriorityQueue<>(FireQueue::compare); // guarded by lock
    private final Set<String> dirty = new LinkedHashSet<>(); // guarded by lock

    /** Earliest first; the id breaks ties so the order of one instant's fires is stable. */
    private static int compare(Firings.Due a, Firings.Due b) {
        int byTime = Long.compare(a.atMs(), b.atMs());
        return byTime != 0 ? byTime : a.jobId().compareTo(b.jobId());
    }

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

    /**
     * Plans every entry of {@code persisted} (a later entry of the same id wins), in one pass: the
     * start-up load of up to a million next fires, without a heap insertion each.
     */
    void load(Collection<Firings.Due> persisted) {
        lock.lock();
        try {
            for (Firings.Due d : persisted) {
                planned.put(d.jobId(), d);
            }
            rebuild();
        } finally {
            lock.unlock();
        }
    }

    /** Removes and returns the ids planned at or before {@code nowMs}, earliest first. */
    List<String> takeDue(long nowMs) {
        lock.lock();
        try {
            List<String> out = new ArrayList<>();
            for (Firings.Due d = live(); d != null && d.atMs() <= nowMs; d = live()) {
                queue.poll();
                planned.remove(d.jobId());
                out.add(d.jobId());
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    /** Whether a fire is planned for the id. */
    boolean holds(String id) {
        lock.lock();
        try {
            return planned.containsKey(id);
        } finally {
            lock.unlock();
        }
    }

    /** Replaces the id's planned fire with {@code next}; empty drops the id. */
    void put(String id, OptionalLong next) {
        lock.lock();
        try {
            if (next.isEmpty()) {
                planned.remove(id);
            } else {
                Firings.Due d = new Firings.Due(id, next.getAsLong());
                planned.put(id, d);
                queue.add(d);
            }
            if (queue.size() > 2 * planned.size() + 1_000) {
                rebuild(); // mostly stale entries: memory bounded by twice the live plan
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
            Firings.Due first = live();
            long at = first == null ? Long.MAX_VALUE : first.atMs();
            return Math.max(0, Math.min(MAX_WAIT_MS, at - nowMs));
        } finally {
            lock.unlock();
        }
    }

    /** The earliest planned fire, if any. */
    OptionalLong first() {
        lock.lock();
        try {
            Firings.Due first = live();
            return first == null ? OptionalLong.empty() : OptionalLong.of(first.atMs());
        } finally {
            lock.unlock();
        }
    }

    /** The heap's top after dropping stale entries (re-planned or removed ids); null when none is left. */
    private Firings.Due live() {
        Firings.Due top = queue.peek();
        while (top != null && planned.get(top.jobId()) != top) {
            queue.poll();
            top = queue.peek();
        }
        return top;
    }

    /** The heap again from the live plans alone (each add is O(1) on average for entries in no order). */
    private void rebuild() {
        PriorityQueue<Firings.Due> fresh = new PriorityQueue<>(Math.max(1, planned.size()), FireQueue::compare);
        fresh.addAll(planned.values());
        queue = fresh;
    }
}
