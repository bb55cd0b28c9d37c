package io.kronforce.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigChecksAndStopsTest {

    private static Optional<ConfigViolation> address(String value, String connection) {
        return ConfigChecks.address("/url", value, connection, v -> {
            if (!v.startsWith("x://")) {
                throw new IllegalArgumentException("url must start with x://");
            }
        });
    }

    @Test
    void addressIsRequiredUnlessAConnectionSuppliesIt() {
        assertEquals(Optional.of(new ConfigViolation("/url", "url or connection is required")), address(" ", null));
        assertEquals(Optional.empty(), address(null, "stored"));
        assertEquals(Optional.empty(), address("x://h", null));
    }

    @Test
    void addressIsParsedOnlyWithoutPlaceholders() {
        assertEquals(Optional.of(new ConfigViolation("/url", "url must start with x://")), address("y://h", null));
        assertEquals(Optional.empty(), address("{{URL}}", null));
    }

    @Test
    void aTaskThatFailsItsCheckOrLacksItsAddressDoesNotRun() {
        assertEquals(
                Optional.of(new TaskOutcome.Failed(null, "invalid redis task: /key key is required", false)),
                ConfigChecks.unrunnable(
                        "redis", List.of(new ConfigViolation("/key", "key is required")), "/url", "redis://h"));
        assertEquals(
                Optional.of(new TaskOutcome.Failed(
                        null, "invalid redis task: /url is missing (the named connection did not supply it)", false)),
                ConfigChecks.unrunnable("redis", List.of(), "/url", null));
        assertEquals(Optional.empty(), ConfigChecks.unrunnable("redis", List.of(), "/url", "redis://h"));
    }

    @Test
    void causesJoinsDistinctMessagesDownTheChain() {
        IOException e = new IOException("cannot connect", new ConnectException("Connection refused"));
        assertEquals("cannot connect: Connection refused", Stops.causes(e));
        assertEquals("IOException", Stops.causes(new IOException()));
        assertEquals("same", Stops.causes(new IOException("same", new IOException("same"))));
    }

    @Test
    void aPassedDeadlineOrAnInterruptIsAStop() throws Exception {
        Stops.throwIfStopped(context(Optional.empty()));
        Stops.throwIfStopped(context(Optional.of(Instant.now().plusSeconds(60))));
        assertThrows(
                InterruptedException.class,
                () -> Stops.throwIfStopped(context(Optional.of(Instant.now().minusMillis(1)))));
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, () -> Stops.throwIfStopped(context(Optional.empty())));
        assertEquals(false, Thread.currentThread().isInterrupted(), "the interrupt is consumed by the stop");
    }

    @Test
    void budgetIsTheTimeLeftOrTheFallbackAndNothingOncePassed() throws Exception {
        assertEquals(Duration.ofSeconds(7), Stops.budget(context(Optional.empty()), Duration.ofSeconds(7)));
        Duration left = Stops.budget(context(Optional.of(Instant.now().plusSeconds(60))), Duration.ofSeconds(7));
        assertTrue(
                left.compareTo(Duration.ofSeconds(7)) > 0 && left.compareTo(Duration.ofSeconds(60)) <= 0,
                left::toString);
        assertThrows(
                InterruptedException.class,
                () -> Stops.budget(context(Optional.of(Instant.now().minusMillis(1))), Duration.ofSeconds(7)));
    }

    private static TaskContext context(Optional<Instant> deadline) {
        return new TaskContext() {
            @Override
            public String executionId() {
                return "e";
            }

            @Override
            public int attempt() {
                return 1;
            }

            @Override
            public Optional<Instant> deadline() {
                return deadline;
            }

            @Override
            public Optional<String> runAs() {
                return Optional.empty();
            }

            @Override
            public OutputSink output() {
                return null;
            }

            @Override
            public InstantSource clock() {
                return InstantSource.system();
            }
        };
    }
}
