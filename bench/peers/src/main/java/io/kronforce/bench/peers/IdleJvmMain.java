package io.kronforce.bench.peers;

import java.time.Duration;

/**
 * The W4 baseline: a JVM with the same flags that loads no scheduler. Its ready time is JVM start
 * to main, its heap and resident set what every row of W4 pays before registering anything.
 */
public final class IdleJvmMain {

    private IdleJvmMain() {}

    public static void main(String[] argv) throws InterruptedException {
        double load1 = HostFacts.load1();
        Args args = Args.parse(argv);
        HardLimit.arm(Duration.ofSeconds(args.number("hard-limit-s", 60)));
        long readyMs = HostFacts.sinceJvmStartMs();
        Thread.sleep(args.number("settle-ms", 3000));
        System.out.println(new ResultLine("baseline", new PeerIdentity("jvm", "mem", "idle"), load1)
                .put("n", 0)
                .put("readyMs", readyMs)
                .put("heapMB", HostFacts.heapAfterGcMib())
                .put("rssMB", HostFacts.residentMib()));
    }
}
