package io.kronforce.controller.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.kronforce.controller.domain.Agent;
import io.kronforce.controller.domain.spec.Target;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

/**
 * Which agents a job's {@code target} picks (docs/reference/targets.md), or why none can take it. Pure: it sees the
 * registry as a list and which push agents it can reach; it neither reads nor writes anything.
 *
 * <ul>
 *   <li>{@code agent}: that agent, online, whatever the task type (custom agents pull, standard agents are pushed to);
 *   <li>{@code tagged}, {@code any}: one online agent, picked uniformly, that can take the task, with
 *       the tag: {@code custom} tasks go to custom agents; other types to standard agents, and to
 *       custom agents that advertise the type among their task types (our pull workers do);
 *   <li>{@code all}: every such agent.
 * </ul>
 */
public final class Targets {
    private Targets() {}

    /** The agents picked, or the reason there are none. Exactly one of the two is non-empty. */
    record Choice(List<Agent> agents, String reason) {
        static Choice none(String reason) {
            return new Choice(List.of(), reason);
        }
    }

    /**
     * @param reachable whether the controller can push to a standard agent now (it holds its key)
     */
    static Choice choose(Target target, String taskType, List<Agent> registry, Predicate<Agent> reachable) {
        return switch (target) {
            case Target.Agent a -> named(a.agentId(), registry, reachable);
            case Target.Tagged t -> pool(registry, taskType, reachable, Optional.of(t.tag()), false);
            case Target.AnyAgent any -> pool(registry, taskType, reachable, Optional.empty(), false);
            case Target.AllAgents all -> pool(registry, taskType, reachable, Optional.empty(), true);
            case null -> Choice.none("unknown target type ''");
            default -> Choice.none("unknown target type '" + target.type() + "'");
        };
    }

    private static Choice named(String id, List<Agent> registry, Predicate<Agent> reachable) {
        Optional<Agent> agent = registry.stream().filter(a -> a.id().equals(id)).findFirst();
        if (agent.isEmpty()) {
            return Choice.none("target agent " + id + " is not registered");
        }
        Agent a = agent.get();
        if (!a.online()) {
            return Choice.none("target agent '" + a.name() + "' is offline");
        }
        if (!a.pulls() && !reachable.test(a)) {
            return Choice.none(unreachable(a));
        }
        return new Choice(List.of(a), null);
    }

    /**
     * Random probes before the walk: in a pool where most agents fit (a thousand workers on one tag)
     * one probe nearly always finds one, where the walk reads every agent on every trigger.
     */
    static final int PROBES = 8;

    private static Choice pool(
            List<Agent> registry, String taskType, Predicate<Agent> reachable, Optional<String> tag, boolean all) {
        Predicate<Agent> fits = a -> a.online()
                && takes(a, taskType)
                && (tag.isEmpty() || a.tags().contains(tag.get()))
                && (a.pulls() || reachable.test(a));
        List<Agent> chosen = all ? registry.stream().filter(fits).toList() : one(registry, fits);
        if (chosen.isEmpty()) {
            return Choice.none("no online agent"
                    + tag.map(t -> " with tag '" + t + "'").orElse("") + " can take a '" + taskType + "' task");
        }
        return new Choice(chosen, null);
    }

    /**
     * One fitting agent, uniformly: a uniform probe that fits is uniform over the fits, and when
     * {@link #PROBES} probes miss, reservoir sampling over the whole list is too.
     */
    private static List<Agent> one(List<Agent> registry, Predicate<Agent> fits) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < PROBES && !registry.isEmpty(); i++) {
            Agent probe = registry.get(random.nextInt(registry.size()));
            if (fits.test(probe)) {
                return List.of(probe);
            }
        }
        Agent picked = null;
        int seen = 0;
        for (Agent a : registry) {
            if (fits.test(a) && random.nextInt(++seen) == 0) {
                picked = a;
            }
        }
        return picked == null ? List.of() : List.of(picked);
    }

    /** Whether the agent runs tasks of this type. */
    static boolean takes(Agent a, String taskType) {
        if ("custom".equals(taskType)) {
            return a.pulls();
        }
        if (!a.pulls()) {
            return true;
        }
        for (JsonNode t : a.taskTypes()) {
            if (taskType.equals(t.path("name").asText())) {
                return true;
            }
        }
        return false;
    }

    private static String unreachable(Agent a) {
        return "target agent '" + a.name() + "' has not registered since the controller started, so the"
                + " controller holds no key to reach it";
    }
}
