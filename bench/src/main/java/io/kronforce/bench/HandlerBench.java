package io.kronforce.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Locale;

/**
 * B7 handler overhead: each handler run in-process against its server (the machine's services, or
 * one the case starts in-process as the handler module's tests do), interleaved run for run with
 * the bare client library doing the same operation (the same-rep baseline). The figure is the
 * median time of one run; the ratio is what the handler layer costs on top of the client
 * (validation, egress check, timeouts, output). Every row shows what happened to it: a rep whose
 * server is down is skipped and a rep that throws is failed, each counted in the row with its
 * reason; a case this machine cannot run at all (docker_build without an engine) is reported as
 * skipped with the reason; the other rows are still measured.
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
        for (Source source : sources(runs)) {
            String figure = "B7 " + source.row() + " p50";
            if (source.server() != null && !source.server().reachable()) {
                ctx.results().skipRep(figure, rep, source.server() + " not reachable");
                continue;
            }
            HandlerCase handlerCase;
            try {
                handlerCase = source.factory().open();
            } catch (HandlerCase.Skipped e) {
                ctx.results().skip(figure, e.getMessage());
                continue;
            } catch (Exception e) {
                ctx.results().failRep(figure, rep, "set-up: " + e);
                continue;
            }
            try {
                measure(rep, source.row(), handlerCase);
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                ctx.results().failRep(figure, rep, e.toString());
            } finally {
                cleanUp(source.row(), handlerCase);
            }
        }
    }

    private interface CaseFactory {
        HandlerCase open() throws Exception;
    }

    /**
     * One B7 row: its label, the server of this machine's it needs (null: none, or one the case
     * starts in-process), and how to build the case.
     */
    private record Source(String row, LocalServer server, CaseFactory factory) {}

    /** A server on loopback that a case needs; probed first, so a down server reads as such. */
    record LocalServer(String name, int port) {
        static final LocalServer POSTGRES = new LocalServer("PostgreSQL", 5432);
        static final LocalServer REDIS = new LocalServer("Redis", 6379);
        static final LocalServer RABBITMQ = new LocalServer("RabbitMQ", 5672);
        static final LocalServer MOSQUITTO = new LocalServer("Mosquitto", 1883);
        static final LocalServer NATS = new LocalServer("NATS", 4222);

        boolean reachable() {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1_000);
                return true;
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public String toString() {
            return name + " on 127.0.0.1:" + port;
        }
    }

    private List<Source> sources(int runs) {
        return List.of(
                new Source("sql (PostgreSQL SELECT 1)", LocalServer.POSTGRES, DatabaseCases::postgres),
                new Source("sql (SQLite file SELECT 1)", null, () -> DatabaseCases.sqlite(ctx.scratch())),
                new Source("redis (PUBLISH)", LocalServer.REDIS, DatabaseCases::redisPublish),
                new Source("redis_read (LPOP 1)", LocalServer.REDIS, () -> DatabaseCases.redisLpop(runs)),
                new Source("rabbitmq (confirmed publish)", LocalServer.RABBITMQ, MessagingCases::rabbitPublish),
                new Source(
                        "rabbitmq_consume (1 message)", LocalServer.RABBITMQ, () -> MessagingCases.rabbitConsume(runs)),
                new Source("mqtt (publish QoS 1)", LocalServer.MOSQUITTO, MessagingCases::mqttPublish),
                new Source("mqtt_subscribe (1 retained message)", LocalServer.MOSQUITTO, MessagingCases::mqttSubscribe),
                new Source("nats (publish + flush)", LocalServer.NATS, MessagingCases::natsPublish),
                new Source("shell (true)", null, LocalCases::shell),
                new Source("http (GET on loopback)", null, LocalCases::http),
                new Source("file_push (4 bytes)", null, () -> LocalCases.filePush(ctx.scratch())),
                new Source("script (100-step loop)", null, LocalCases::script),
                new Source("kafka (acknowledged publish)", null, KafkaCases::publish),
                new Source("kafka_consume (1 message, no group)", null, KafkaCases::consume),
                new Source("ftp (FTP upload, 4 bytes)", null, () -> TransferCases.ftp(ctx.scratch())),
                new Source("ftp (SFTP upload, 4 bytes)", null, () -> TransferCases.sftp(ctx.scratch())),
                new Source("s3 (put 4 bytes)", null, () -> S3Cases.put(ctx.scratch())),
                new Source("s3 (get 4 bytes)", null, () -> S3Cases.get(ctx.scratch())),
                new Source("mcp (tools/call in a fresh session)", null, McpCases::toolCall),
                new Source("docker_build (FROM scratch)", null, DockerCases::build));
    }

    private void measure(int rep, String row, HandlerCase c) throws Exception {
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
                        "B7 " + row + " p50",
                        "ms",
                        "bare client, same operation",
                        rep,
                        Stats.percentile(h, 50) / 1e6,
                        Stats.percentile(b, 50) / 1e6);
        ctx.results()
                .note(String.format(
                        Locale.ROOT,
                        "B7 %s rep=%d runs=%d handler p99=%.3f ms bare p99=%.3f ms",
                        row,
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

    private void cleanUp(String row, HandlerCase c) {
        try {
            c.cleanup().run();
        } catch (Exception e) {
            ctx.results().note("B7 " + row + " clean-up failed: " + e);
        }
    }
}
