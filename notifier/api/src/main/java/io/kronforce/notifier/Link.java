package io.kronforce.notifier;

import java.net.URI;
import java.util.Objects;

/** A link a channel may render as a button or footnote, e.g. to the execution in the dashboard. */
public record Link(String text, URI href) {
    public Link {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(href, "href");
    }
}
