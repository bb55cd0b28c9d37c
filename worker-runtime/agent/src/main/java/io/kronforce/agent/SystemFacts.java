package io.kronforce.agent;

import io.kronforce.worker.wire.Registration;

/**
 * What the agent tells the controller about the machine it runs on (docs/reference/agent-protocol.md
 * {@code system_info}).
 */
final class SystemFacts {
    private SystemFacts() {}

    static Registration.SystemInfo collect() {
        return new Registration.SystemInfo(
                System.getProperty("os.name"),
                System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024),
                System.getProperty("os.version"),
                version());
    }

    private static String version() {
        String v = SystemFacts.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
