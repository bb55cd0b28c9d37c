package io.kronforce.controller.web;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import io.kronforce.controller.domain.Access;
import io.kronforce.controller.domain.Principal;
import java.util.ArrayList;
import java.util.List;

/**
 * The route table. Registering a route requires its {@link Access}; the table wraps the body in
 * authentication and authorisation and remembers the declaration so tests can walk every route.
 */
public final class Routes {
    private final HttpRouting.Builder routing;
    private final Authenticator auth;
    private final List<RouteSpec> specs = new ArrayList<>();

    public Routes(HttpRouting.Builder routing, Authenticator auth) {
        this.routing = routing;
        this.auth = auth;
    }

    public Routes get(String path, Access access, ApiHandler handler) {
        return add(Method.GET, path, access, handler);
    }

    public Routes post(String path, Access access, ApiHandler handler) {
        return add(Method.POST, path, access, handler);
    }

    public Routes put(String path, Access access, ApiHandler handler) {
        return add(Method.PUT, path, access, handler);
    }

    public Routes delete(String path, Access access, ApiHandler handler) {
        return add(Method.DELETE, path, access, handler);
    }

    private Routes add(Method method, String path, Access access, ApiHandler handler) {
        specs.add(new RouteSpec(method.text(), path, access));
        routing.route(method, path, (req, res) -> {
            Principal caller = auth.authorize(req, access);
            GroupScopedRoutes.check(caller, method.text(), path, access);
            handler.handle(req, res, caller);
        });
        return this;
    }

    public List<RouteSpec> specs() {
        return List.copyOf(specs);
    }
}
