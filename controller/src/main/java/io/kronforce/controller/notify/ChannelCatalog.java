package io.kronforce.controller.notify;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.kronforce.controller.domain.JsonMapping;
import io.kronforce.notifier.Channel;
import io.kronforce.notifier.ChannelProvider;
import io.kronforce.notifier.ChannelSettings;
import io.kronforce.notifier.Delivery;
import io.kronforce.notifier.Notification;
import io.kronforce.notifier.RecipientKind;
import io.kronforce.task.ConfigViolation;
import io.kronforce.worker.host.Fatal;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The installed channels, found through {@link ServiceLoader}, and the binding of a destination into each. */
final class ChannelCatalog {
    /** Destinations carry extra members ({@code enabled}, {@code name}, {@code type}) the records do not have. */
    private static final ObjectReader BINDER =
            JsonMapping.MAPPER.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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

    /** The secret members a channel type declares; empty when no such channel is installed. */
    Optional<List<String>> secretFields(String type) {
        return Optional.ofNullable(channels.get(type)).map(Channel::secretFields);
    }

    /** What is wrong with a destination, as "pointer message" lines; empty when it can be used. */
    List<String> problems(Destination d) {
        Channel<?> channel = channels.get(d.type());
        if (channel == null) {
            return List.of(notInstalled(d));
        }
        List<String> problems = new ArrayList<>();
        bind(channel, d, problems);
        return problems;
    }

    /** One attempt; a destination that cannot be bound or checked is undeliverable, never an exception. */
    Delivery deliver(Destination d, Notification n, String recipient) throws InterruptedException {
        Channel<?> channel = channels.get(d.type());
        if (channel == null) {
            return new Delivery.Undeliverable(notInstalled(d));
        }
        return typed(channel, d, n, recipient);
    }

    private String notInstalled(Destination d) {
        return "no channel of type '" + d.type() + "' is installed; installed: " + types();
    }

    private static <C extends Record> Delivery typed(
            Channel<C> channel, Destination d, Notification n, String recipient) throws InterruptedException {
        List<String> problems = new ArrayList<>();
        C config = bind(channel, d, problems);
        if (config == null) {
            return new Delivery.Undeliverable(
                    "destination '" + d.name() + "' is misconfigured: " + String.join("; ", problems));
        }
        try {
            return channel.deliver(config, n, recipient == null || recipient.isEmpty() ? null : recipient);
        } catch (Throwable e) {
            // A channel bug (an Error too) must not stop the loop; the row retries and ends failed after its
            // attempts. Only a fatal error leaves (see Fatal), for the delivery duty to log.
            Fatal.rethrowIfFatal(e);
            return Delivery.RetryLater.because(
                    "channel " + channel.type() + " failed: " + e.getClass().getSimpleName());
        }
    }

    /** The destination's record, or null with the reasons added to {@code problems}. */
    private static <C extends Record> C bind(Channel<C> channel, Destination d, List<String> problems) {
        C config;
        try {
            config = BINDER.forType(channel.configType()).readValue(d.config());
        } catch (IOException | IllegalArgumentException e) {
            // Jackson's message can quote the offending value, which may be a secret; say what, not which.
            problems.add("has fields of the wrong type");
            return null;
        }
        for (ConfigViolation v : channel.check(config)) {
            problems.add(v.pointer() + " " + v.message());
        }
        return problems.isEmpty() ? config : null;
    }
}
