/**
 * Notifications (docs/reference/notifications.md): who is told what when an execution completes, and the
 * durable outbox that gets it there. The completion listener only writes outbox rows; the
 * {@link io.kronforce.controller.notify.DeliveryLoop} sends them on its own thread, one attempt
 * at a time through the channel SPI, with backoff that honours {@code Retry-After}. Channels
 * arrive through {@code ServiceLoader}; nothing here names a concrete channel class.
 */
package io.kronforce.controller.notify;
