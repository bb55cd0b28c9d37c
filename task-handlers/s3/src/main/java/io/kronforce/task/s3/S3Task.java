package io.kronforce.task.s3;

/**
 * Configuration of an {@code s3} task (beyond upstream), bound from the job's task JSON. The
 * server fields are named as upstream's stored s3 connection names them ({@code endpoint},
 * {@code bucket}, {@code region}, {@code access_key}, {@code secret_key}), so a connection can
 * supply them.
 *
 * <p>{@link #toString()} masks the access key, the secret key and the session token.
 *
 * @param operation {@code put}, {@code get} or {@code list}
 * @param bucket the bucket
 * @param key the object key (put, get)
 * @param prefix list only: keys starting with this
 * @param local_path put: the file to upload; get: where to write the object (else it goes to stdout)
 * @param content put only: UTF-8 text to upload instead of a file
 * @param content_type put only: the object's Content-Type
 * @param endpoint S3-compatible server URL ({@code http(s)://host[:port]}); default AWS's regional endpoint
 * @param path_style address buckets as {@code /bucket} on the endpoint rather than as a host name;
 *     default true when {@code endpoint} is set (what S3-compatible servers expect), else false
 * @param region signing region; default {@code us-east-1}
 * @param access_key static credentials; with {@code secret_key}, or neither for the SDK's
 *     default provider chain (environment, profile, container or instance role)
 * @param secret_key see {@code access_key}
 * @param session_token optional, with temporary static credentials
 * @param max_keys list only: most keys printed, 1 to 100000, default 1000
 * @param connection name of a stored connection the controller merges in before the run
 */
public record S3Task(
        String operation,
        String bucket,
        String key,
        String prefix,
        String local_path,
        String content,
        String content_type,
        String endpoint,
        Boolean path_style,
        String region,
        String access_key,
        String secret_key,
        String session_token,
        Integer max_keys,
        String connection) {

    static final String MASK = "********";
    static final String DEFAULT_REGION = "us-east-1";
    static final int DEFAULT_MAX_KEYS = 1000;

    String regionOrDefault() {
        return region == null || region.isBlank() ? DEFAULT_REGION : region;
    }

    boolean pathStyle() {
        return path_style != null ? path_style : endpoint != null && !endpoint.isBlank();
    }

    int maxKeys() {
        return max_keys != null ? max_keys : DEFAULT_MAX_KEYS;
    }

    @Override
    public String toString() {
        return "S3Task[operation=" + operation + ", bucket=" + bucket + ", key=" + key + ", prefix=" + prefix
                + ", local_path=" + local_path + ", content="
                + (content == null ? "null" : "<" + content.length() + " chars>")
                + ", content_type=" + content_type + ", endpoint=" + endpoint + ", path_style=" + path_style
                + ", region=" + region + ", access_key=" + masked(access_key) + ", secret_key=" + masked(secret_key)
                + ", session_token=" + masked(session_token) + ", max_keys=" + max_keys + ", connection=" + connection
                + "]";
    }

    private static String masked(String secret) {
        return secret == null || secret.isEmpty() ? String.valueOf(secret) : MASK;
    }
}
