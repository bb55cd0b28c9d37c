package io.kronforce.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.listener.Listener;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.file.virtualfs.VirtualFileSystemFactory;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.sftp.server.SftpSubsystemFactory;

/**
 * The FTP and SFTP servers of the transfer rows, in-process on 127.0.0.1 as task-handlers/transfer's
 * tests start them (Apache FtpServer; MINA SSHD with its SFTP subsystem): one password user,
 * jailed in a home folder under the bench's scratch.
 */
final class TransferServers {

    static final String USER = "bench";
    static final String PASSWORD = "bench-secret-b7";

    /** A running server: its port, and for SFTP its host key's SHA-256 fingerprint (else null). */
    @SuppressWarnings("try") // close() may throw InterruptedException; the bench lets it reach the caller
    record Running(int port, String fingerprint, AutoCloseable stop) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            stop.close();
        }
    }

    private TransferServers() {}

    static Running ftp(Path home) throws Exception {
        QuietLogs.apply();
        ListenerFactory listeners = new ListenerFactory();
        listeners.setServerAddress("127.0.0.1");
        listeners.setPort(0);
        Listener listener = listeners.createListener();
        FtpServerFactory factory = new FtpServerFactory();
        factory.addListener("default", listener);
        factory.setUserManager(users(home));
        FtpServer server = factory.createServer();
        server.start();
        return new Running(listener.getPort(), null, server::stop);
    }

    private static UserManager users(Path home) throws Exception {
        PropertiesUserManagerFactory factory = new PropertiesUserManagerFactory();
        factory.setFile(Files.createFile(home.resolveSibling(home.getFileName() + ".users"))
                .toFile());
        UserManager users = factory.createUserManager();
        BaseUser user = new BaseUser();
        user.setName(USER);
        user.setPassword(PASSWORD);
        user.setHomeDirectory(home.toString());
        user.setAuthorities(List.of(new WritePermission()));
        users.save(user);
        return users;
    }

    static Running sftp(Path home) throws Exception {
        QuietLogs.apply();
        KeyPair hostKey = KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        SshServer server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPasswordAuthenticator((user, password, session) -> USER.equals(user) && PASSWORD.equals(password));
        server.setSubsystemFactories(List.of(new SftpSubsystemFactory()));
        server.setFileSystemFactory(new VirtualFileSystemFactory(home));
        server.start();
        return new Running(
                server.getPort(),
                KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKey.getPublic()),
                () -> server.stop(true));
    }
}
