/**
 * The REST surface on Helidon 4 SE: one route table where every route declares its access,
 * authentication, problem+json errors, security headers, and one endpoint class per resource.
 * Calls {@code app} only; never imports {@code store}'s stores or {@code java.sql}.
 */
package io.kronforce.controller.http;
