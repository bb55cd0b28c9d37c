/**
 * Work that runs away from the controller: the agent registry, pushes to standard agents, the
 * pull queue with its leases and pools, function targets, result intake fenced by a token, and the
 * lease sweep. Implements the execution core's {@code RemoteDispatch} port; reports through the
 * same {@code RunListener} local runs use.
 */
package io.kronforce.controller.agents;
