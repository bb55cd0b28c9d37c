package io.kronforce.task.transfer;

import java.io.IOException;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntryResolver;
import org.apache.sshd.common.digest.BuiltinDigests;

/**
 * Decides whether the SFTP server's host key is the one the operator trusts: the pinned
 * {@code host_key_fingerprint} when the task has one, else an entry for the task's host name (and
 * port) in a known_hosts file. Anything else is refused; nothing is ever added to known_hosts.
 * Matching uses the host name as the task wrote it, not the address connected to, so entries
 * written by OpenSSH for that name apply.
 *
 * <p>One instance per run: it remembers why it refused, for the task's error message.
 */
final class HostKeyCheck implements ServerKeyVerifier {

    private final Server server;
    private final Optional<String> pinned;
    private final Path knownHosts;
    private volatile String refusal;

    HostKeyCheck(Server server, Optional<String> pinned, Path knownHosts) {
        this.server = server;
        this.pinned = pinned;
        this.knownHosts = knownHosts;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey key) {
        String presented = KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
        if (pinned.isPresent()) {
            return pinned.get().equals(presented)
                    || refuse("host key of " + server.authority() + " is " + presented
                            + ", not the pinned host_key_fingerprint " + pinned.get());
        }
        try {
            return knownHostsAccept(key, presented);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            return refuse("cannot read known_hosts file " + knownHosts + ": " + e.getMessage());
        }
    }

    private boolean knownHostsAccept(PublicKey key, String presented) throws IOException, GeneralSecurityException {
        if (!Files.isRegularFile(knownHosts)) {
            return refuse(unknown(presented) + ": " + knownHosts + " does not exist");
        }
        List<KnownHostEntry> entries = KnownHostEntry.readKnownHostEntries(knownHosts);
        boolean hostListed = false;
        for (KnownHostEntry entry : entries) {
            if (!entry.isHostMatch(server.name(), server.port())) {
                continue;
            }
            PublicKey listed = entry.getKeyEntry().resolvePublicKey(null, Map.of(), PublicKeyEntryResolver.IGNORING);
            boolean same = listed != null && KeyUtils.compareKeys(listed, key);
            if (same && "revoked".equals(entry.getMarker())) {
                return refuse(
                        "host key " + presented + " of " + server.authority() + " is marked @revoked in " + knownHosts);
            }
            if (same && entry.getMarker() == null) {
                return true;
            }
            hostListed |= entry.getMarker() == null;
        }
        return refuse(
                hostListed
                        ? "host key of " + server.authority() + " has changed: the server presents " + presented
                                + ", which " + knownHosts + " does not list for it (possible man-in-the-middle)"
                        : unknown(presented) + ": no entry for it in " + knownHosts);
    }

    private String unknown(String presented) {
        return "host key " + presented + " of " + server.authority()
                + " is not trusted (pin it with host_key_fingerprint or add it to known_hosts)";
    }

    private boolean refuse(String why) {
        refusal = why;
        return false;
    }

    /** Why the last key was refused; empty when none was. */
    Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }
}
