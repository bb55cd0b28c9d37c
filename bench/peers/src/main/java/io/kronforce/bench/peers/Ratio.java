package io.kronforce.bench.peers;

import java.util.Locale;
import java.util.Optional;

/** A figure divided by the same figure of the reference configuration of the same run. */
final class Ratio {

    private Ratio() {}

    /** {@code mine ÷ reference}, empty where either is missing or the reference is zero. */
    static Optional<Double> of(double mine, double reference) {
        if (Double.isNaN(mine) || Double.isNaN(reference) || reference == 0) {
            return Optional.empty();
        }
        return Optional.of(mine / reference);
    }

    static String format(RunGroup group, Optional<RunGroup> reference, String figure) {
        return reference
                .flatMap(ref -> of(group.median(figure), ref.median(figure)))
                .map(r -> String.format(Locale.ROOT, r >= 10 ? "%.0f×" : "%.2f×", r))
                .orElse("–");
    }
}
