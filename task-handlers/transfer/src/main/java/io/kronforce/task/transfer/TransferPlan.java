package io.kronforce.task.transfer;

import io.kronforce.task.EgressDeniedException;
import io.kronforce.task.EgressPolicy;
import java.util.Locale;
import java.util.Optional;

/**
 * A checked ftp task turned into what to do: protocol, direction, the vetted server and the TLS
 * mode. Built only from a task that passed {@link FtpTaskCheck}.
 */
record TransferPlan(FtpTask task, Protocol protocol, Direction direction, Server server, boolean implicitTls) {

    /**
     * Parses the enumerated fields and vets the host.
     *
     * @throws EgressDeniedException when the egress policy refuses the host
     */
    static TransferPlan of(FtpTask task, EgressPolicy egress) throws EgressDeniedException {
        Protocol protocol = Protocol.parse(task.protocol()).orElseThrow();
        boolean implicit = protocol == Protocol.FTPS
                && (task.ftps_mode() == null
                        || task.ftps_mode().toLowerCase(Locale.ROOT).equals("implicit"));
        int port = task.port() != null ? task.port() : protocol.defaultPort(implicit);
        Server server = Server.vetted(egress, task.host(), port);
        return new TransferPlan(
                task, protocol, Direction.parse(task.direction()).orElseThrow(), server, implicit);
    }

    Optional<String> username() {
        return Optional.ofNullable(task.username()).filter(u -> !u.isBlank());
    }

    /** {@code scheme://host:port/path}: where the remote file is, without credentials. */
    String remoteUrl() {
        String path = task.remote_path();
        return protocol.scheme() + "://" + server.authority() + (path.startsWith("/") ? "" : "/") + path;
    }

    Transferred done(long bytes) {
        return new Transferred(direction, remoteUrl(), task.local_path(), bytes);
    }
}
