package io.kronforce.controller.replication;

import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The same scenarios against LocalStack's S3 in a container. Where no Docker engine runs, the
 * class is reported as skipped ("Docker is not available"), never silently passed.
 */
@Testcontainers(disabledWithoutDocker = true)
class ReplicationLocalStackIT extends ReplicationScenarios {
    @Container
    static final LocalStackContainer LOCALSTACK =
            new LocalStackContainer(DockerImageName.parse("localstack/localstack:4.4")).withServices("s3");

    private static S3Backend backend;

    @BeforeAll
    static void createBucket() {
        backend = new S3Backend() {
            @Override
            public String endpoint() {
                return LOCALSTACK.getEndpoint().toString();
            }

            @Override
            public String accessKey() {
                return LOCALSTACK.getAccessKey();
            }

            @Override
            public String secretKey() {
                return LOCALSTACK.getSecretKey();
            }

            @Override
            public void close() {
                // the container is stopped by Testcontainers
            }
        };
        backend.createBucket(BUCKET);
    }

    @Override
    boolean checksSignatures() {
        return false;
    }

    @Override
    S3Backend s3() {
        return backend;
    }
}
