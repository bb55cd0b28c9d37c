package io.kronforce.notifier;

/** ServiceLoader entry point: one provider per channel type, listed in {@code META-INF/services}. */
public interface ChannelProvider {

    /** Builds the channel. Called once per process; must not block, do I/O or start threads. */
    Channel<?> create(ChannelSettings settings);
}
