package io.kronforce.controller.domain;

import static io.kronforce.controller.domain.ExecutionStatus.CANCELLED;
import static io.kronforce.controller.domain.ExecutionStatus.FAILED;
import static io.kronforce.controller.domain.ExecutionStatus.PENDING;
import static io.kronforce.controller.domain.ExecutionStatus.PENDING_APPROVAL;
import static io.kronforce.controller.domain.ExecutionStatus.QUEUED;
import static io.kronforce.controller.domain.ExecutionStatus.RUNNING;
import static io.kronforce.controller.domain.ExecutionStatus.SKIPPED;
import static io.kronforce.controller.domain.ExecutionStatus.SUCCEEDED;
import static io.kronforce.controller.domain.ExecutionStatus.TIMED_OUT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class TransitionsTest {

    @ParameterizedTest
    @EnumSource(
            value = ExecutionStatus.class,
            names = {"SUCCEEDED", "FAILED", "TIMED_OUT", "CANCELLED", "SKIPPED"})
    void terminalStatesHaveNoWayOut(ExecutionStatus terminal) {
        for (ExecutionStatus to : ExecutionStatus.values()) {
            assertFalse(Transitions.allowed(terminal, to), terminal + " -> " + to);
        }
    }

    @Test
    void terminalStatesAreExactlyTheFiveFinalOnes() {
        Set<ExecutionStatus> terminal = EnumSet.noneOf(ExecutionStatus.class);
        for (ExecutionStatus s : ExecutionStatus.values()) {
            if (s.isTerminal()) {
                terminal.add(s);
            }
        }
        assertEquals(EnumSet.of(SUCCEEDED, FAILED, TIMED_OUT, CANCELLED, SKIPPED), terminal);
    }

    @ParameterizedTest(name = "{0} -> {1} allowed: {2}")
    @CsvSource({
        "PENDING_APPROVAL, PENDING, true",
        "PENDING_APPROVAL, CANCELLED, true",
        "PENDING_APPROVAL, RUNNING, false",
        "PENDING_APPROVAL, QUEUED, true",
        "PENDING_APPROVAL, SKIPPED, true",
        "QUEUED, PENDING, true",
        "QUEUED, CANCELLED, true",
        "QUEUED, RUNNING, false",
        "QUEUED, SKIPPED, false",
        "PENDING_APPROVAL, SUCCEEDED, false",
        "PENDING, RUNNING, true",
        "PENDING, SUCCEEDED, true",
        "PENDING, FAILED, true",
        "PENDING, TIMED_OUT, true",
        "PENDING, CANCELLED, true",
        "PENDING, SKIPPED, true",
        "PENDING, PENDING, false",
        "PENDING, PENDING_APPROVAL, false",
        "RUNNING, SUCCEEDED, true",
        "RUNNING, FAILED, true",
        "RUNNING, TIMED_OUT, true",
        "RUNNING, CANCELLED, true",
        "RUNNING, SKIPPED, false",
        "RUNNING, PENDING, false",
        "RUNNING, RUNNING, false",
        "SUCCEEDED, FAILED, false",
        "FAILED, RUNNING, false",
        "CANCELLED, PENDING, false",
        "TIMED_OUT, SUCCEEDED, false",
    })
    void allowsExactlyTheTable(ExecutionStatus from, ExecutionStatus to, boolean allowed) {
        assertEquals(allowed, Transitions.allowed(from, to));
    }

    @Test
    void listsTheSourcesOfEachTarget() {
        assertEquals(EnumSet.of(PENDING, RUNNING), Transitions.sourcesOf(SUCCEEDED));
        assertEquals(EnumSet.of(PENDING_APPROVAL, QUEUED, PENDING, RUNNING), Transitions.sourcesOf(CANCELLED));
        assertEquals(EnumSet.of(PENDING), Transitions.sourcesOf(RUNNING));
        assertEquals(EnumSet.of(PENDING, PENDING_APPROVAL), Transitions.sourcesOf(SKIPPED));
        assertEquals(EnumSet.of(PENDING_APPROVAL, QUEUED), Transitions.sourcesOf(PENDING));
        assertEquals(EnumSet.of(PENDING_APPROVAL), Transitions.sourcesOf(QUEUED));
        assertEquals(EnumSet.noneOf(ExecutionStatus.class), Transitions.sourcesOf(PENDING_APPROVAL));
    }

    @Test
    void readsAndWritesWireNames() {
        for (ExecutionStatus s : ExecutionStatus.values()) {
            assertEquals(s, ExecutionStatus.parse(s.wire()).orElseThrow());
        }
        assertEquals("timed_out", TIMED_OUT.wire());
        assertEquals("pending_approval", PENDING_APPROVAL.wire());
        assertFalse(ExecutionStatus.parse("TIMED_OUT").isPresent());
    }
}
