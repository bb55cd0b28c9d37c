package io.kronforce.controller.agents;

import io.kronforce.worker.wire.Protocol;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The result URL handed to agents, with the fencing token of one dispatch in its query: upstream
 * clients post to the URL they were given, so they carry the token without knowing about it.
 * The base is set once the server listens (the port may have been 0). Thread-safe.
 */
final class Callbacks {
    private static final SecureRandom RANDOM = new SecureRandom();
    private volatile String base = "http://127.0.0.1:8080";

    void base(String controllerBaseUrl) {
        base = controllerBaseUrl.endsWith("/")
                ? controllerBaseUrl.substring(0, controllerBaseUrl.length() - 1)
                : controllerBaseUrl;
    }

    String url(String leaseToken) {
        return base + Protocol.RESULT_PATH + "?" + Protocol.LEASE_PARAM + "=" + leaseToken;
    }

    /** A fresh, unguessable fencing token. */
    static String newToken() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
