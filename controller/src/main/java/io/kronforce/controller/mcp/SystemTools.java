package io.kronforce.controller.mcp;

import static io.kronforce.controller.mcp.Schemas.object;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.agents.Agents;
import io.kronforce.controller.domain.Access;
import io.kronforce.controller.domain.Agent;
import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.PageRequest;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.Times;
import io.kronforce.controller.jobs.Groups;
import io.kronforce.controller.journal.Journals;
import io.kronforce.controller.system.SystemStatus;
import io.kronforce.controller.views.Views;
import java.util.List;

/** Read-only overview tools: agents, groups, events, counts. */
final class SystemTools {
    private final Groups groups;
    private final Journals journals;
    private final SystemStatus system;
    private final Agents agents;

    SystemTools(Groups groups, Journals journals, SystemStatus system, Agents agents) {
        this.groups = groups;
        this.journals = journals;
        this.system = system;
        this.agents = agents;
    }

    List<Tool> tools() {
        return List.of(
                new Tool(
                        "list_agents",
                        "List agents",
                        "List all registered agents with status, type, and tags.",
                        object(),
                        Schemas.listOf("agents"),
                        Access.READ,
                        Tool.Hints.READ,
                        this::agents),
                new Tool(
                        "list_groups",
                        "List groups",
                        "List all job group names.",
                        object(),
                        Schemas.required(Schemas.prop(object(), "groups", "array", "Group names"), "groups"),
                        Access.READ,
                        Tool.Hints.READ,
                        this::groups),
                new Tool(
                        "list_events",
                        "List events",
                        "List recent system events.",
                        Schemas.limit(object(), "Max results (default 20)", 20),
                        Schemas.listOf("events"),
                        Access.READ,
                        Tool.Hints.READ,
                        this::events),
                new Tool(
                        "get_system_stats",
                        "System overview",
                        "Get system overview: job counts, execution stats, agent status, group counts.",
                        object(),
                        Schemas.required(
                                object(),
                                "total_jobs",
                                "total_agents",
                                "online_agents",
                                "total_groups",
                                "execution_outcomes"),
                        Access.READ,
                        Tool.Hints.READ,
                        this::stats));
    }

    /** The registry as {@code GET /api/agents} shows it (the agents' own shape, docs/reference/data-model.md). */
    private Tool.Output agents(Principal who, Args a) {
        ArrayNode rows = Rpc.MAPPER.createArrayNode();
        agents.list().forEach(agent -> rows.add(Views.agent(agent)));
        return JobTools.listed("agents", rows);
    }

    private Tool.Output groups(Principal who, Args a) {
        ArrayNode names = Rpc.MAPPER.createArrayNode();
        groups.list(who).forEach(names::add);
        ObjectNode structured = Rpc.object();
        structured.set("groups", names);
        return new Tool.Output(names.toPrettyString(), structured);
    }

    private Tool.Output events(Principal who, Args a) {
        ArrayNode rows = Rpc.MAPPER.createArrayNode();
        for (Event e : journals.events(
                        who, null, new PageRequest(1, a.integer("limit", 20, 1, PageRequest.MAX_PER_PAGE)))
                .data()) {
            rows.addObject()
                    .put("kind", e.kind())
                    .put("severity", e.severity())
                    .put("message", e.message())
                    .put("timestamp", Times.format(e.timestampMs()));
        }
        return JobTools.listed("events", rows);
    }

    private Tool.Output stats(Principal who, Args a) {
        SystemStatus.Counts counts = system.counts();
        List<Agent> all = agents.list();
        long online = all.stream().filter(x -> Agent.ONLINE.equals(x.status())).count();
        ObjectNode out = Rpc.object()
                .put("total_jobs", counts.jobs())
                .put("total_agents", all.size())
                .put("online_agents", online)
                .put("total_groups", counts.groups());
        ObjectNode outcomes = out.putObject("execution_outcomes");
        counts.executionsByStatus().forEach(outcomes::put);
        return Tool.Output.structured(out);
    }
}
