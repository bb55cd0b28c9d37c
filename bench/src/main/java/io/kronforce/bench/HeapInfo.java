package io.kronforce.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The live heap of a child JVM after a full GC, through the JDK's own {@code jcmd} (no agent, no
 * flag on the child): {@code GC.run}, then {@code GC.heap_info}, whose heap lines are summed.
 */
final class HeapInfo {

    /**
     * A heap line of {@code GC.heap_info}: G1's one line, or a generation of Serial or Parallel
     * ({@code total 262144K, used 20480K} up to JDK 21, {@code total reserved …K, committed …K, used …K} since).
     */
    private static final Pattern USED = Pattern.compile("total .*, used (\\d+)K");

    private HeapInfo() {}

    /** MiB in use after a full GC of process {@code pid}, or empty (with why on stderr) when jcmd cannot tell. */
    static OptionalDouble afterGcMiB(long pid) throws InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            System.err.println("no jcmd at " + jcmd + ": heap after GC not measured");
            return OptionalDouble.empty();
        }
        try {
            run(jcmd, pid, "GC.run");
            String info = run(jcmd, pid, "GC.heap_info");
            OptionalDouble used = usedMiB(info);
            if (used.isEmpty()) {
                System.err.println("no heap line in jcmd GC.heap_info, heap after GC not measured:\n" + info);
            }
            return used;
        } catch (IOException e) {
            System.err.println("jcmd " + pid + " failed, heap after GC not measured: " + e.getMessage());
            return OptionalDouble.empty();
        }
    }

    /**
     * The heap in use, in MiB, from the text of {@code GC.heap_info}: the sum of the {@code used}
     * figures of the heap lines above {@code Metaspace}; empty when there is none (ZGC, say).
     */
    static OptionalDouble usedMiB(String heapInfo) {
        long usedK = 0;
        boolean found = false;
        for (String line : heapInfo.split("\n")) {
            if (line.strip().startsWith("Metaspace")) {
                break;
            }
            Matcher m = USED.matcher(line);
            if (m.find()) {
                usedK += Long.parseLong(m.group(1));
                found = true;
            }
        }
        return found ? OptionalDouble.of(usedK / 1024.0) : OptionalDouble.empty();
    }

    private static String run(Path jcmd, long pid, String command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IOException(command + " -> " + JsonFields.abbreviate(out));
        }
        return out;
    }
}
