package io.kronforce.bench;

import java.util.List;
import java.util.Locale;

/**
 * B7 handler overhead: each handler run in-process against its server (the machine's services, or
 * one the case starts in-process as the handler module's tests do), interleaved run for run with
 * the bare client library doing the same operation (the same-rep baseline). The figure is the
 * median time of one run; the ratio is what the handler layer costs on top of the client
 * (validation, egress check, timeouts, output). A case whose server is down is noted and skipped;
 * a case this machine cannot run at all (docker_build without an engine) is reported as skipped
 * with the reason; the other rows are still measured.
 */
final class HandlerBench {

    /** Unmeasured runs of each side first: class loading and JIT would dominate otherwise. */
    static final int WARMUP_RUNS = 20;

    private final BenchContext ctx;

    HandlerBench(BenchContext ctx) {
        this.ctx = ctx;
    }

    void rep(int rep) throws InterruptedException {
        int runs = ctx.options().handlerOps() + WARMUP_RUNS;
        for (CaseFactory factory : factories(runs)) {
            HandlerCase handlerCase;
            try {
                handlerCase = factory.open();
            } catch (HandlerCase.Skipped e) {
                ctx.results().skip("B7 " + e.row() + " p50", e.getMessage());
                continue;
            } catch (Exception e) {
                ctx.results().note("B7 case not set up (is its server running?): " + e);
                continue;
            }
            try {
                measure(rep, handlerCase);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                ctx.results().note("B7 " + handlerCase.name() + " not measured: " + e);
            } finally {
                cleanUp(handlerCase);
            }
        }
    }

    private interface CaseFactory {
        HandlerCase open() throws Exception;
    }

    private List<CaseFactory> factories(int runs) {
        return List.of(
                DatabaseCases::postgres,
                () -> DatabaseCases.sqlite(ctx.scratch()),
                DatabaseCases::redisPublish,
                () -> DatabaseCases.redisLpop(runs),
                MessagingCases::rabbitPublish,
                () -> MessagingCases.rabbitConsume(runs),
                MessagingCases::mqttPublish,
                MessagingCases::mqttSubscribe,
                MessagingCases::natsPublish,
                LocalCases::shell,
                LocalCases::http,
                () -> LocalCases.filePush(ctx.scratch()),
                LocalCases::script,
                KafkaCases::publish,
                KafkaCases::consume,
                () -> TransferCases.ftp(ctx.scratch()),
                () -> TransferCases.sftp(ctx.scratch()),
                () -> S3Cases.put(ctx.scratch()),
                () -> S3Cases.get(ctx.scratch()),
                McpCases::toolCall,
                DockerCases::build);
    }

    private void measure(int rep, HandlerCase c) throws Exception {
        for (int i = 0; i < WARMUP_RUNS; i++) {
            c.handler().run();
            c.bare().run();
        }
        int runs = ctx.options().handlerOps();
        LongSamples handler = new LongSamples();
        LongSamples bare = new LongSamples();
        // Interleaved, so drift on the shared machine touches both sides alike.
        for (int i = 0; i < runs; i++) {
            handler.add(time(c.handler()));
            bare.add(time(c.bare()));
        }
        long[] h = LongSamples.sortedUnion(List.of(handler));
        long[] b = LongSamples.sortedUnion(List.of(bare));
        ctx.results()
                .add(
                        "B7 " + c.name() + " p50",
                        "ms",
                        "bare client, same operation",
                        rep,
                        Stats.percentile(h, 50) / 1e6,
                        Stats.percentile(b, 50) / 1e6);
        ctx.results()
                .note(String.format(
                        Locale.ROOT,
                        "B7 %s rep=%d runs=%d handler p99=%.3f ms bare p99=%.3f ms",
                        c.name(),
                        rep,
                        runs,
                        Stats.percentile(h, 99) / 1e6,
                        Stats.percentile(b, 99) / 1e6));
    }

    private static long time(HandlerCase.Op op) throws Exception {
        long start = System.nanoTime();
        op.run();
        return System.nanoTime() - start;
    }

    private void cleanUp(HandlerCase c) {
        try {
            c.cleanup().run();
        } catch (Exception e) {
            ctx.results().note("B7 " + c.name() + " clean-up failed: " + e);
        }
    }
}
