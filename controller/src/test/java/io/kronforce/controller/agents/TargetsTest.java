package io.kronforce.controller.agents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.kronforce.controller.domain.Agent;
import io.kronforce.controller.domain.spec.Target;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The pure target choice of docs/reference/targets.md, with the routing by advertised task types. */
class TargetsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Agent agent(String id, String type, String status, List<String> tags, String... offers) {
        var types = JSON.createArrayNode();
        for (String o : offers) {
            types.addObject().put("name", o);
        }
        return new Agent(id, "name-" + id, tags, "h", "127.0.0.1", 9000, type, status, 0, 0, types, null, false);
    }

    private static Target target(String json) throws Exception {
        return Target.parse(JSON.readTree(json));
    }

    private final Agent push = agent("push", Agent.STANDARD, Agent.ONLINE, List.of("linux"));
    private final Agent pushOff = agent("push-off", Agent.STANDARD, Agent.OFFLINE, List.of("linux"));
    private final Agent pyAgent = agent("py", Agent.CUSTOM, Agent.ONLINE, List.of("linux"), "python");
    private final Agent worker = agent("worker", Agent.CUSTOM, Agent.ONLINE, List.of("batch"), "shell", "http");
    private final List<Agent> registry = List.of(push, pushOff, pyAgent, worker);

    @Test
    void localIsNullAbsentOrLocal() throws Exception {
        assertTrue(Target.isLocal(Target.parse(null)));
        assertTrue(Target.isLocal(Target.parse(JSON.nullNode())));
        assertTrue(Target.isLocal(target("{\"type\":\"local\"}")));
        assertTrue(!Target.isLocal(target("{\"type\":\"any\"}")));
    }

    @Test
    void aNamedAgentMustBeOnlineAndReachable() throws Exception {
        assertEquals(
                List.of(push),
                Targets.choose(target("{\"type\":\"agent\",\"agent_id\":\"push\"}"), "shell", registry, a -> true)
                        .agents());
        assertTrue(
                Targets.choose(target("{\"type\":\"agent\",\"agent_id\":\"push-off\"}"), "shell", registry, a -> true)
                        .reason()
                        .contains("offline"));
        assertTrue(Targets.choose(target("{\"type\":\"agent\",\"agent_id\":\"push\"}"), "shell", registry, a -> false)
                .reason()
                .contains("has not registered since the controller started"));
        assertTrue(Targets.choose(target("{\"type\":\"agent\",\"agent_id\":\"nope\"}"), "shell", registry, a -> true)
                .reason()
                .contains("not registered"));
    }

    @Test
    void aNamedAgentTakesAnyTaskTypeAsUpstream() throws Exception {
        assertEquals(
                List.of(pyAgent),
                Targets.choose(target("{\"type\":\"agent\",\"agent_id\":\"py\"}"), "shell", registry, a -> true)
                        .agents());
    }

    @Test
    void taggedPicksAgentsWithTheTagThatTakeTheType() throws Exception {
        assertEquals(
                List.of(worker),
                Targets.choose(target("{\"type\":\"tagged\",\"tag\":\"batch\"}"), "shell", registry, a -> true)
                        .agents());
        assertEquals(
                List.of(push),
                Targets.choose(target("{\"type\":\"tagged\",\"tag\":\"linux\"}"), "shell", registry, a -> true)
                        .agents(),
                "the python agent does not offer shell; the offline one is out");
        assertEquals(
                List.of(pyAgent),
                Targets.choose(target("{\"type\":\"tagged\",\"tag\":\"linux\"}"), "custom", registry, a -> true)
                        .agents());
        String reason = Targets.choose(target("{\"type\":\"tagged\",\"tag\":\"gpu\"}"), "shell", registry, a -> true)
                .reason();
        assertEquals("no online agent with tag 'gpu' can take a 'shell' task", reason);
    }

    @Test
    void allPicksEveryFittingAgentAndAnyPicksOneOfThem() throws Exception {
        assertEquals(
                Set.of(push, worker),
                Set.copyOf(Targets.choose(target("{\"type\":\"all\"}"), "shell", registry, a -> true)
                        .agents()));
        for (int i = 0; i < 20; i++) {
            List<Agent> one = Targets.choose(target("{\"type\":\"any\"}"), "http", registry, a -> true)
                    .agents();
            assertEquals(1, one.size());
            assertTrue(Set.of(push, worker).contains(one.getFirst()));
        }
        assertEquals(
                List.of(worker),
                Targets.choose(target("{\"type\":\"any\"}"), "http", registry, a -> false)
                        .agents(),
                "push agents without a key are out");
    }

    @Test
    void anySpreadsRunsEvenlyOverTheFittingAgents() throws Exception {
        List<Agent> three = List.of(
                agent("a", Agent.STANDARD, Agent.ONLINE, List.of()),
                agent("b", Agent.STANDARD, Agent.ONLINE, List.of()),
                agent("c", Agent.STANDARD, Agent.ONLINE, List.of()));
        java.util.Map<String, Integer> picks = picks(target("{\"type\":\"any\"}"), "shell", three, 3_000);
        // 1,000 each expected; the binomial spread is about 26, so 700 is far outside chance.
        assertEquals(Set.of("a", "b", "c"), picks.keySet());
        picks.values().forEach(n -> assertTrue(n > 700, picks::toString));
    }

    @Test
    void aLoneFitAmongAThousandIsFoundEveryTimeThoughProbesMissIt() throws Exception {
        List<Agent> many = new java.util.ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            many.add(agent("w" + i, Agent.CUSTOM, Agent.ONLINE, List.of(i == 617 ? "gpu" : "cpu")));
        }
        for (int i = 0; i < 200; i++) {
            assertEquals(
                    List.of(many.get(617)),
                    Targets.choose(target("{\"type\":\"tagged\",\"tag\":\"gpu\"}"), "custom", many, a -> true)
                            .agents());
        }
    }

    @Test
    void aTaggedPoolSpreadsRunsOverItsFitsNotOverTheWholeRegistry() throws Exception {
        List<Agent> registry = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            // Every third agent fits: probes hit often, and the walk covers the misses.
            registry.add(agent("w" + i, Agent.CUSTOM, i % 3 == 0 ? Agent.ONLINE : Agent.OFFLINE, List.of("pool")));
        }
        java.util.Map<String, Integer> picks =
                picks(target("{\"type\":\"tagged\",\"tag\":\"pool\"}"), "custom", registry, 5_000);
        // 500 each expected over the ten online agents; the binomial spread is about 21.
        assertEquals(10, picks.size(), picks::toString);
        picks.forEach((id, n) -> assertTrue(Integer.parseInt(id.substring(1)) % 3 == 0 && n > 350, picks::toString));
    }

    /** How often each agent was picked over {@code times} choices. */
    private static java.util.Map<String, Integer> picks(Target target, String type, List<Agent> registry, int times) {
        java.util.Map<String, Integer> picks = new java.util.HashMap<>();
        for (int i = 0; i < times; i++) {
            picks.merge(
                    Targets.choose(target, type, registry, a -> true)
                            .agents()
                            .getFirst()
                            .id(),
                    1,
                    Integer::sum);
        }
        return picks;
    }
}
