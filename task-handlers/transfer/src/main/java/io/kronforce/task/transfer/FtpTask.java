package io.kronforce.task.transfer;

/**
 * Configuration of an {@code ftp} task (upstream's one type for FTP, FTPS and SFTP), bound from the
 * job's task JSON. Component names are the wire field names.
 *
 * <p>Upstream fields: {@code protocol}, {@code direction}, {@code remote_path}, {@code local_path},
 * {@code host}, {@code port}, {@code username}, {@code password}, {@code connection};
 * {@code private_key} is the key a stored sftp connection carries. The rest are ours, because
 * upstream's curl call trusted whatever server answered: {@code private_key_passphrase},
 * {@code host_key_fingerprint} and {@code known_hosts} (SFTP), {@code ftps_mode} and
 * {@code tls_certificate_sha256} (FTPS), {@code passive} (FTP and FTPS).
 *
 * <p>{@link #toString()} masks the password, the private key and its passphrase.
 *
 * @param protocol {@code ftp}, {@code ftps} or {@code sftp}
 * @param direction {@code upload} (local to remote) or {@code download} (remote to local)
 * @param remote_path path on the server, as the server's user sees it
 * @param local_path path on the machine that runs the task
 * @param host server name or address; may come from {@code connection}
 * @param port server port; default 21 (ftp, explicit ftps), 990 (implicit ftps), 22 (sftp)
 * @param username login; FTP defaults to {@code anonymous}, SFTP requires one
 * @param password login password
 * @param connection name of a stored connection the controller merges in before the run
 * @param private_key SFTP only: OpenSSH or PEM private key text for public-key authentication
 * @param private_key_passphrase SFTP only: passphrase of an encrypted {@code private_key}
 * @param host_key_fingerprint SFTP only: the server key's {@code SHA256:…} fingerprint, as
 *     {@code ssh-keygen -l} prints it; when set, only that key is accepted
 * @param known_hosts SFTP only: path of an OpenSSH known_hosts file; default
 *     {@code ~/.ssh/known_hosts} of the user running the worker
 * @param ftps_mode FTPS only: {@code implicit} (TLS from the first byte, upstream's
 *     {@code ftps://} URL, the default) or {@code explicit} ({@code AUTH TLS} on a plain connection)
 * @param tls_certificate_sha256 FTPS only: SHA-256 of the server certificate (hex, colons
 *     allowed); when set, exactly that certificate is trusted instead of the JVM's CAs
 * @param passive FTP and FTPS: passive data connections (default {@code true}), as curl uses
 */
public record FtpTask(
        String protocol,
        String direction,
        String remote_path,
        String local_path,
        String host,
        Integer port,
        String username,
        String password,
        String connection,
        String private_key,
        String private_key_passphrase,
        String host_key_fingerprint,
        String known_hosts,
        String ftps_mode,
        String tls_certificate_sha256,
        Boolean passive) {

    static final String MASK = "********";

    @Override
    public String toString() {
        return "FtpTask[protocol=" + protocol + ", direction=" + direction + ", remote_path=" + remote_path
                + ", local_path=" + local_path + ", host=" + host + ", port=" + port + ", username=" + username
                + ", password=" + masked(password) + ", connection=" + connection + ", private_key="
                + masked(private_key) + ", private_key_passphrase=" + masked(private_key_passphrase)
                + ", host_key_fingerprint=" + host_key_fingerprint + ", known_hosts=" + known_hosts + ", ftps_mode="
                + ftps_mode + ", tls_certificate_sha256=" + tls_certificate_sha256 + ", passive=" + passive + "]";
    }

    private static String masked(String secret) {
        return secret == null || secret.isEmpty() ? String.valueOf(secret) : MASK;
    }
}
