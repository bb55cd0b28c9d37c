package io.kronforce.task.s3;

import io.kronforce.task.EgressDeniedException;
import io.kronforce.task.EgressPolicy;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;

/**
 * Builds the S3 client of one run, after the egress policy has vetted the host it will talk to.
 * The SDK does not retry (retries are the scheduler's, with backoff and a record of each
 * attempt); timeouts come from the run's budget.
 */
final class S3Clients {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private S3Clients() {}

    /**
     * The host requests will go to: the endpoint's host, with the bucket in front when buckets are
     * addressed as host names, or AWS's regional endpoint.
     */
    static String host(S3Task task) {
        String endpointHost = task.endpoint() != null
                ? URI.create(task.endpoint()).getHost()
                : "s3." + task.regionOrDefault() + ".amazonaws.com";
        return task.pathStyle() ? endpointHost : task.bucket() + "." + endpointHost;
    }

    /**
     * @throws EgressDeniedException when the policy refuses the host
     */
    static S3Client vetted(S3Task task, EgressPolicy egress, Duration budget) throws EgressDeniedException {
        egress.checkHost(host(task));
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(task.regionOrDefault()))
                .forcePathStyle(task.pathStyle())
                .credentialsProvider(credentials(task))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(budget.compareTo(CONNECT_TIMEOUT) < 0 ? budget : CONNECT_TIMEOUT)
                        .socketTimeout(budget)
                        .build())
                .overrideConfiguration(
                        o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(budget));
        if (task.endpoint() != null) {
            // S3-compatible servers vary in their support of the SDK's newer default checksum trailers.
            builder.endpointOverride(URI.create(task.endpoint()))
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }

    private static AwsCredentialsProvider credentials(S3Task task) {
        if (task.access_key() == null || task.access_key().isEmpty()) {
            return DefaultCredentialsProvider.builder().build();
        }
        boolean temporary =
                task.session_token() != null && !task.session_token().isEmpty();
        return StaticCredentialsProvider.create(
                temporary
                        ? AwsSessionCredentials.create(task.access_key(), task.secret_key(), task.session_token())
                        : AwsBasicCredentials.create(task.access_key(), task.secret_key()));
    }
}
