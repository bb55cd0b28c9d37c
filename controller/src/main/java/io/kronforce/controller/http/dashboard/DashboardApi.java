package io.kronforce.controller.http.dashboard;

import io.kronforce.controller.access.ApiKeys;
import io.kronforce.controller.access.Sessions;
import io.kronforce.controller.dashboard.BulkActions;
import io.kronforce.controller.dashboard.ChangeFeed;
import io.kronforce.controller.dashboard.Charts;
import io.kronforce.controller.dashboard.RecentRuns;
import io.kronforce.controller.dashboard.Timeline;
import io.kronforce.controller.dashboard.WhyNotRun;
import io.kronforce.controller.sso.SsoLogins;
import io.kronforce.controller.web.Routes;
import java.util.Optional;

/** What the browser dashboard adds to the REST API: sessions (single sign-on too), its views' data, live lists, bulk actions. */
public final class DashboardApi {
    /** The use cases behind the dashboard's routes. */
    public record Services(
            Sessions sessions,
            Optional<SsoLogins> sso,
            Timeline timeline,
            Charts charts,
            RecentRuns recentRuns,
            WhyNotRun why,
            ChangeFeed changes,
            BulkActions bulk) {}

    private DashboardApi() {}

    /** Registers before the executions routes: {@code /api/executions/recent-statuses} must win over {@code {id}}. */
    public static void register(Routes routes, Services d, ApiKeys keys) {
        new SessionsEndpoint(d.sessions(), keys).register(routes);
        new SsoEndpoint(d.sso()).register(routes);
        new DashboardEndpoint(d.timeline(), d.charts(), d.recentRuns()).register(routes);
        new WhyEndpoint(d.why()).register(routes);
        new ChangesEndpoint(d.changes()).register(routes);
        new BulkEndpoint(d.bulk()).register(routes);
    }
}
