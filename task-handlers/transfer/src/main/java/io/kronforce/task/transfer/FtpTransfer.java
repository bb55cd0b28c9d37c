package io.kronforce.task.transfer;

import io.kronforce.task.StopGuard;
import io.kronforce.task.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.commons.net.ftp.FTPSClient;

/**
 * One FTP or FTPS transfer with Apache Commons Net: connect to the vetted address, log in, protect
 * the data channel when TLS is on ({@code PBSZ 0}, {@code PROT P}), move the file in binary mode,
 * log out. Data connections go to the control connection's address whatever a PASV reply says
 * (Commons Net's default since 3.9), so the server cannot point them past the egress policy.
 */
final class FtpTransfer {

    private final TransferPlan plan;

    FtpTransfer(TransferPlan plan) {
        this.plan = plan;
    }

    Transferred run(TaskContext ctx, Duration ioTimeout) throws IOException, InterruptedException {
        FTPClient client = newClient();
        int millis = (int) Math.min(Integer.MAX_VALUE, ioTimeout.toMillis());
        client.setConnectTimeout(millis);
        client.setDefaultTimeout(millis);
        client.setDataTimeout(ioTimeout);
        return StopGuard.call(ctx, client::disconnect, () -> session(client));
    }

    private FTPClient newClient() throws TransferException {
        if (plan.protocol() != Protocol.FTPS) {
            return new FTPClient();
        }
        String pin = plan.task().tls_certificate_sha256();
        try {
            SSLContext context = pin == null ? SSLContext.getDefault() : PinnedCertificate.context(pin);
            FTPSClient client = new NamedFtpsClient(
                    plan.implicitTls(), context, plan.server().name());
            // A pin names the certificate itself, so the host name check would only add false refusals.
            client.setEndpointCheckingEnabled(pin == null);
            return client;
        } catch (GeneralSecurityException e) {
            throw TransferException.permanent("cannot set up TLS: " + e.getMessage());
        }
    }

    private Transferred session(FTPClient client) throws IOException {
        try {
            client.connect(plan.server().address(), plan.server().port());
            if (!FTPReply.isPositiveCompletion(client.getReplyCode())) {
                throw TransferException.transientFailure("server refused the connection: " + reply(client));
            }
            login(client);
            if (client instanceof FTPSClient tls) {
                // After login, in the order curl (upstream's client) sends them.
                tls.execPBSZ(0);
                tls.execPROT("P");
            }
            binaryDataMode(client);
            Transferred done = plan.direction() == Direction.DOWNLOAD ? download(client) : upload(client);
            client.logout();
            return done;
        } finally {
            if (client.isConnected()) {
                client.disconnect();
            }
        }
    }

    private void login(FTPClient client) throws IOException {
        String user = plan.username().orElse("anonymous");
        String password = plan.task().password() != null ? plan.task().password() : "anonymous@";
        if (!client.login(user, password)) {
            throw TransferException.permanent(
                    "login refused for user '" + user + "' at " + plan.server().authority() + ": " + reply(client));
        }
    }

    /** Binary, like curl: text mode would rewrite line ends in the file. Passive unless the task says otherwise. */
    private void binaryDataMode(FTPClient client) throws IOException {
        client.setFileType(FTP.BINARY_FILE_TYPE);
        if (plan.task().passive() == null || plan.task().passive()) {
            client.enterLocalPassiveMode();
        } else {
            client.enterLocalActiveMode();
        }
    }

    private Transferred download(FTPClient client) throws IOException {
        String remote = plan.task().remote_path();
        long bytes;
        try (InputStream in = client.retrieveFileStream(remote)) {
            if (in == null) {
                throw TransferException.permanent("cannot download " + remote + ": " + reply(client));
            }
            bytes = LocalFiles.download(Path.of(plan.task().local_path()), in::transferTo);
        }
        finish(client, "download");
        return plan.done(bytes);
    }

    private Transferred upload(FTPClient client) throws IOException {
        String remote = plan.task().remote_path();
        long bytes;
        try (InputStream source = LocalFiles.openUpload(Path.of(plan.task().local_path()))) {
            try (OutputStream out = client.storeFileStream(remote)) {
                if (out == null) {
                    throw TransferException.permanent("cannot upload to " + remote + ": " + reply(client));
                }
                bytes = source.transferTo(out);
            }
        }
        finish(client, "upload");
        return plan.done(bytes);
    }

    /** The server's final word on a data transfer: 226 means the whole file went through. */
    private static void finish(FTPClient client, String what) throws IOException {
        if (!client.completePendingCommand()) {
            throw TransferException.transientFailure(what + " did not complete: " + reply(client));
        }
    }

    private static String reply(FTPClient client) {
        String text = client.getReplyString();
        return text == null || text.isBlank() ? "no reply" : text.strip().replace("\r\n", " ");
    }
}
