package io.kronforce.controller.replication;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The replication scenarios against S3Proxy on loopback: one server and one bucket for the class. */
class ReplicationS3ProxyIT extends ReplicationScenarios {
    private static Path home;
    private static S3ProxyProcess proxy;

    @BeforeAll
    static void startS3Proxy() throws Exception {
        home = Files.createTempDirectory("kronforce-s3proxy");
        proxy = S3ProxyProcess.start(home);
        proxy.createBucket(BUCKET);
    }

    @AfterAll
    static void stopS3Proxy() throws Exception {
        if (proxy != null) {
            proxy.close();
        }
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(f -> f.toFile().delete());
        }
    }

    @Override
    boolean checksSignatures() {
        return true;
    }

    @Override
    S3Backend s3() {
        return proxy;
    }
}
