package io.kronforce.notifier;

import io.kronforce.task.ConfigViolation;
import java.util.List;

/**
 * One kind of notification destination ({@code slack}, {@code email}, {@code twilio}…).
 * Instances are stateless apart from connection pools and are shared by every destination of
 * their type; the destination's own settings arrive with each call.
 *
 * @param <C> the record a destination's JSON settings are bound into (snake_case components)
 */
public interface Channel<C extends Record> {

    /** The channel type id used in settings, e.g. {@code "slack"}. */
    String type();

    /** The record the caller binds a destination's JSON object into. */
    Class<C> configType();

    /**
     * The destination members whose values are secrets: the controller masks them in every answer,
     * export and log line and seals them at rest when it has a key. Dotted paths into the
     * destination's JSON object; {@code *} stands for every member of an object, so {@code
     * headers.*} makes each header value a secret. There is no default, so a new channel cannot
     * forget to declare; a channel with no secret returns an empty list.
     */
    List<String> secretFields();

    /** Who a message is addressed to beyond the destination itself; the caller fans out one attempt per recipient. */
    default RecipientKind recipients() {
        return RecipientKind.NONE;
    }

    /**
     * Checks a destination before it is stored. Must not do I/O.
     *
     * @return the problems found (JSON pointers into the destination object); empty when acceptable
     */
    default List<ConfigViolation> check(C destination) {
        return List.of();
    }

    /**
     * Makes one delivery attempt.
     *
     * @param recipient the e-mail address or phone number when {@link #recipients()} is not
     *     {@link RecipientKind#NONE}; {@code null} otherwise
     * @return what happened; failures are data, never exceptions
     * @throws InterruptedException when the caller is shutting down; the attempt is abandoned
     */
    Delivery deliver(C destination, Notification notification, String recipient) throws InterruptedException;
}
