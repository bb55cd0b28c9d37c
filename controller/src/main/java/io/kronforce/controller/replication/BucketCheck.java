package io.kronforce.controller.replication;

import java.util.logging.Logger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Before anything replicates: the bucket exists, and these credentials may list, write, read
 * and delete under the replica's path — what Litestream will do. A failure names the bucket and
 * the permission that failed, so a wrong key or a missing bucket stops the start with a reason
 * instead of a stream of Litestream errors afterwards.
 */
final class BucketCheck {
    private static final Logger LOG = Logger.getLogger(BucketCheck.class.getName());
    static final String PROBE = ".kronforce-write-check";

    private BucketCheck() {}

    static void run(S3Client s3, ReplicaSettings s) {
        String bucket = s.bucket();
        try {
            s3.listObjectsV2(r -> r.bucket(bucket).prefix(s.key("")).maxKeys(1));
        } catch (S3Exception e) {
            if ("NoSuchBucket".equals(code(e)) && s.createBucket()) {
                create(s3, s);
            } else {
                throw failure(s, "s3:ListBucket", e);
            }
        } catch (SdkClientException e) {
            throw new ReplicationStartFailure("cannot reach the replica bucket '" + bucket + "'"
                    + (s.endpoint() == null ? "" : " at " + s.endpoint()) + ": " + e.getMessage());
        }
        String key = s.key(PROBE);
        step(s, "s3:PutObject", () -> s3.putObject(r -> r.bucket(bucket).key(key), RequestBody.fromString("ok")));
        step(s, "s3:GetObject", () -> s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)));
        step(s, "s3:DeleteObject", () -> s3.deleteObject(r -> r.bucket(bucket).key(key)));
        LOG.info("replica bucket '" + bucket + "' is readable and writable under '" + s.key("") + "'");
    }

    private static void create(S3Client s3, ReplicaSettings s) {
        step(s, "s3:CreateBucket", () -> s3.createBucket(r -> r.bucket(s.bucket())));
        LOG.info("created the replica bucket '" + s.bucket() + "' (KRONFORCE_REPLICA_CREATE_BUCKET)");
    }

    private static void step(ReplicaSettings s, String permission, Runnable call) {
        try {
            call.run();
        } catch (S3Exception e) {
            throw failure(s, permission, e);
        } catch (SdkClientException e) {
            throw new ReplicationStartFailure(
                    "replica bucket '" + s.bucket() + "': " + permission + " failed: " + e.getMessage());
        }
    }

    private static ReplicationStartFailure failure(ReplicaSettings s, String permission, S3Exception e) {
        String code = code(e);
        String why = switch (code) {
            case "NoSuchBucket" -> "the bucket does not exist (create it, or set KRONFORCE_REPLICA_CREATE_BUCKET=true)";
            case "SignatureDoesNotMatch" ->
                "the secret key is wrong (SignatureDoesNotMatch): check AWS_SECRET_ACCESS_KEY";
            case "InvalidAccessKeyId" -> "the access key is unknown (InvalidAccessKeyId): check AWS_ACCESS_KEY_ID";
            case "AccessDenied" -> "access denied: these credentials lack " + permission;
            default -> code + " (HTTP " + e.statusCode() + ")";
        };
        return new ReplicationStartFailure("replica bucket '" + s.bucket() + "'"
                + (s.endpoint() == null ? "" : " at " + s.endpoint()) + ": " + permission + " failed: " + why);
    }

    private static String code(S3Exception e) {
        if (e.awsErrorDetails() != null && e.awsErrorDetails().errorCode() != null) {
            return e.awsErrorDetails().errorCode();
        }
        return e.statusCode() == 404 ? "NoSuchBucket" : e.statusCode() == 403 ? "AccessDenied" : "Error";
    }
}
