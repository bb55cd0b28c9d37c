package io.kronforce.bench.peers;

import java.util.Locale;

/**
 * One machine-readable line of a run: {@code RESULT wl=.. who=.. store=.. cfg=.. k=v ...}, the
 * format our controller's side prints too, so {@link Summarize} can merge both. Values carry no
 * spaces; the 1-minute load average at the run's start closes every line.
 */
final class ResultLine {

    private final StringBuilder text = new StringBuilder("RESULT");
    private final double load1;

    ResultLine(String workload, PeerIdentity peer, double load1) {
        this.load1 = load1;
        put("wl", workload).put("who", peer.who()).put("store", peer.store()).put("cfg", peer.cfg());
    }

    ResultLine put(String key, String value) {
        if (value.isEmpty() || value.contains(" ")) {
            throw new IllegalArgumentException("a value must be one non-empty word: '" + value + "'");
        }
        text.append(' ').append(key).append('=').append(value);
        return this;
    }

    ResultLine put(String key, long value) {
        return put(key, Long.toString(value));
    }

    ResultLine put(String key, double value) {
        return put(key, String.format(Locale.ROOT, "%.3f", value));
    }

    @Override
    public String toString() {
        return text + String.format(Locale.ROOT, " load1=%.2f", load1);
    }
}
