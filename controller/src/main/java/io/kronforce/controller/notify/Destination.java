package io.kronforce.controller.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One configured place to send notifications.
 *
 * @param name unique among destinations; outbox rows refer to it, so a retry uses the settings
 *     in force when it runs (a fixed URL helps the next attempt) and secrets stay in settings
 * @param type the channel type id, e.g. {@code slack}
 * @param config the channel's fields, bound into its destination record when sending
 */
record Destination(String name, String type, ObjectNode config) {}
