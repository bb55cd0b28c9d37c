package io.kronforce.controller.agents;

import io.kronforce.worker.wire.ResultReport;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Stream;

/**
 * Identifies a posted result by everything it says, so the same report posted again (an agent
 * retrying after a lost answer sends exactly the same one) can be told from a different one.
 * Kept as SHA-256 rather than the text: the output is recorded on the execution already. Pure.
 */
final class ResultDigest {
    private ResultDigest() {}

    static String of(ResultReport r) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from the JDK", e);
        }
        // Each member length-prefixed, so no two different reports run together into the same bytes.
        Stream.of(
                        r.executionId(),
                        r.jobId(),
                        r.agentId(),
                        r.status(),
                        r.exitCode() == null ? null : r.exitCode().toString(),
                        r.stdout(),
                        r.stderr(),
                        Boolean.toString(r.stdoutTruncated()),
                        Boolean.toString(r.stderrTruncated()),
                        r.startedAt(),
                        r.finishedAt())
                .forEach(member -> {
                    if (member == null) {
                        sha.update((byte) 0);
                        return;
                    }
                    byte[] bytes = member.getBytes(StandardCharsets.UTF_8);
                    sha.update((byte) 1);
                    sha.update(
                            java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
                    sha.update(bytes);
                });
        return HexFormat.of().formatHex(sha.digest());
    }
}
