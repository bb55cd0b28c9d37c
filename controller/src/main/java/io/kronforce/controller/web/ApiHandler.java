package io.kronforce.controller.web;

import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.kronforce.controller.domain.Principal;

/** A route body that runs after authentication and authorisation, with the caller known. */
@FunctionalInterface
public interface ApiHandler {
    void handle(ServerRequest req, ServerResponse res, Principal caller) throws Exception;
}
