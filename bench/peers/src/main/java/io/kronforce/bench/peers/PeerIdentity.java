package io.kronforce.bench.peers;

/**
 * Who ran a measurement: the scheduler ({@code quartz}, {@code db-scheduler}, {@code jobrunr},
 * or a baseline's name), its store ({@code ram}, {@code mem}, {@code sqlite}) and configuration.
 */
record PeerIdentity(String who, String store, String cfg) {}
