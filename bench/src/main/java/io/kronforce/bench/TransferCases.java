package io.kronforce.bench;

import io.kronforce.task.transfer.FtpTask;
import io.kronforce.task.transfer.FtpTaskHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.sftp.client.SftpClient;
import org.apache.sshd.sftp.client.SftpClientFactory;

/**
 * B7 rows for the ftp handler's two protocol families, each uploading a 4-byte local file to a
 * server the case starts in-process ({@link TransferServers}). The handler opens and closes its
 * own client per run, so each bare run does too: Commons Net's FTPClient (connect, login, binary,
 * passive, store, logout) and MINA SSHD's SshClient with SftpClient (host key pinned by
 * fingerprint, password login, no ~/.ssh config or default identities, as the handler).
 */
final class TransferCases {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private TransferCases() {}

    static HandlerCase ftp(Path scratch) throws Exception {
        Path home = Files.createTempDirectory(scratch, "b7-ftp-");
        TransferServers.Running server = TransferServers.ftp(home);
        return HandlerCase.around(server, () -> {
            Path source =
                    Files.writeString(Files.createTempFile(scratch, "b7-ftp-", ".txt"), "tick", StandardCharsets.UTF_8);
            FtpTask task = upload("ftp", source, server.port(), null);
            return new HandlerCase(
                    HandlerCase.run(new FtpTaskHandler(HandlerCase.LOOPBACK), task),
                    () -> ftpUpload(server.port(), source),
                    server::close);
        });
    }

    static HandlerCase sftp(Path scratch) throws Exception {
        Path home = Files.createTempDirectory(scratch, "b7-sftp-");
        TransferServers.Running server = TransferServers.sftp(home);
        return HandlerCase.around(server, () -> {
            Path source = Files.writeString(
                    Files.createTempFile(scratch, "b7-sftp-", ".txt"), "tick", StandardCharsets.UTF_8);
            FtpTask task = upload("sftp", source, server.port(), server.fingerprint());
            return new HandlerCase(
                    HandlerCase.run(new FtpTaskHandler(HandlerCase.LOOPBACK), task),
                    () -> sftpUpload(server, source),
                    server::close);
        });
    }

    private static FtpTask upload(String protocol, Path source, int port, String fingerprint) {
        return new FtpTask(
                protocol,
                "upload",
                "/b7-handler.txt",
                source.toString(),
                "127.0.0.1",
                port,
                TransferServers.USER,
                TransferServers.PASSWORD,
                null,
                null,
                null,
                fingerprint,
                null,
                null,
                null,
                null);
    }

    private static void ftpUpload(int port, Path source) throws IOException {
        FTPClient client = new FTPClient();
        try {
            client.connect("127.0.0.1", port);
            if (!FTPReply.isPositiveCompletion(client.getReplyCode())
                    || !client.login(TransferServers.USER, TransferServers.PASSWORD)) {
                throw new IOException("FTP refused: " + client.getReplyString());
            }
            client.setFileType(FTP.BINARY_FILE_TYPE);
            client.enterLocalPassiveMode();
            try (InputStream in = Files.newInputStream(source)) {
                if (!client.storeFile("/b7-bare.txt", in)) {
                    throw new IOException("STOR failed: " + client.getReplyString());
                }
            }
            client.logout();
        } finally {
            if (client.isConnected()) {
                client.disconnect();
            }
        }
    }

    private static void sftpUpload(TransferServers.Running server, Path source) throws IOException {
        SshClient client = SshClient.setUpDefaultClient();
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setServerKeyVerifier((session, remote, key) ->
                server.fingerprint().equals(KeyUtils.getFingerPrint(BuiltinDigests.sha256, key)));
        client.start();
        try (ClientSession session = client.connect(TransferServers.USER, "127.0.0.1", server.port())
                .verify(WAIT)
                .getSession()) {
            session.addPasswordIdentity(TransferServers.PASSWORD);
            session.auth().verify(WAIT);
            try (SftpClient sftp = SftpClientFactory.instance().createSftpClient(session);
                    InputStream in = Files.newInputStream(source);
                    OutputStream out = sftp.write("/b7-bare.txt")) {
                in.transferTo(out);
            }
        } finally {
            client.stop();
        }
    }
}
