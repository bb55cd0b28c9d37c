package io.kronforce.bench.peers;

import java.time.Duration;

/**
 * One measurement in this JVM: {@code --peer quartz|db-scheduler|jobrunr --store ram|mem|sqlite
 * --cfg default|tuned --wl w1|w2|w3|w4}, plus the workload's sizes. Prints one {@code RESULT}
 * line and exits 0; any failure exits non-zero without a line, which peers.sh turns into a
 * FAILED row.
 */
public final class PeerMain {

    private PeerMain() {}

    public static void main(String[] argv) throws Exception {
        double load1 = HostFacts.load1();
        Args args = Args.parse(argv);
        HardLimit.arm(Duration.ofSeconds(args.number("hard-limit-s", 180)));
        int status = 0;
        try (PeerAdapter peer = peer(args)) {
            System.out.println(measure(args, peer, load1));
            System.out.flush();
        } catch (Exception | Error e) {
            System.err.println("# " + String.join(" ", argv) + " failed: " + e);
            e.printStackTrace(System.err);
            status = 1;
        }
        // The peers leave non-daemon threads behind (pools, pollers): end the JVM ourselves.
        System.exit(status);
    }

    private static PeerAdapter peer(Args args) {
        String store = args.required("store");
        String cfg = args.text("cfg", "default");
        return switch (args.required("peer")) {
            case "quartz" -> new QuartzPeer(store, cfg);
            case "db-scheduler" -> new DbSchedulerPeer(cfg);
            case "jobrunr" -> new JobRunrPeer(store, cfg);
            default -> throw new IllegalArgumentException("unknown --peer " + args.required("peer"));
        };
    }

    private static ResultLine measure(Args args, PeerAdapter peer, double load1) throws Exception {
        int limit = args.number("limit-s", 150);
        return switch (args.required("wl")) {
            case "w1" -> new BurstWorkload(args.number("n", 10_000), args.number("warm", 200), limit).run(peer, load1);
            case "w2" ->
                new LatencyWorkload(args.number("n", 200), args.number("warm", 5), args.number("think-ms", 0), limit)
                        .run(peer, load1);
            case "w3" ->
                new CronWorkload(args.number("jobs", 1000), args.number("window-s", 20), args.number("settle-s", 3))
                        .run(peer, load1);
            case "w4" ->
                new FootprintWorkload(args.number("n", 10_000), args.number("settle-ms", 3000)).run(peer, load1);
            default -> throw new IllegalArgumentException("unknown --wl " + args.required("wl"));
        };
    }
}
