/**
 * HTTP plumbing the front doors share: the route table where every route declares its access,
 * authentication (API key, stream ticket), rate limits, problem+json errors, JSON reading and
 * security headers.
 * Knows no endpoint.
 */
package io.kronforce.controller.web;
