package io.kronforce.task.shell;

import java.util.concurrent.TimeUnit;

/** Kills a process together with everything it started. */
final class ProcessTree {

    private ProcessTree() {}

    /**
     * Force-kills the descendants, then the process, then sweeps once more for children forked in
     * between. Waits briefly for the process itself so its output pipes reach end-of-file.
     *
     * <p>Descendants go first: once the root dies they are re-parented and no longer findable.
     * A process that double-forked away from the tree before the first sweep is out of reach.
     */
    static void destroy(Process process) {
        ProcessHandle root = process.toHandle();
        root.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        root.descendants().forEach(ProcessHandle::destroyForcibly);
        try {
            process.waitFor(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            // A second cancel while we clean up: the tree is already signalled, keep the interrupt.
            Thread.currentThread().interrupt();
        }
    }
}
