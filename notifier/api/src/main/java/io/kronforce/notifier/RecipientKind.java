package io.kronforce.notifier;

/** What a channel's {@code recipient} argument holds. */
public enum RecipientKind {
    /** The destination is the whole address (a webhook): no recipient. */
    NONE,
    /** One e-mail address per attempt. */
    EMAIL,
    /** One phone number (E.164, e.g. {@code +15551234567}) per attempt. */
    PHONE
}
