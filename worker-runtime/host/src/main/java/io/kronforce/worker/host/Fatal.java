package io.kronforce.worker.host;

/**
 * What an execution boundary may absorb. Every boundary — a task handler's call, a run's task,
 * its output rules, a result taken from an agent, a notification, a background duty — catches
 * {@link Throwable}, records the failure where it belongs (the run, the delivery, the duty's
 * count) and carries on, except for the errors this class calls fatal, which it rethrows once it
 * has closed what it owns.
 *
 * <p>Fatal: every {@link VirtualMachineError} but {@link StackOverflowError} — an
 * {@link OutOfMemoryError}, an {@link InternalError}, an {@link UnknownError}. They say the JVM
 * itself can no longer be trusted to make progress (the heap is exhausted for every thread, or
 * the VM is broken), so swallowing them would hide a process that needs restarting behind runs
 * that keep failing for no reason of their own. A {@code StackOverflowError} is different: it
 * belongs to the one thread that overflowed, the stack has unwound by the time a boundary sees
 * it, and input a user controls can provoke it (a regular expression over long output, a deeply
 * nested document, a recursive script), so it is that input's failure, like an exception.
 * Everything else — exceptions, {@link LinkageError}s of a plugin, assertion errors — is the
 * failure of the one thing that threw it.
 */
public final class Fatal {
    private Fatal() {}

    /** Whether {@code t} must not be absorbed (see the class comment). */
    public static boolean is(Throwable t) {
        return t instanceof VirtualMachineError && !(t instanceof StackOverflowError);
    }

    /** Rethrows {@code t} when it is fatal; returns normally for anything a boundary absorbs. */
    public static void rethrowIfFatal(Throwable t) {
        if (is(t)) {
            throw (VirtualMachineError) t;
        }
    }
}
