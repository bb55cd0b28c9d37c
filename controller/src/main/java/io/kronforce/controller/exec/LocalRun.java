package io.kronforce.controller.exec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.Optional;

/**
 * One execution to run on this controller.
 *
 * @param task the task with every placeholder resolved (secrets included; never stored)
 * @param timeout empty for no timeout
 * @param mask secret values to hide in captured and streamed output
 */
public record LocalRun(
        String executionId,
        int attempt,
        ObjectNode task,
        Optional<Duration> timeout,
        Optional<String> runAs,
        SecretMask mask) {}
