/**
 * The outbound HTTP call every web channel shares: egress policy first, one request, and the
 * response mapped onto a {@link io.kronforce.notifier.Delivery} the same way for every service
 * (2xx delivered; 429 and 5xx retry later, honouring {@code Retry-After}; other statuses
 * undeliverable; timeouts and connection failures retry later). Also a tiny JSON writer, because
 * the SPI stays JDK-only.
 */
package io.kronforce.notifier.http;
