package io.kronforce.controller.agents;

import io.kronforce.controller.domain.Agent;
import io.kronforce.controller.domain.spec.Target;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Worker pools: a {@code tagged} target's pool is its tag, an {@code any}
 * target's pool is {@code any}. A pull worker serves the pools of its tags and {@code any}. Work
 * for a pool nobody online serves waits there; its depth is what an autoscaler scales on. Pure.
 */
final class Pools {
    /** The pool of {@code any} targets; a tag of that name would share it. */
    static final String ANY = "any";

    private Pools() {}

    /** The target's pool; empty for targets that name their agents ({@code agent}, {@code all}) or none. */
    static Optional<String> of(Target target) {
        return switch (target) {
            case Target.Tagged t -> Optional.of(t.tag());
            case Target.AnyAgent any -> Optional.of(ANY);
            case null, default -> Optional.empty();
        };
    }

    /** Whether the agent is a member of the pool. */
    static boolean serves(Agent agent, String pool) {
        return ANY.equals(pool) || agent.tags().contains(pool);
    }

    /** The pools an agent serves: its tags and {@code any}. */
    static List<String> servedBy(Agent agent) {
        List<String> pools = new ArrayList<>(agent.tags());
        pools.add(ANY);
        return pools;
    }

    /**
     * The task types an agent claims from a pool: those it advertises, and {@code custom} (docs/reference/targets.md).
     */
    static List<String> takenBy(Agent agent) {
        List<String> types = new ArrayList<>();
        types.add("custom");
        agent.taskTypes().forEach(t -> types.add(t.path("name").asText()));
        return types;
    }
}
