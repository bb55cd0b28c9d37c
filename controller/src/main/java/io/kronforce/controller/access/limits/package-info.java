/**
 * Request budgets per caller (docs/SECURITY.md#rate-limits): token buckets by tier, one per client
 * address, key or session, kept only while in use, and the stricter budget of failed
 * authentications per client address.
 */
package io.kronforce.controller.access.limits;
