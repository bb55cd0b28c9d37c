package io.kronforce.controller.replication;

/**
 * The S3 credentials of the replica, from {@code AWS_ACCESS_KEY_ID} / {@code AWS_SECRET_ACCESS_KEY}
 * (and {@code AWS_SESSION_TOKEN}). {@link #toString} masks the secret so a logged record leaks nothing.
 *
 * @param sessionToken null unless temporary credentials are used
 */
public record AwsKeys(String accessKeyId, String secretAccessKey, String sessionToken) {
    @Override
    public String toString() {
        return "AwsKeys[accessKeyId=" + accessKeyId + ", secretAccessKey=****"
                + (sessionToken == null ? "" : ", sessionToken=****") + "]";
    }
}
