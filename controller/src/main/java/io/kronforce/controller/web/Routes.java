package io.kronforce.controller.web;

import io.helidon.http.Method;
import io.helidon.webserver.http.HttpRouting;
import io.kronforce.controller.domain.Access;
import io.kronforce.controller.domain.KronforceException;
import io.kronforce.controller.domain.Principal;
import java.util.ArrayList;
import java.util.List;

/**
 * The route table. Registering a route requires its {@link Access}; the table wraps the body in
 * rate limits ({@link RequestLimits}), authentication and authorisation, and remembers the
 * declaration so tests can walk every route.
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
        RequestLimits limits = auth.limits();
        routing.route(method, path, (req, res) -> {
            limits.before(req, res, access);
            Principal caller = auth.authorize(req, access);
            limits.after(req, res, access, caller);
            GroupScopedRoutes.check(caller, method.text(), path, access);
            try {
                handler.handle(req, res, caller);
            } catch (KronforceException e) {
                if (RequestLimits.isFailedAuthentication(e)) {
                    limits.failed(req); // a wrong key at sign-in, a wrong webhook token
                }
                throw e;
            }
        });
        return this;
    }

    public List<RouteSpec> specs() {
        return List.copyOf(specs);
    }
}
