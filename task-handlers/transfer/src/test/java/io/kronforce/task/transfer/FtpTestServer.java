package io.kronforce.task.transfer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.listener.Listener;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.ssl.SslConfigurationFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;

/** An in-process Apache FtpServer on 127.0.0.1, port 0, with one writable user in a temp home directory. */
final class FtpTestServer implements AutoCloseable {

    static final String USER = "alice";
    static final String PASSWORD = "correct-horse-battery";

    private final FtpServer server;
    private final Listener listener;
    private final Path home;

    private FtpTestServer(Path dir, TestCertificate tls, boolean implicit) throws IOException, FtpException {
        home = Files.createDirectories(dir.resolve("ftp-home"));
        ListenerFactory listeners = new ListenerFactory();
        listeners.setServerAddress("127.0.0.1");
        listeners.setPort(0);
        if (tls != null) {
            SslConfigurationFactory ssl = new SslConfigurationFactory();
            ssl.setKeystoreFile(tls.keystore().toFile());
            ssl.setKeystorePassword(TestCertificate.STORE_PASSWORD);
            ssl.setKeystoreType("PKCS12");
            listeners.setSslConfiguration(ssl.createSslConfiguration());
            listeners.setImplicitSsl(implicit);
        }
        listener = listeners.createListener();
        FtpServerFactory factory = new FtpServerFactory();
        factory.addListener("default", listener);
        factory.setUserManager(users(dir));
        server = factory.createServer();
        server.start();
    }

    static FtpTestServer plain(Path dir) throws IOException, FtpException {
        return new FtpTestServer(dir, null, false);
    }

    static FtpTestServer tls(Path dir, TestCertificate certificate, boolean implicit) throws IOException, FtpException {
        return new FtpTestServer(dir, certificate, implicit);
    }

    private UserManager users(Path dir) throws IOException, FtpException {
        PropertiesUserManagerFactory factory = new PropertiesUserManagerFactory();
        factory.setFile(Files.createFile(dir.resolve("ftp-users.properties")).toFile());
        UserManager users = factory.createUserManager();
        BaseUser user = new BaseUser();
        user.setName(USER);
        user.setPassword(PASSWORD);
        user.setHomeDirectory(home.toString());
        user.setAuthorities(List.of(new WritePermission()));
        users.save(user);
        return users;
    }

    int port() {
        return listener.getPort();
    }

    /** The user's home: remote path {@code /x} is {@code home().resolve("x")}. */
    Path home() {
        return home;
    }

    @Override
    public void close() {
        server.stop();
    }
}
