package io.kronforce.notifier.testkit;

import io.kronforce.notifier.Channel;
import io.kronforce.notifier.ChannelProvider;
import io.kronforce.notifier.ChannelSettings;
import io.kronforce.task.EgressPolicy;
import java.time.Clock;
import java.time.Duration;
import java.util.ServiceLoader;

/** Finds channels the way the controller does, through {@link ServiceLoader}, so tests cover the registration too. */
public final class TestChannels {

    private TestChannels() {}

    /** Settings for loopback peers: 127.0.0.1 allow-listed (it is refused by default), 2 s per attempt. */
    public static ChannelSettings loopback(Clock clock) {
        return new ChannelSettings(EgressPolicy.parse("127.0.0.1/32"), Duration.ofSeconds(2), clock);
    }

    /** The registered channel of {@code type}, typed by its destination record. */
    public static <C extends Record> Channel<C> load(String type, Class<C> destination, ChannelSettings settings) {
        for (ChannelProvider provider : ServiceLoader.load(ChannelProvider.class)) {
            Channel<?> channel = provider.create(settings);
            if (channel.type().equals(type)) {
                if (channel.configType() != destination) {
                    throw new AssertionError(type + " binds " + channel.configType() + ", not " + destination);
                }
                @SuppressWarnings("unchecked") // checked on the line above
                Channel<C> typed = (Channel<C>) channel;
                return typed;
            }
        }
        throw new AssertionError("no channel provider registered for type '" + type + "'");
    }
}
