package io.kronforce.task.redis;

import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.OutputSink;
import io.kronforce.task.Stops;
import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

/**
 * Runs a {@code redis_read} task in one of upstream's four modes:
 * <ul>
 *   <li>{@code lpop} / {@code rpop}: pops up to {@code count} list items, one per stdout line;</li>
 *   <li>{@code xread}: reads up to {@code count} stream entries from the start ({@code XREAD COUNT n
 *       STREAMS key 0}), one JSON object per line;</li>
 *   <li>{@code subscribe}: waits for {@code count} messages on the channel, one per line.</li>
 * </ul>
 * An empty list or stream is a success with no output. Thread-safe; each run has its own connection.
 */
public final class RedisReadTaskHandler implements TaskHandler<RedisReadTask> {

    static final int MAX_COUNT = 10_000;
    /** How long {@code subscribe} waits without a job deadline, as upstream's consume tasks. */
    static final Duration DEFAULT_SUBSCRIBE_WINDOW = Duration.ofSeconds(30);

    private static final Set<String> MODES = Set.of("lpop", "rpop", "xread", "subscribe");

    private final EgressPolicy egress;
    private final Duration subscribeWindow;

    public RedisReadTaskHandler(HandlerSettings settings) {
        this(settings.egress(), DEFAULT_SUBSCRIBE_WINDOW);
    }

    RedisReadTaskHandler(EgressPolicy egress, Duration subscribeWindow) {
        this.egress = Objects.requireNonNull(egress, "egress");
        this.subscribeWindow = subscribeWindow;
    }

    @Override
    public String type() {
        return "redis_read";
    }

    @Override
    public Class<RedisReadTask> configType() {
        return RedisReadTask.class;
    }

    @Override
    public List<ConfigViolation> check(RedisReadTask task) {
        List<ConfigViolation> problems = new ArrayList<>();
        RedisTarget.check(task.url(), task.connection()).ifPresent(problems::add);
        if (task.key() == null || task.key().isEmpty()) {
            problems.add(new ConfigViolation("/key", "key is required"));
        }
        if (task.mode() != null && !MODES.contains(task.mode())) {
            problems.add(new ConfigViolation("/mode", "mode must be one of lpop, rpop, xread, subscribe"));
        }
        if (task.count() != null && (task.count() < 1 || task.count() > MAX_COUNT)) {
            problems.add(new ConfigViolation("/count", "count must be between 1 and " + MAX_COUNT));
        }
        return List.copyOf(problems);
    }

    @Override
    public TaskOutcome run(RedisReadTask task, TaskContext ctx) throws InterruptedException {
        int count = task.count() == null ? 1 : task.count();
        String mode = task.mode() == null ? "lpop" : task.mode();
        return RedisCall.run(
                egress, type(), check(task), task.url(), task.password(), ctx, (jedis, timeout) -> switch (mode) {
                    case "rpop" -> lines(jedis.rpop(task.key(), count), ctx.output());
                    case "xread" -> lines(xread(jedis, task.key(), count), ctx.output());
                    case "subscribe" -> subscribe(jedis, task.key(), count, ctx);
                    default -> lines(jedis.lpop(task.key(), count), ctx.output());
                });
    }

    private static TaskOutcome lines(List<String> items, OutputSink out) {
        List<String> read = items == null ? List.of() : items; // nil: the key does not exist
        if (!read.isEmpty()) {
            out.stdout(String.join("\n", read) + "\n");
        }
        return new TaskOutcome.Succeeded(0, Map.of("count", Integer.toString(read.size())));
    }

    private static List<String> xread(Jedis jedis, String key, int count) {
        List<Map.Entry<String, List<StreamEntry>>> streams =
                jedis.xread(XReadParams.xReadParams().count(count), Map.of(key, new StreamEntryID(0, 0)));
        List<String> lines = new ArrayList<>();
        if (streams != null) {
            for (Map.Entry<String, List<StreamEntry>> stream : streams) {
                for (StreamEntry entry : stream.getValue()) {
                    lines.add(StreamEntryJson.render(entry));
                }
            }
        }
        return lines;
    }

    private TaskOutcome subscribe(Jedis jedis, String channel, int count, TaskContext ctx) throws InterruptedException {
        // With a deadline, the deadline ends the wait (a timeout); without one, our window does (a failure).
        Duration window = ctx.timeLeft().orElse(subscribeWindow);
        int received = new ChannelSubscription().collect(jedis, channel, count, window, ctx.output());
        if (received == count) {
            return new TaskOutcome.Succeeded(0, Map.of("count", Integer.toString(received)));
        }
        Stops.throwIfStopped(ctx);
        return new TaskOutcome.Failed(
                null,
                "received " + received + " of " + count + " messages on '" + channel + "' within " + window.toSeconds()
                        + "s",
                true);
    }
}
