package io.kronforce.bench;

import io.kronforce.task.s3.S3Task;
import io.kronforce.task.s3.S3TaskHandler;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * B7 rows for the s3 handler's put and get of a 4-byte object, against S3Proxy in-process on
 * 127.0.0.1 over a filesystem blob store, checking SigV4 signatures (as task-handlers/s3's tests
 * run it). A handler run builds its own S3Client and closes it, so each bare run does too, built
 * as the handler builds it: path-style, static keys, url-connection HTTP client, no SDK retries,
 * checksums only when required.
 */
final class S3Cases {

    private static final String ACCESS_KEY = "AKIDBENCHKRONFORCE";
    private static final String SECRET_KEY = "bench-secret-key-b7";
    private static final String BUCKET = "kf-bench";
    private static final String KEY = "b7/tick.txt";

    private S3Cases() {}

    static HandlerCase put(Path scratch) throws Exception {
        S3Proxy proxy = start(scratch);
        return HandlerCase.around(proxy::stop, () -> {
            String endpoint = endpoint(proxy);
            return new HandlerCase(
                    HandlerCase.run(new S3TaskHandler(HandlerCase.LOOPBACK), task("put", endpoint, "tick")),
                    () -> {
                        try (S3Client client = client(endpoint)) {
                            client.putObject(b -> b.bucket(BUCKET).key(KEY), RequestBody.fromString("tick"));
                        }
                    },
                    proxy::stop);
        });
    }

    /** Both sides read the whole object into memory (the handler prints it to stdout, which B7 discards). */
    static HandlerCase get(Path scratch) throws Exception {
        S3Proxy proxy = start(scratch);
        return HandlerCase.around(proxy::stop, () -> {
            String endpoint = endpoint(proxy);
            try (S3Client client = client(endpoint)) {
                client.putObject(b -> b.bucket(BUCKET).key(KEY), RequestBody.fromString("tick"));
            }
            return new HandlerCase(
                    HandlerCase.run(new S3TaskHandler(HandlerCase.LOOPBACK), task("get", endpoint, null)),
                    () -> {
                        try (S3Client client = client(endpoint)) {
                            if (client.getObjectAsBytes(b -> b.bucket(BUCKET).key(KEY))
                                            .asByteArray()
                                            .length
                                    != 4) {
                                throw new IllegalStateException("short object");
                            }
                        }
                    },
                    proxy::stop);
        });
    }

    private static S3Task task(String operation, String endpoint, String content) {
        return new S3Task(
                operation,
                BUCKET,
                KEY,
                null,
                null,
                content,
                null,
                endpoint,
                null,
                null,
                ACCESS_KEY,
                SECRET_KEY,
                null,
                null,
                null);
    }

    /** S3Proxy on a fresh blob store holding the empty bucket. */
    private static S3Proxy start(Path scratch) throws Exception {
        QuietLogs.apply();
        Properties properties = new Properties();
        properties.setProperty(
                "jclouds.filesystem.basedir",
                Files.createTempDirectory(scratch, "b7-s3-").toString());
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("filesystem-nio2", properties))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        try (S3Client client = client(endpoint(proxy))) {
            client.createBucket(b -> b.bucket(BUCKET));
        } catch (RuntimeException e) {
            proxy.stop();
            throw e;
        }
        return proxy;
    }

    private static String endpoint(S3Proxy proxy) {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    private static S3Client client(String endpoint) {
        Duration budget = Duration.ofMinutes(5);
        return S3Client.builder()
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(10))
                        .socketTimeout(budget)
                        .build())
                .overrideConfiguration(
                        o -> o.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(budget))
                .endpointOverride(URI.create(endpoint))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
    }
}
