package io.kronforce.bench.peers;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code # FAILED rc=N: <label>} line of the runner. A label of the form {@code <wl> <who>
 * <store> <cfg>} places the failure in its workload's table; any other stays a note of its own.
 */
record FailedRun(int exitStatus, String label, Optional<RunKey> key) {

    private static final Pattern LINE = Pattern.compile("^# FAILED rc=(\\d+): (.*)$");
    private static final Pattern LABEL = Pattern.compile("^(w[1-4]|floor|baseline|work) (\\S+) (\\S+) (\\S+)$");

    static Optional<FailedRun> parse(String line) {
        Matcher m = LINE.matcher(line.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String label = m.group(2).strip();
        Matcher k = LABEL.matcher(label);
        Optional<RunKey> key = k.matches()
                ? Optional.of(new RunKey(k.group(1), k.group(2), k.group(3), k.group(4)))
                : Optional.empty();
        return Optional.of(new FailedRun(Integer.parseInt(m.group(1)), label, key));
    }

    /** What the exit status means: {@code timeout} answers 124, our own hard limit 3. */
    String reason() {
        return switch (exitStatus) {
            case 124, 137 -> "timed out (rc " + exitStatus + ")";
            case HardLimit.EXIT_STATUS -> "hit its hard limit (rc " + exitStatus + ")";
            default -> "failed (rc " + exitStatus + ")";
        };
    }
}
