package io.kronforce.controller.database;

import io.kronforce.controller.domain.StoreFullException;
import io.kronforce.controller.domain.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one thread that writes. Callers queue work; the thread takes everything queued (up to
 * {@value #MAX_BATCH}), runs it in one {@code BEGIN IMMEDIATE} transaction, commits once, then
 * answers every caller. One fsync serves the whole batch, which is what
 * lifts SQLite from a few thousand commits per second to tens of thousands of writes.
 */
final class GroupCommitWriter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GroupCommitWriter.class.getName());
    static final int MAX_BATCH = 512;
    private static final int QUEUE_CAPACITY = 50_000;

    /** @param bare run on its own between batches, outside any transaction (VACUUM cannot run inside one) */
    private record Pending<T>(SqlFunction<T> work, CompletableFuture<T> result, boolean bare) {}

    private final Connection connection;
    private final String shutdownCheckpoint;
    // A deque: urgent work (the scheduler's admissions) goes in at the front, so a slot's start never
    // waits behind a backlog of other runs' recordings — only behind the batch being committed.
    private final BlockingDeque<Pending<?>> queue = new LinkedBlockingDeque<>(QUEUE_CAPACITY);
    private final Thread thread;
    // What the current transaction's work asked to run once it ends (writer thread only).
    private final List<Runnable> onEnd = new ArrayList<>();
    private volatile boolean closing;
    private final WriteHealth health = new WriteHealth();
    // Queueing holds the read side, closing the write side: once closing is set no write can be
    // queued that the loop would never take.
    private final java.util.concurrent.locks.ReadWriteLock intake =
            new java.util.concurrent.locks.ReentrantReadWriteLock();

    private GroupCommitWriter(Connection connection, String shutdownCheckpoint) {
        this.connection = connection;
        this.shutdownCheckpoint = shutdownCheckpoint;
        this.thread =
                Thread.ofPlatform().name("kronforce-db-writer").daemon(true).unstarted(this::run);
    }

    /** @param shutdownCheckpoint the checkpoint mode at close (see {@link WalCheckpointer#atShutdown}) */
    static GroupCommitWriter start(Connection connection, String shutdownCheckpoint) {
        GroupCommitWriter writer = new GroupCommitWriter(connection, shutdownCheckpoint);
        writer.thread.start();
        return writer;
    }

    <T> T submit(SqlFunction<T> work) {
        return submit(work, false);
    }

    /** @param urgent taken before everything already queued (it still joins the next batch, not the current one) */
    <T> T submit(SqlFunction<T> work, boolean urgent) {
        return submit(work, urgent, false);
    }

    /**
     * Work that must run outside a transaction (VACUUM, a TRUNCATE checkpoint): in its turn in the
     * queue, after the batch before it commits and before the next one begins, on the writer's
     * connection, so no write of ours runs beside it.
     */
    <T> T submitBare(SqlFunction<T> work) {
        return submit(work, false, true);
    }

    private <T> T submit(SqlFunction<T> work, boolean urgent, boolean bare) {
        if (Thread.currentThread() == thread) {
            throw new IllegalStateException("nested write: pass the connection instead of calling write() again");
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            enqueue(new Pending<>(work, result, bare), urgent);
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("interrupted waiting for a write", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new StoreException("write failed", e.getCause());
        }
    }

    /**
     * Runs {@code action} on this thread once the transaction of the write calling it ends, committed
     * or rolled back: for caches of what that write changed, which must not forget before the commit
     * (a reader would fill them again from the rows as they were) nor keep anything after it.
     */
    void afterTransaction(Runnable action) {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("afterTransaction outside a write");
        }
        onEnd.add(action);
    }

    private void enqueue(Pending<?> pending, boolean urgent) throws InterruptedException {
        intake.readLock().lock();
        try {
            if (closing) {
                throw new StoreUnavailableException("database is shutting down", null);
            }
            boolean queued = urgent
                    ? queue.offerFirst(pending, 5, TimeUnit.SECONDS)
                    : queue.offerLast(pending, 5, TimeUnit.SECONDS);
            if (!queued) {
                throw new StoreUnavailableException("write queue full", null);
            }
        } finally {
            intake.readLock().unlock();
        }
    }

    private void run() {
        List<Pending<?>> batch = new ArrayList<>(MAX_BATCH);
        while (!closing || !queue.isEmpty()) {
            try {
                Pending<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, MAX_BATCH - 1);
                commitInTurn(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Throwable t) {
                // The writer never dies: a failed batch is reported to its callers, the loop goes on.
                LOG.log(Level.SEVERE, "write batch failed", t);
                batch.forEach(p -> fail(p, t));
            } finally {
                batch.clear();
            }
        }
    }

    /**
     * Commits the batch, except that bare work (rare: an admin's VACUUM) splits it: what came before
     * commits first, the bare item runs alone, what came after commits next. Order is kept.
     */
    private void commitInTurn(List<Pending<?>> batch) throws SQLException {
        if (batch.stream().noneMatch(Pending::bare)) {
            commit(batch);
            return;
        }
        List<Pending<?>> run = new ArrayList<>();
        for (Pending<?> p : batch) {
            if (!p.bare()) {
                run.add(p);
                continue;
            }
            if (!run.isEmpty()) {
                commit(List.copyOf(run));
                run.clear();
            }
            runBare(p);
        }
        if (!run.isEmpty()) {
            commit(run);
        }
    }

    private <T> void runBare(Pending<T> p) {
        try {
            p.result().complete(p.work().apply(connection));
        } catch (Throwable e) {
            fail(p, e);
        }
    }

    /**
     * Runs the batch in one transaction. When an item fails, the whole batch is rolled back and
     * each item is run again in a transaction of its own, so the failure stays with its caller.
     * Failures are rare (conflicts, not-found checks), so the common path pays no savepoints.
     */
    private void commit(List<Pending<?>> batch) throws SQLException {
        List<Runnable> answers = new ArrayList<>(batch.size());
        try (Statement s = connection.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            try {
                for (Pending<?> p : batch) {
                    answers.add(runItem(p));
                }
                s.execute("COMMIT");
                health.committed();
                transactionEnded();
            } catch (Throwable e) {
                // Errors too: a transaction left open would fail every later BEGIN, for good.
                rollbackQuietly(s);
                transactionEnded();
                if (batch.size() == 1) {
                    fail(batch.get(0), e);
                    return;
                }
                batch.forEach(this::commitAlone);
                return;
            }
        }
        answers.forEach(Runnable::run);
    }

    private void transactionEnded() {
        for (Runnable action : onEnd) {
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "an action after a transaction failed", e);
            }
        }
        onEnd.clear();
    }

    private void commitAlone(Pending<?> p) {
        try {
            commit(List.of(p));
        } catch (SQLException e) {
            fail(p, e);
        }
    }

    private <T> Runnable runItem(Pending<T> p) throws SQLException {
        T value = p.work().apply(connection);
        return () -> p.result().complete(value);
    }

    private void fail(Pending<?> p, Throwable e) {
        RuntimeException translated = e instanceof SQLException sql ? SqliteErrors.translate(sql) : null;
        if (translated instanceof StoreFullException full) {
            LOG.warning("a write failed: " + full.getMessage());
            health.failed(full.getMessage());
        }
        p.result().completeExceptionally(translated != null ? translated : e);
    }

    /** The storage's last write failure, until a transaction commits again. */
    Optional<String> writeFailure() {
        return health.failure();
    }

    private static void rollbackQuietly(Statement s) {
        try {
            s.execute("ROLLBACK");
        } catch (SQLException e) {
            LOG.warning("rollback failed: " + e.getMessage());
        }
    }

    /** Finishes queued work, checkpoints the WAL, closes the connection. */
    @Override
    public void close() {
        intake.writeLock().lock();
        try {
            closing = true;
        } finally {
            intake.writeLock().unlock();
        }
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try (Statement s = connection.createStatement()) {
            s.execute("PRAGMA wal_checkpoint(" + shutdownCheckpoint + ")");
        } catch (SQLException e) {
            LOG.warning("WAL checkpoint at shutdown failed: " + e.getMessage());
        }
        Database.closeQuietly(connection);
    }
}
