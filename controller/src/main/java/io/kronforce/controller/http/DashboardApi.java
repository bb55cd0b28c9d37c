package io.kronforce.controller.http;

import io.kronforce.controller.access.Sessions;

/** What the browser dashboard adds to the REST API: sessions, its views' data, live lists, bulk actions. */
public final class DashboardApi {
    /** The use cases behind the dashboard's routes. */
    public record Services(Sessions sessions) {}

    private DashboardApi() {}

    static void register(Routes routes, Services d, HttpApi.Services s) {
        new SessionsEndpoint(d.sessions(), s.keys()).register(routes);
    }
}
