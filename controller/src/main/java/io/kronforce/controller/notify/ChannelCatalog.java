package io.kronforce.controller.notify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kronforce.notifier.Channel;
import io.kronforce.notifier.ChannelProvider;
import io.kronforce.notifier.ChannelSettings;
import io.kronforce.notifier.Delivery;
import io.kronforce.notifier.Notification;
import io.kronforce.notifier.RecipientKind;
import io.kronforce.task.ConfigViolation;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** The installed channels, found through {@link ServiceLoader}, and the binding of a destination into each. */
final class ChannelCatalog {
    /** Destinations carry extra members ({@code enabled}, {@code name}, {@code type}) the records do not have. */
    private static final ObjectMapper BINDER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Map<String, Channel<?>> channels;

    private ChannelCatalog(Map<String, Channel<?>> channels) {
        this.channels = Map.copyOf(channels);
    }

    static ChannelCatalog load(ChannelSettings settings) {
        Map<String, Channel<?>> found = new TreeMap<>();
        for (ChannelProvider provider : ServiceLoader.load(ChannelProvider.class)) {
            Channel<?> channel = provider.create(settings);
            found.put(channel.type(), channel);
        }
        return new ChannelCatalog(found);
    }

    List<String> types() {
        return List.copyOf(channels.keySet());
    }

    Optional<RecipientKind> recipients(String type) {
        return Optional.ofNullable(channels.get(type)).map(Channel::recipients);
    }

    /** One attempt; a destination that cannot be bound or checked is undeliverable, never an exception. */
    Delivery deliver(Destination d, Notification n, String recipient) throws InterruptedException {
        Channel<?> channel = channels.get(d.type());
        if (channel == null) {
            return new Delivery.Undeliverable("no channel of type '" + d.type() + "' is installed; installed: " + types());
        }
        return typed(channel, d, n, recipient);
    }

    private static <C extends Record> Delivery typed(Channel<C> channel, Destination d, Notification n, String recipient)
            throws InterruptedException {
        C config;
        try {
            config = BINDER.convertValue(d.config(), channel.configType());
        } catch (IllegalArgumentException e) {
            // Jackson's message can quote the offending value; name the destination only.
            return new Delivery.Undeliverable("destination '" + d.name() + "' has fields of the wrong type");
        }
        List<ConfigViolation> problems = channel.check(config);
        if (!problems.isEmpty()) {
            return new Delivery.Undeliverable("destination '" + d.name() + "' is misconfigured: " + problems.stream()
                    .map(p -> p.pointer() + " " + p.message()).collect(Collectors.joining("; ")));
        }
        try {
            return channel.deliver(config, n, recipient == null || recipient.isEmpty() ? null : recipient);
        } catch (RuntimeException e) {
            // A channel bug must not stop the loop; the row retries and ends failed after its attempts.
            return Delivery.RetryLater.because("channel " + channel.type() + " failed: " + e.getClass().getSimpleName());
        }
    }
}
