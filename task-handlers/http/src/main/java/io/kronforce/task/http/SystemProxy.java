package io.kronforce.task.http;

import java.util.stream.Stream;

/**
 * Whether the JVM was told to send HTTP through a proxy: the standard networking properties
 * ({@code -Dhttps.proxyHost=…}, {@code -Djava.net.useSystemProxies=true}). Only then does the client
 * consult the JVM's proxy selector; without them it would answer "direct" for every request anyway.
 */
final class SystemProxy {

    private static final String[] HOST_PROPERTIES = {"http.proxyHost", "https.proxyHost", "socksProxyHost"};

    private SystemProxy() {}

    static boolean configured() {
        return Boolean.getBoolean("java.net.useSystemProxies")
                || Stream.of(HOST_PROPERTIES).anyMatch(name -> System.getProperty(name) != null);
    }
}
