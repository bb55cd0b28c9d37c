package io.kronforce.controller.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The scheduler's queue: one plan per id, earliest first, re-plans and removals leave no ghost fire. */
class FireQueueTest {

    @Test
    void takesTheDueIdsEarliestFirstAndKeepsTheRest() {
        FireQueue q = new FireQueue();
        q.load(List.of(new Firings.Due("c", 300), new Firings.Due("a", 100), new Firings.Due("b", 100)));

        assertEquals(List.of("a", "b"), q.takeDue(200));
        assertEquals(OptionalLong.of(300), q.first());
        assertEquals(List.of(), q.takeDue(200));
        assertEquals(List.of("c"), q.takeDue(300));
        assertEquals(OptionalLong.empty(), q.first());
    }

    @Test
    void aReplanOrARemovalReplacesTheOldFire() {
        FireQueue q = new FireQueue();
        q.put("a", OptionalLong.of(100));
        q.put("b", OptionalLong.of(150));
        q.put("a", OptionalLong.of(500)); // moved later: its old entry must not fire
        q.put("b", OptionalLong.empty()); // dropped
        q.put("c", OptionalLong.of(200));
        q.put("c", OptionalLong.of(200)); // the same plan twice fires once

        assertEquals(OptionalLong.of(200), q.first());
        assertEquals(List.of("c"), q.takeDue(400));
        assertEquals(List.of("a"), q.takeDue(600));
        assertEquals(List.of(), q.takeDue(Long.MAX_VALUE));
    }

    @Test
    void manyReplansOfOneIdStillFireItOnceAtItsLatestPlan() {
        FireQueue q = new FireQueue();
        List<Firings.Due> others = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            others.add(new Firings.Due("other-" + i, 1_000_000 + i));
        }
        q.load(others);
        for (long at = 10_000; at > 0; at--) { // enough stale entries to make the queue rebuild its heap
            q.put("busy", OptionalLong.of(at));
        }

        assertEquals(List.of("busy"), q.takeDue(999_999));
        assertEquals(10, q.takeDue(Long.MAX_VALUE).size());
    }

    @Test
    void sleepsUntilTheEarliestLivePlanOrNotAtAllWhenAnIdChanged() {
        FireQueue q = new FireQueue();
        q.put("a", OptionalLong.of(1_000));
        q.put("a", OptionalLong.of(5_000));

        assertEquals(4_000, q.waitMs(1_000));
        q.changed("b");
        assertEquals(0, q.waitMs(1_000));
        assertEquals(List.of("b"), q.takeChanged());
        assertEquals(60_000, new FireQueue().waitMs(0));
    }
}
