/**
 * The {@code email} channel: one SMTP submission per recipient through Jakarta Mail (Angus),
 * plain, STARTTLS (required, never opportunistic) or SMTPS, with the server certificate and host
 * name verified; a message has a text and an HTML part.
 */
package io.kronforce.notifier.email;
