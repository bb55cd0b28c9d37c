package io.kronforce.task.s3;

import io.kronforce.task.ConfigChecks;
import io.kronforce.task.ConfigViolation;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@code check()} rules of an s3 task. No I/O; values holding a {@code {{placeholder}}} are not judged on format. */
final class S3TaskCheck {

    private static final Set<String> OPERATIONS = Set.of("put", "get", "list");
    private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9._-]{1,255}");
    private static final Pattern REGION = Pattern.compile("[a-z0-9-]{1,64}");

    private S3TaskCheck() {}

    static List<ConfigViolation> problems(S3Task task) {
        List<ConfigViolation> problems = new ArrayList<>();
        String operation = task.operation() == null ? "" : task.operation().toLowerCase(Locale.ROOT);
        if (!OPERATIONS.contains(operation)) {
            problems.add(new ConfigViolation("/operation", "operation must be one of put, get, list"));
        }
        ConfigChecks.address("/bucket", task.bucket(), task.connection(), S3TaskCheck::parseBucket)
                .ifPresent(problems::add);
        if (task.endpoint() != null && judged(task.endpoint())) {
            ConfigChecks.address("/endpoint", task.endpoint(), null, S3TaskCheck::parseEndpoint)
                    .ifPresent(problems::add);
        }
        if (judged(task.region()) && !REGION.matcher(task.region()).matches()) {
            problems.add(new ConfigViolation("/region", "region must look like us-east-1"));
        }
        credentials(task, problems);
        switch (operation) {
            case "put" -> put(task, problems);
            case "get" -> objectKey(task, problems);
            case "list" -> list(task, problems);
            default -> {} // already reported
        }
        if (!operation.equals("put")) {
            onlyForPut(task, problems);
        }
        return List.copyOf(problems);
    }

    private static void credentials(S3Task task, List<ConfigViolation> problems) {
        boolean access = present(task.access_key());
        boolean secret = present(task.secret_key());
        if (access && !secret) {
            problems.add(new ConfigViolation("/secret_key", "secret_key is required with access_key"));
        } else if (secret && !access) {
            problems.add(new ConfigViolation("/access_key", "access_key is required with secret_key"));
        }
        if (present(task.session_token()) && !access) {
            problems.add(new ConfigViolation("/session_token", "session_token needs access_key and secret_key"));
        }
    }

    private static void put(S3Task task, List<ConfigViolation> problems) {
        objectKey(task, problems);
        if (task.local_path() == null && task.content() == null) {
            problems.add(new ConfigViolation("/local_path", "put needs local_path or content"));
        } else if (task.local_path() != null && task.content() != null) {
            problems.add(new ConfigViolation("/content", "give local_path or content, not both"));
        }
        if (task.local_path() != null && task.local_path().isBlank()) {
            problems.add(new ConfigViolation("/local_path", "local_path must be a file path"));
        }
    }

    private static void list(S3Task task, List<ConfigViolation> problems) {
        if (task.key() != null) {
            problems.add(new ConfigViolation("/key", "list takes prefix, not key"));
        }
        if (task.local_path() != null) {
            problems.add(new ConfigViolation("/local_path", "list prints to stdout; local_path does not apply"));
        }
        if (task.max_keys() != null && (task.max_keys() < 1 || task.max_keys() > 100_000)) {
            problems.add(new ConfigViolation("/max_keys", "max_keys must be between 1 and 100000"));
        }
    }

    private static void objectKey(S3Task task, List<ConfigViolation> problems) {
        if (task.key() == null || task.key().isEmpty()) {
            problems.add(new ConfigViolation("/key", "key is required"));
        } else if (task.key().getBytes(StandardCharsets.UTF_8).length > 1024) {
            problems.add(new ConfigViolation("/key", "key must be at most 1024 bytes of UTF-8"));
        }
        if (task.prefix() != null) {
            problems.add(new ConfigViolation("/prefix", "prefix applies to list only"));
        }
        if (task.max_keys() != null) {
            problems.add(new ConfigViolation("/max_keys", "max_keys applies to list only"));
        }
    }

    private static void onlyForPut(S3Task task, List<ConfigViolation> problems) {
        if (task.content() != null) {
            problems.add(new ConfigViolation("/content", "content applies to put only"));
        }
        if (task.content_type() != null) {
            problems.add(new ConfigViolation("/content_type", "content_type applies to put only"));
        }
    }

    private static void parseBucket(String bucket) {
        if (!BUCKET.matcher(bucket).matches()) {
            throw new IllegalArgumentException("bucket must be a bucket name (letters, digits, '.', '-', '_')");
        }
    }

    private static void parseEndpoint(String endpoint) {
        String message = "endpoint must be an http or https URL with a host, e.g. https://minio.internal:9000";
        try {
            URI uri = new URI(endpoint);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https"))
                    || uri.getHost() == null
                    || uri.getUserInfo() != null) {
                throw new IllegalArgumentException(message);
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(message);
        }
    }

    private static boolean present(String value) {
        return value != null && !value.isEmpty();
    }

    private static boolean judged(String value) {
        return value != null && !value.contains("{{");
    }
}
