package io.kronforce.controller.http;

import io.helidon.webserver.http.HttpRouting;
import io.kronforce.controller.access.ApiKeys;
import io.kronforce.controller.access.StreamTickets;
import io.kronforce.controller.agents.AgentRuntime;
import io.kronforce.controller.assistant.JobAssistant;
import io.kronforce.controller.domain.Access;
import io.kronforce.controller.executions.ExecutionControl;
import io.kronforce.controller.firing.FirePreview;
import io.kronforce.controller.firing.Webhooks;
import io.kronforce.controller.http.dashboard.DashboardApi;
import io.kronforce.controller.jobs.Groups;
import io.kronforce.controller.jobs.JobCatalog;
import io.kronforce.controller.jobs.JobVersions;
import io.kronforce.controller.journal.Journals;
import io.kronforce.controller.notify.Notifications;
import io.kronforce.controller.portability.Portability;
import io.kronforce.controller.resources.Connections;
import io.kronforce.controller.resources.Scripts;
import io.kronforce.controller.resources.Settings;
import io.kronforce.controller.resources.ToolDiscovery;
import io.kronforce.controller.resources.Variables;
import io.kronforce.controller.system.SystemStatus;
import io.kronforce.controller.system.Vacuum;
import io.kronforce.controller.templates.Templates;
import io.kronforce.controller.views.JobViews;
import io.kronforce.controller.web.Authenticator;
import io.kronforce.controller.web.FrontDoor;
import io.kronforce.controller.web.JsonIo;
import io.kronforce.controller.web.ProblemJson;
import io.kronforce.controller.web.Query;
import io.kronforce.controller.web.RequestLimits;
import io.kronforce.controller.web.ResponseHeaders;
import io.kronforce.controller.web.RouteSpec;
import io.kronforce.controller.web.Routes;
import io.kronforce.controller.webui.DashboardSite;
import java.util.List;
import java.util.Set;

/** Builds the whole REST routing from the use cases. The composition root calls {@link #routing}. */
public final class HttpApi {
    /** Everything the routes call into. */
    public record Services(
            JobCatalog jobs,
            JobViews jobViews,
            ExecutionControl executions,
            Variables variables,
            Settings settings,
            ApiKeys keys,
            Journals journals,
            StreamTickets tickets,
            RequestLimits limits,
            SystemStatus system,
            FirePreview preview,
            Webhooks webhooks,
            Groups groups,
            Connections connections,
            Notifications notifications,
            AgentRuntime workers,
            Scripts scripts,
            ToolDiscovery toolDiscovery,
            JobAssistant assistant,
            DashboardApi.Services dashboard,
            JobVersions versions,
            Templates templates,
            Portability data,
            Vacuum vacuum,
            boolean demoMode,
            boolean agentCertificates) {}

    private HttpApi() {}

    /** Registers every REST route on {@code routing}; returns the declared route table. */
    public static List<RouteSpec> routing(HttpRouting.Builder routing, Services s, Set<String> corsOrigins) {
        return routing(routing, s, corsOrigins, List.of());
    }

    /** Registers every REST route and the routes of {@code doors}; returns the declared route table. */
    public static List<RouteSpec> routing(
            HttpRouting.Builder routing, Services s, Set<String> corsOrigins, List<FrontDoor> doors) {
        routing.addFilter(new ResponseHeaders(corsOrigins));
        ProblemJson.register(routing);
        Routes routes = new Routes(
                routing,
                new Authenticator(
                        s.keys(),
                        s.tickets(),
                        s.dashboard().sessions(),
                        s.demoMode(),
                        s.limits(),
                        s.agentCertificates()));
        new SystemEndpoint(s.system(), s.assistant(), s.vacuum(), s.demoMode()).register(routes);
        new GroupsEndpoint(s.groups()).register(routes); // before /api/jobs/{id}: its fixed paths must win
        DashboardApi.register(routes, s.dashboard(), s.keys()); // before /api/executions/{id}, likewise
        new JobsEndpoint(s.jobs(), s.jobViews(), s.executions()).register(routes);
        new VersionsEndpoint(s.versions(), s.jobViews()).register(routes);
        new TemplatesEndpoint(s.templates(), s.jobViews()).register(routes);
        new UpcomingEndpoint(s.preview()).register(routes);
        new WebhooksEndpoint(s.webhooks()).register(routes);
        new ExecutionsEndpoint(s.executions(), s.tickets()).register(routes);
        new EventsEndpoint(s.journals()).register(routes);
        new VariablesEndpoint(s.variables()).register(routes);
        new ConnectionsEndpoint(s.connections()).register(routes);
        // Upstream lets any reader make the controller call any URL (docs/reference/differences.md row 9): an
        // operator's call here.
        routes.get(
                "/api/mcp/tools",
                Access.WRITE,
                (req, res, who) -> JsonIo.ok(
                        res,
                        JsonIo.MAPPER
                                .createObjectNode()
                                .set("tools", s.toolDiscovery().tools(Query.text(req, "server_url")))));
        new AiEndpoint(s.assistant()).register(routes);
        new ScriptsEndpoint(s.scripts()).register(routes);
        new SettingsEndpoint(s.settings()).register(routes);
        new KeysEndpoint(s.keys()).register(routes);
        new DataEndpoint(s.data()).register(routes);
        new NotificationsEndpoint(s.notifications()).register(routes);
        new AgentsEndpoint(s.workers()).register(routes);
        doors.forEach(d -> d.register(routes));
        DashboardSite.load().register(routing); // the browser dashboard at /, public: it holds no data
        routing.any(ProblemJson::notFound);
        return routes.specs();
    }
}
