/**
 * Webhook channels over the JDK HTTP client: {@code slack}, {@code teams}, {@code pagerduty},
 * {@code discord}, {@code webhook} (generic, HMAC-signed) and {@code sms_webhook} (upstream's
 * generic SMS gateway). Each renders a {@link io.kronforce.notifier.Notification} into its
 * service's documented payload and hands it to {@link io.kronforce.notifier.http.OutboundHttp}.
 */
package io.kronforce.notifier.webhooks;
