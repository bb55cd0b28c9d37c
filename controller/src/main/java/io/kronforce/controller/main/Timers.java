package io.kronforce.controller.main;

import io.kronforce.controller.schedule.TickLoop;
import java.util.List;

/**
 * The controller's timer threads — the scheduler first, then planned retries and SLA checks —
 * started after recovery and closed before the executor, so nothing new is fired into a closing
 * executor.
 */
public record Timers(TickLoop scheduler, List<TickLoop> others) {
    public Timers {
        others = List.copyOf(others);
    }

    public void start() {
        scheduler.start();
        others.forEach(TickLoop::start);
    }

    public void close() {
        scheduler.close();
        others.forEach(TickLoop::close);
    }
}
