/**
 * The notifier SPI: what a notification channel (Slack, e-mail, SMS…) must implement.
 *
 * <p>JDK only. A {@link io.kronforce.notifier.Channel} makes exactly one delivery attempt per
 * call and reports the result as data ({@link io.kronforce.notifier.Delivery}); it never retries,
 * never sleeps and never touches the database. Retrying, backoff and deduplication belong to the
 * caller's outbox, which is why "try again later" is an answer and not an exception.
 */
package io.kronforce.notifier;
