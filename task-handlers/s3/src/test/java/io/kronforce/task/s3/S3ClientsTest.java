package io.kronforce.task.s3;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The host the egress policy vets is the host the SDK will send to. */
class S3ClientsTest {

    @Test
    void anEndpointIsAddressedPathStyleByDefault() {
        assertEquals("minio.internal", S3Clients.host(task("https://minio.internal:9000", null, null)));
    }

    @Test
    void virtualHostStylePutsTheBucketInTheHostName() {
        assertEquals("logs.minio.internal", S3Clients.host(task("https://minio.internal:9000", false, null)));
        assertEquals("logs.s3.eu-central-1.amazonaws.com", S3Clients.host(task(null, null, "eu-central-1")));
    }

    @Test
    void awsWithPathStyleGoesToTheRegionalEndpoint() {
        assertEquals("s3.us-east-1.amazonaws.com", S3Clients.host(task(null, true, null)));
    }

    private static S3Task task(String endpoint, Boolean pathStyle, String region) {
        return new S3Task(
                "list", "logs", null, null, null, null, null, endpoint, pathStyle, region, null, null, null, null,
                null);
    }
}
