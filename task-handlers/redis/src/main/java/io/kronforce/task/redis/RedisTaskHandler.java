package io.kronforce.task.redis;

import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.TaskContext;
import io.kronforce.task.TaskHandler;
import io.kronforce.task.TaskOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a {@code redis} task: PUBLISH {@code message} on {@code channel}. Stdout says how many
 * subscribers received it (Redis's own answer); zero receivers is still a success, as with
 * {@code redis-cli PUBLISH}. Thread-safe; each run has its own connection.
 */
public final class RedisTaskHandler implements TaskHandler<RedisTask> {

    private final EgressPolicy egress;

    public RedisTaskHandler(HandlerSettings settings) {
        this.egress = Objects.requireNonNull(settings.egress(), "egress");
    }

    @Override
    public String type() {
        return "redis";
    }

    @Override
    public Class<RedisTask> configType() {
        return RedisTask.class;
    }

    @Override
    public List<ConfigViolation> check(RedisTask task) {
        List<ConfigViolation> problems = new ArrayList<>();
        RedisTarget.check(task.url(), task.connection()).ifPresent(problems::add);
        if (task.channel() == null || task.channel().isEmpty()) {
            problems.add(new ConfigViolation("/channel", "channel is required"));
        }
        if (task.message() == null) {
            problems.add(new ConfigViolation("/message", "message is required"));
        }
        return List.copyOf(problems);
    }

    @Override
    public TaskOutcome run(RedisTask task, TaskContext ctx) throws InterruptedException {
        return RedisCall.run(egress, type(), check(task), task.url(), task.password(), ctx, (jedis, timeout) -> {
            long receivers = jedis.publish(task.channel(), task.message());
            ctx.output()
                    .stdout("published to '" + task.channel() + "': " + receivers
                            + (receivers == 1 ? " subscriber" : " subscribers") + " received it\n");
            return new TaskOutcome.Succeeded(0, Map.of("receivers", Long.toString(receivers)));
        });
    }
}
