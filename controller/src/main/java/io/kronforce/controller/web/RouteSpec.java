package io.kronforce.controller.web;

import io.kronforce.controller.domain.Access;

/** One declared route: method, path pattern and the access it requires. */
public record RouteSpec(String method, String path, Access access) {}
