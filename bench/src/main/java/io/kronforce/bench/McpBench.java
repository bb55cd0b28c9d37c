package io.kronforce.bench;

import java.io.IOException;
import java.util.Map;

/**
 * B8: MCP {@code tools/call get_job} latency under C concurrent clients, each with its own MCP
 * session (initialized on its first call, as an assistant would), against the REST read of the
 * same job on the same controller in the same rep — the ratio is what the MCP door adds.
 */
final class McpBench {
    private static final String BASELINE = "REST GET /api/jobs/{id} (same controller)";
    private static final String ACCEPT = "application/json, text/event-stream";

    private final BenchContext ctx;

    McpBench(BenchContext ctx) {
        this.ctx = ctx;
    }

    void rep(int rep, Controller controller, String jobUrl) throws IOException, InterruptedException {
        String jobId = controller.createHttpJob("bench-mcp-" + rep, jobUrl);
        HttpApi api = controller.api();
        BenchOptions o = ctx.options();
        LoadRunner.Result base = LoadRunner.run(
                o.clients(),
                o.warmup(),
                o.duration(),
                () -> api.get("/api/jobs/" + jobId).status() == 200);
        // Each load client runs on one virtual thread for the whole phase: a thread-local is its session.
        ThreadLocal<String> sessions = new ThreadLocal<>();
        String call = "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/call\",\"params\":{\"name\":\"get_job\","
                + "\"arguments\":{\"id\":\"" + jobId + "\"}}}";
        LoadRunner.Result measured = LoadRunner.run(o.clients(), o.warmup(), o.duration(), () -> {
            if (sessions.get() == null) {
                sessions.set(initialize(api));
            }
            var r = api.exchange("/mcp", call, Map.of("Accept", ACCEPT, "Mcp-Session-Id", sessions.get()));
            return r.statusCode() == 200 && r.body().contains("\"isError\":false");
        });
        ctx.results()
                .add(
                        "B8 MCP tools/call get_job, throughput",
                        "req/s",
                        BASELINE,
                        rep,
                        measured.perSecond(),
                        base.perSecond());
        ctx.results()
                .add("B8 MCP tools/call get_job, p50 latency", "ms", BASELINE, rep, measured.p50Ms(), base.p50Ms());
        ctx.results()
                .add("B8 MCP tools/call get_job, p99 latency", "ms", BASELINE, rep, measured.p99Ms(), base.p99Ms());
        ctx.results().note("B7 rep=" + rep + " mcp=" + measured + " rest=" + base);
    }

    private static String initialize(HttpApi api) throws IOException, InterruptedException {
        var r = api.exchange(
                "/mcp",
                "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":"
                        + "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{},\"clientInfo\":{\"name\":\"bench\","
                        + "\"version\":\"1\"}}}",
                Map.of("Accept", ACCEPT));
        return r.headers()
                .firstValue("Mcp-Session-Id")
                .orElseThrow(() -> new IOException("initialize gave no session: " + r.statusCode() + " " + r.body()));
    }
}
