package io.kronforce.controller.domain;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * New identifiers: UUID v4, lowercase hyphenated, as upstream. They name rows, they guard
 * nothing (keys and tickets use SecureRandom), so a fast thread-local generator is enough; the
 * JDK's {@code randomUUID} serialises every caller on one SecureRandom.
 */
public final class Ids {
    private Ids() {}

    public static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48);
        return new UUID(high, low).toString();
    }
}
