/**
 * The {@code twilio} channel: SMS through the Twilio Java SDK. Each destination gets its own
 * {@code TwilioRestClient} (never the SDK's static {@code Twilio.init}, which would make every
 * destination share one account), built on {@link io.kronforce.notifier.twilio.RebasedHttpClient},
 * which sends the SDK's requests with the JDK client, through the egress policy, to a
 * configurable base URI. Request building, authentication and response parsing stay the SDK's.
 */
package io.kronforce.notifier.twilio;
