package io.kronforce.controller.mcp;

import static io.kronforce.controller.mcp.Schemas.object;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.kronforce.controller.app.Groups;
import io.kronforce.controller.app.Journals;
import io.kronforce.controller.app.SystemStatus;
import io.kronforce.controller.domain.Access;
import io.kronforce.controller.domain.Event;
import io.kronforce.controller.domain.PageRequest;
import io.kronforce.controller.domain.Principal;
import io.kronforce.controller.domain.Times;
import java.util.List;

/** Read-only overview tools: agents, groups, events, counts. */
final class SystemTools {
    private final Groups groups;
    private final Journals journals;
    private final SystemStatus system;

    SystemTools(Groups groups, Journals journals, SystemStatus system) {
        this.groups = groups;
        this.journals = journals;
        this.system = system;
    }

    List<Tool> tools() {
        return List.of(
                new Tool("list_agents", "List agents", "List all registered agents with status, type, and tags.",
                        object(), Schemas.listOf("agents"), Access.READ, Tool.Hints.READ, this::agents),
                new Tool("list_groups", "List groups", "List all job group names.", object(),
                        Schemas.required(Schemas.prop(object(), "groups", "array", "Group names"), "groups"), Access.READ,
                        Tool.Hints.READ, this::groups),
                new Tool("list_events", "List events", "List recent system events.",
                        Schemas.limit(object(), "Max results (default 20)", 20), Schemas.listOf("events"),
                        Access.READ, Tool.Hints.READ, this::events),
                new Tool("get_system_stats", "System overview",
                        "Get system overview: job counts, execution stats, agent status, group counts.", object(),
                        Schemas.required(object(), "total_jobs", "total_agents", "online_agents", "total_groups",
                                "execution_outcomes"),
                        Access.READ, Tool.Hints.READ, this::stats));
    }

    // TODO(#4): this build runs every job on the controller and has no agent registry yet, so the
    // list is truthfully empty; the workers issue adds the registry this should read.
    private Tool.Output agents(Principal who, Args a) {
        return JobTools.listed("agents", Rpc.MAPPER.createArrayNode());
    }

    private Tool.Output groups(Principal who, Args a) {
        ArrayNode names = Rpc.MAPPER.createArrayNode();
        groups.list().forEach(names::add);
        ObjectNode structured = Rpc.object();
        structured.set("groups", names);
        return new Tool.Output(names.toPrettyString(), structured);
    }

    private Tool.Output events(Principal who, Args a) {
        ArrayNode rows = Rpc.MAPPER.createArrayNode();
        for (Event e : journals.events(null, new PageRequest(1, a.integer("limit", 20, 1, PageRequest.MAX_PER_PAGE)))
                .data()) {
            rows.addObject().put("kind", e.kind()).put("severity", e.severity()).put("message", e.message())
                    .put("timestamp", Times.format(e.timestampMs()));
        }
        return JobTools.listed("events", rows);
    }

    private Tool.Output stats(Principal who, Args a) {
        SystemStatus.Counts counts = system.counts();
        ObjectNode out = Rpc.object().put("total_jobs", counts.jobs()).put("total_agents", 0).put("online_agents", 0)
                .put("total_groups", counts.groups());
        ObjectNode outcomes = out.putObject("execution_outcomes");
        counts.executionsByStatus().forEach(outcomes::put);
        return Tool.Output.structured(out);
    }
}
