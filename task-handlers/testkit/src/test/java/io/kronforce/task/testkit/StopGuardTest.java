package io.kronforce.task.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.StopGuard;
import io.kronforce.task.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** StopGuard lives in the JDK-only task API; it is tested here, where a ready task context exists. */
class StopGuardTest {

    private static final Duration GENEROUS = Duration.ofSeconds(10);

    @Test
    void returnsTheResultAndRethrowsIoFailures() throws Exception {
        assertEquals("done", StopGuard.call(TestTaskContext.plain(), () -> {}, () -> "done"));
        IOException failure = new IOException("broken pipe");
        assertSame(
                failure,
                assertThrows(
                        IOException.class,
                        () -> StopGuard.call(TestTaskContext.plain(), () -> {}, () -> {
                            throw failure;
                        })));
    }

    @Test
    void anInterruptAbortsABlockedReadThatIgnoresInterrupts() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket socket = new Socket(server.getInetAddress(), server.getLocalPort())) {
            CountDownLatch reading = new CountDownLatch(1);
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread caller = Thread.ofPlatform().start(() -> {
                try {
                    outcome.set(StopGuard.call(TestTaskContext.plain(), socket::close, () -> {
                        InputStream in = socket.getInputStream();
                        reading.countDown();
                        return in.read();
                    }));
                } catch (Exception e) {
                    outcome.set(e);
                }
            });
            assertTrue(reading.await(GENEROUS.toSeconds(), TimeUnit.SECONDS));
            caller.interrupt();
            assertTrue(caller.join(GENEROUS), "the call did not return after the interrupt");
            assertInstanceOf(InterruptedException.class, outcome.get());
            assertTrue(socket.isClosed(), "abort was not called");
        }
    }

    @Test
    void aPassedDeadlineAbortsTheWork() {
        CountDownLatch never = new CountDownLatch(1);
        TaskContext ctx = TestTaskContext.withDeadline(Instant.now().plusMillis(200));
        assertTimeoutPreemptively(
                GENEROUS,
                () -> assertThrows(
                        InterruptedException.class,
                        () -> StopGuard.call(ctx, never::countDown, () -> awaitUninterruptibly(never))));
        assertEquals(0, never.getCount(), "abort was not called");
    }

    private static String awaitUninterruptibly(CountDownLatch latch) {
        while (true) {
            try {
                latch.await();
                return "released";
            } catch (InterruptedException ignored) {
                // behave like a library that swallows interrupts: only abort releases it
            }
        }
    }
}
