package io.kronforce.task.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.TaskOutcome;
import io.kronforce.task.testkit.LoadedHandler;
import io.kronforce.task.testkit.ReadmeExample;
import io.kronforce.task.testkit.TestTaskContext;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FtpTaskCheckTest {

    private final FtpTaskHandler handler = new FtpTaskHandler(EgressPolicy.publicOnly(), Path.of("/nonexistent"));

    @Test
    void theReadmeExampleBindsAndPasses() {
        List<FtpTask> examples = ReadmeExample.tasks("ftp", FtpTask.class);
        assertEquals(1, examples.size());
        assertEquals(List.of(), handler.check(examples.get(0)));
        assertEquals("sftp", examples.get(0).protocol());
    }

    @Test
    void serviceLoaderFindsTheHandler() {
        assertInstanceOf(FtpTaskHandler.class, LoadedHandler.of("ftp"));
    }

    @Test
    void upstreamMinimalTasksPass() {
        assertEquals(List.of(), handler.check(ftp("ftp", "h.example", null)));
        assertEquals(List.of(), handler.check(ftp("FTPS", "10.0.0.7", null)));
        assertEquals(List.of(), handler.check(ftp("ftp", null, "partner-ftp")), "a connection may supply the host");
    }

    @Test
    void requiredAndEnumeratedFieldsPointAtThemselves() {
        FtpTask bad = new FtpTask(
                "scp", "sideways", " ", null, null, 0, null, null, null, null, null, null, null, null, null, null);
        assertEquals(
                List.of("/protocol", "/direction", "/remote_path", "/local_path", "/host", "/port"), pointers(bad));
    }

    @Test
    void lineBreaksCannotSmuggleFtpCommands() {
        FtpTask bad = new FtpTask(
                "ftp",
                "download",
                "/a\r\nDELE /b",
                "/tmp/a",
                "h.example",
                null,
                "u\n",
                "p\r",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
        assertEquals(List.of("/remote_path", "/username", "/password"), pointers(bad));
    }

    @Test
    void hostMustBeBare() {
        for (String host : List.of("ftp://h.example", "user@h.example", "h.example/x", "h example")) {
            assertEquals(List.of("/host"), pointers(ftp("ftp", host, null)), host);
        }
        assertEquals(List.of(), pointers(ftp("ftp", "[::1]", null)));
    }

    @Test
    void protocolSpecificFieldsAreRefusedElsewhere() {
        FtpTask mixed = new FtpTask(
                "ftp",
                "upload",
                "/r",
                "/l",
                "h.example",
                null,
                null,
                null,
                null,
                "key",
                "pp",
                "SHA256:x",
                "/k",
                "implicit",
                "ab",
                null);
        assertEquals(
                List.of(
                        "/private_key",
                        "/private_key_passphrase",
                        "/host_key_fingerprint",
                        "/known_hosts",
                        "/ftps_mode",
                        "/tls_certificate_sha256"),
                pointers(mixed));
        FtpTask sftpPassive = new FtpTask(
                "sftp",
                "upload",
                "/r",
                "/l",
                "h.example",
                null,
                "u",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                true);
        assertEquals(List.of("/passive"), pointers(sftpPassive));
    }

    @Test
    void sftpFieldsAreJudgedOnTheirFormat() {
        FtpTask bad = new FtpTask(
                "sftp",
                "upload",
                "/r",
                "/l",
                "h.example",
                null,
                null,
                null,
                null,
                "-----BEGIN OPENSSH PRIVATE KEY-----\nnot really\n-----END OPENSSH PRIVATE KEY-----",
                null,
                "MD5:aa:bb",
                " ",
                null,
                null,
                null);
        assertEquals(List.of("/username", "/host_key_fingerprint", "/known_hosts", "/private_key"), pointers(bad));
        FtpTask placeholders = new FtpTask(
                "sftp",
                "upload",
                "/r",
                "/l",
                "h.example",
                null,
                "u",
                null,
                null,
                "{{SFTP_KEY}}",
                null,
                "{{PIN}}",
                null,
                null,
                null,
                null);
        assertEquals(List.of(), pointers(placeholders));
    }

    @Test
    void ftpsFieldsAreJudgedOnTheirFormat() {
        FtpTask bad = new FtpTask(
                "ftps",
                "upload",
                "/r",
                "/l",
                "h.example",
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "sometimes",
                "xyz",
                null);
        assertEquals(List.of("/ftps_mode", "/tls_certificate_sha256"), pointers(bad));
    }

    @Test
    void toStringMasksEverySecret() {
        FtpTask task = new FtpTask(
                "sftp",
                "upload",
                "/r",
                "/l",
                "h",
                null,
                "u",
                "hunter2-pass",
                null,
                "-----BEGIN KEY----- secretmaterial",
                "passphrase-xyz",
                null,
                null,
                null,
                null,
                null);
        String text = task.toString();
        assertFalse(
                text.contains("hunter2-pass") || text.contains("secretmaterial") || text.contains("passphrase-xyz"),
                text);
        assertTrue(text.contains("password=********"), text);
    }

    @Test
    void anInvalidTaskFailsWithoutTouchingTheNetwork() throws Exception {
        TaskOutcome outcome = handler.run(ftp("gopher", "h.example", null), TestTaskContext.plain());
        assertEquals(
                new TaskOutcome.Failed(
                        null, "invalid ftp task: /protocol protocol must be one of ftp, ftps, sftp", false),
                outcome);
    }

    private static FtpTask ftp(String protocol, String host, String connection) {
        return new FtpTask(
                protocol,
                "download",
                "/pub/a.txt",
                "/tmp/a.txt",
                host,
                null,
                null,
                null,
                connection,
                null,
                null,
                null,
                null,
                null,
                null,
                null);
    }

    private List<String> pointers(FtpTask task) {
        return handler.check(task).stream().map(ConfigViolation::pointer).toList();
    }
}
