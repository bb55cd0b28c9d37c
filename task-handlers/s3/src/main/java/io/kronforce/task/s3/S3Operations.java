package io.kronforce.task.s3;

import io.kronforce.task.LocalPaths;
import io.kronforce.task.OutputSink;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The three operations of an s3 task over one client. Each writes its summary to stdout and
 * returns the task's named outputs.
 */
final class S3Operations {

    /** An object printed to stdout is cut here; larger ones belong in a local_path. */
    static final int STDOUT_CAP = 1024 * 1024;

    private final S3Client client;
    private final S3Task task;
    private final OutputSink out;

    S3Operations(S3Client client, S3Task task, OutputSink out) {
        this.client = client;
        this.task = task;
        this.out = out;
    }

    /** The host process's environment and memory are not files to transfer ({@link LocalPaths}). */
    private static void refuseProcessInformation(Path path) throws S3Refused {
        Optional<String> refusal = LocalPaths.refusal(path);
        if (refusal.isPresent()) {
            throw new S3Refused(refusal.get());
        }
    }

    Map<String, String> put() throws IOException {
        RequestBody body;
        if (task.content() != null) {
            body = RequestBody.fromString(task.content(), StandardCharsets.UTF_8);
        } else {
            Path source = Path.of(task.local_path());
            refuseProcessInformation(source);
            if (!Files.isRegularFile(source)) {
                throw new S3Refused("local file " + source + " does not exist or is not a regular file");
            }
            body = RequestBody.fromFile(source);
        }
        long bytes = body.optionalContentLength().orElse(-1L);
        PutObjectResponse response =
                client.putObject(b -> b.bucket(task.bucket()).key(task.key()).contentType(task.content_type()), body);
        out.stdout("put " + url() + " (" + bytes + " bytes, etag " + response.eTag() + ")\n");
        return Map.of("bytes", Long.toString(bytes), "etag", String.valueOf(response.eTag()), "key", task.key());
    }

    Map<String, String> get() throws IOException {
        GetObjectRequest request =
                GetObjectRequest.builder().bucket(task.bucket()).key(task.key()).build();
        if (task.local_path() == null) {
            return print(client.getObject(request));
        }
        Path target = Path.of(task.local_path()).toAbsolutePath();
        refuseProcessInformation(target);
        if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
            throw new S3Refused("local directory " + target.getParent() + " does not exist");
        }
        // The SDK creates this file; it is renamed into place only once the whole object is in.
        Path partial = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            GetObjectResponse response = client.getObject(request, ResponseTransformer.toFile(partial));
            Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            out.stdout("got " + url() + " to " + target + " (" + response.contentLength() + " bytes)\n");
            return Map.of(
                    "bytes",
                    String.valueOf(response.contentLength()),
                    "local_path",
                    target.toString(),
                    "key",
                    task.key());
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    Map<String, String> list() {
        int max = task.maxKeys();
        ListObjectsV2Request request = ListObjectsV2Request.builder()
                .bucket(task.bucket())
                .prefix(task.prefix())
                .maxKeys(Math.min(max, 1000))
                .build();
        int listed = 0;
        boolean more = false;
        for (S3Object object : client.listObjectsV2Paginator(request).contents()) {
            if (listed == max) {
                more = true;
                break;
            }
            out.stdout(object.size() + "\t" + object.lastModified() + "\t" + object.key() + "\n");
            listed++;
        }
        out.stdout("(" + listed + " objects" + (more ? ", more not shown: max_keys is " + max : "") + ")\n");
        return Map.of("count", Integer.toString(listed), "truncated", Boolean.toString(more));
    }

    private Map<String, String> print(ResponseInputStream<GetObjectResponse> body) throws IOException {
        try (InputStream in = body) {
            byte[] head = in.readNBytes(STDOUT_CAP);
            long size = body.response().contentLength() == null
                    ? head.length
                    : body.response().contentLength();
            out.stdout(new String(head, StandardCharsets.UTF_8));
            if (size > head.length) {
                body.abort(); // do not download the rest only to throw it away
                out.stderr(
                        "[object is " + size + " bytes; stdout shows the first " + head.length + "; use local_path]\n");
            }
            return Map.of("bytes", Long.toString(size), "key", task.key());
        }
    }

    private String url() {
        return "s3://" + task.bucket() + "/" + task.key();
    }
}
