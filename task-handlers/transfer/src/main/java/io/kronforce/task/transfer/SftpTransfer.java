package io.kronforce.task.transfer;

import io.kronforce.task.StopGuard;
import io.kronforce.task.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;
import org.apache.sshd.sftp.common.SftpException;

/**
 * One SFTP transfer with Apache MINA SSHD: a client of its own (started and stopped with the run,
 * so no threads outlive it), the host key checked by {@link HostKeyCheck}, password and/or
 * public-key authentication, then one file streamed over the SFTP subsystem.
 */
final class SftpTransfer {

    private final TransferPlan plan;
    private final Path defaultKnownHosts;

    SftpTransfer(TransferPlan plan, Path defaultKnownHosts) {
        this.plan = plan;
        this.defaultKnownHosts = defaultKnownHosts;
    }

    Transferred run(TaskContext ctx, Duration ioTimeout) throws IOException, InterruptedException {
        String user = plan.username()
                .orElseThrow(() -> TransferException.permanent(
                        "username is missing (sftp needs one; the named connection did not supply it)"));
        List<KeyPair> keys =
                plan.task().private_key() == null || plan.task().private_key().isBlank()
                        ? List.of()
                        : UserKeys.read(plan.task().private_key(), plan.task().private_key_passphrase());
        FtpTask task = plan.task();
        Path knownHosts = task.known_hosts() != null ? Path.of(task.known_hosts()) : defaultKnownHosts;
        HostKeyCheck hostKeys =
                new HostKeyCheck(plan.server(), Optional.ofNullable(task.host_key_fingerprint()), knownHosts);
        SshClient client = SshClient.setUpDefaultClient();
        // Only what the task says: no ~/.ssh/config host entries, no default identities of the worker's user.
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setServerKeyVerifier(hostKeys);
        client.start();
        try {
            return StopGuard.call(ctx, client::stop, () -> session(client, user, keys, hostKeys, ioTimeout));
        } finally {
            client.stop();
        }
    }

    private Transferred session(
            SshClient client, String user, List<KeyPair> keys, HostKeyCheck hostKeys, Duration timeout)
            throws IOException {
        InetSocketAddress address =
                new InetSocketAddress(plan.server().address(), plan.server().port());
        try (ClientSession session =
                client.connect(user, address).verify(timeout).getSession()) {
            if (plan.task().password() != null) {
                session.addPasswordIdentity(plan.task().password());
            }
            keys.forEach(session::addPublicKeyIdentity);
            authenticate(session, user, hostKeys, timeout);
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session)) {
                return plan.done(plan.direction() == Direction.DOWNLOAD ? download(sftp) : upload(sftp));
            }
        }
    }

    private void authenticate(ClientSession session, String user, HostKeyCheck hostKeys, Duration timeout)
            throws IOException {
        try {
            session.auth().verify(timeout);
        } catch (SshException e) {
            Optional<String> refusal = hostKeys.refusal();
            if (refusal.isPresent()) {
                throw TransferException.permanent(refusal.get());
            }
            if (String.valueOf(e.getMessage()).contains("No more authentication methods")) {
                throw TransferException.permanent("authentication refused for user '" + user + "' at "
                        + plan.server().authority() + " (tried " + methods() + ")");
            }
            throw e;
        }
    }

    private String methods() {
        boolean password = plan.task().password() != null;
        boolean key =
                plan.task().private_key() != null && !plan.task().private_key().isBlank();
        return password && key
                ? "password and public key"
                : password ? "password" : key ? "public key" : "no credentials";
    }

    private long download(SftpClient sftp) throws IOException {
        String remote = plan.task().remote_path();
        try (InputStream in = sftp.read(remote)) {
            return LocalFiles.download(Path.of(plan.task().local_path()), in::transferTo);
        } catch (SftpException e) {
            throw TransferException.permanent("cannot download " + remote + ": " + e.getMessage());
        }
    }

    private long upload(SftpClient sftp) throws IOException {
        String remote = plan.task().remote_path();
        try (InputStream source = LocalFiles.openUpload(Path.of(plan.task().local_path()));
                OutputStream out = sftp.write(remote)) {
            return source.transferTo(out);
        } catch (SftpException e) {
            throw TransferException.permanent("cannot upload to " + remote + ": " + e.getMessage());
        }
    }
}
