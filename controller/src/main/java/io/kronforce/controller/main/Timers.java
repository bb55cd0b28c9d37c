package io.kronforce.controller.main;

import io.kronforce.controller.executions.SlotRelease;
import io.kronforce.controller.schedule.TickLoop;
import java.util.List;

/**
 * The controller's timer threads — the scheduler first with the release of the slots it admits
 * ahead, then planned retries and SLA checks — started after recovery and closed before the
 * executor, so nothing new is fired into a closing executor.
 */
public record Timers(TickLoop scheduler, SlotRelease release, List<TickLoop> others) {
    public Timers {
        others = List.copyOf(others);
    }

    public void start() {
        release.start(); // first: rows recovery held for a slot already due start at once
        scheduler.start();
        others.forEach(TickLoop::start);
    }

    public void close() {
        scheduler.close(); // first: nothing new is admitted for the release to hold
        release.close(); // rows still held stay pending; the next start holds them again until their slot
        others.forEach(TickLoop::close);
    }
}
