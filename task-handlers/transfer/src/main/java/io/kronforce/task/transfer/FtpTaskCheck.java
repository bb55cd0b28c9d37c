package io.kronforce.task.transfer;

import io.kronforce.task.ConfigChecks;
import io.kronforce.task.ConfigViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code check()} rules of an ftp task. No I/O. Values holding a {@code {{placeholder}}} are
 * not judged on their format, since substitution happens at dispatch.
 */
final class FtpTaskCheck {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9._-]+|\\[?[0-9A-Fa-f:.]+]?");
    private static final Pattern SSH_FINGERPRINT = Pattern.compile("SHA256:[A-Za-z0-9+/]{43}=?");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9A-Fa-f]{64}");

    private FtpTaskCheck() {}

    static List<ConfigViolation> problems(FtpTask task) {
        List<ConfigViolation> problems = new ArrayList<>();
        Optional<Protocol> protocol = Protocol.parse(task.protocol());
        if (protocol.isEmpty()) {
            problems.add(new ConfigViolation("/protocol", "protocol must be one of ftp, ftps, sftp"));
        }
        if (Direction.parse(task.direction()).isEmpty()) {
            problems.add(new ConfigViolation("/direction", "direction must be upload or download"));
        }
        requireLine(problems, "/remote_path", task.remote_path());
        requireLine(problems, "/local_path", task.local_path());
        ConfigChecks.address("/host", task.host(), task.connection(), FtpTaskCheck::parseHost)
                .ifPresent(problems::add);
        if (task.port() != null && (task.port() < 1 || task.port() > 65535)) {
            problems.add(new ConfigViolation("/port", "port must be between 1 and 65535"));
        }
        singleLine(problems, "/username", task.username());
        singleLine(problems, "/password", task.password());
        protocol.ifPresent(p -> problems.addAll(protocolFields(p, task)));
        return List.copyOf(problems);
    }

    private static List<ConfigViolation> protocolFields(Protocol protocol, FtpTask task) {
        List<ConfigViolation> problems = new ArrayList<>();
        if (protocol == Protocol.SFTP) {
            problems.addAll(sftpFields(task));
        } else {
            onlyFor(problems, "sftp", "/private_key", task.private_key());
            onlyFor(problems, "sftp", "/private_key_passphrase", task.private_key_passphrase());
            onlyFor(problems, "sftp", "/host_key_fingerprint", task.host_key_fingerprint());
            onlyFor(problems, "sftp", "/known_hosts", task.known_hosts());
        }
        if (protocol == Protocol.FTPS) {
            problems.addAll(ftpsFields(task));
        } else {
            onlyFor(problems, "ftps", "/ftps_mode", task.ftps_mode());
            onlyFor(problems, "ftps", "/tls_certificate_sha256", task.tls_certificate_sha256());
        }
        if (protocol == Protocol.SFTP && task.passive() != null) {
            problems.add(new ConfigViolation("/passive", "passive applies to ftp and ftps only"));
        }
        return problems;
    }

    private static List<ConfigViolation> sftpFields(FtpTask task) {
        List<ConfigViolation> problems = new ArrayList<>();
        boolean fromConnection = task.connection() != null && !task.connection().isBlank();
        if (!fromConnection && blank(task.username())) {
            problems.add(new ConfigViolation("/username", "username or connection is required for sftp"));
        }
        String fingerprint = task.host_key_fingerprint();
        if (judged(fingerprint) && !SSH_FINGERPRINT.matcher(fingerprint).matches()) {
            problems.add(new ConfigViolation(
                    "/host_key_fingerprint",
                    "host_key_fingerprint must look like SHA256:<43 base64 characters>, as ssh-keygen -l prints it"));
        }
        if (task.known_hosts() != null && task.known_hosts().isBlank()) {
            problems.add(new ConfigViolation("/known_hosts", "known_hosts must be a file path when given"));
        }
        if (judged(task.private_key())
                && (task.private_key_passphrase() == null || judged(task.private_key_passphrase()))) {
            UserKeys.problem(task.private_key(), task.private_key_passphrase())
                    .ifPresent(message -> problems.add(new ConfigViolation("/private_key", message)));
        }
        return problems;
    }

    private static List<ConfigViolation> ftpsFields(FtpTask task) {
        List<ConfigViolation> problems = new ArrayList<>();
        String mode = task.ftps_mode();
        if (mode != null && !List.of("implicit", "explicit").contains(mode.toLowerCase(Locale.ROOT))) {
            problems.add(new ConfigViolation("/ftps_mode", "ftps_mode must be implicit or explicit"));
        }
        String pin = task.tls_certificate_sha256();
        if (judged(pin) && !SHA256_HEX.matcher(pin.replace(":", "")).matches()) {
            problems.add(new ConfigViolation(
                    "/tls_certificate_sha256",
                    "tls_certificate_sha256 must be 64 hexadecimal digits (colons allowed)"));
        }
        return problems;
    }

    private static void parseHost(String host) {
        if (!HOST.matcher(host).matches()) {
            throw new IllegalArgumentException(
                    "host must be a bare host name or address (no scheme, user, port or path)");
        }
    }

    private static void requireLine(List<ConfigViolation> problems, String pointer, String value) {
        if (blank(value)) {
            problems.add(new ConfigViolation(pointer, pointer.substring(1) + " is required"));
        } else {
            singleLine(problems, pointer, value);
        }
    }

    /** CR and LF would let a value smuggle extra commands into the FTP control connection. */
    private static void singleLine(List<ConfigViolation> problems, String pointer, String value) {
        if (value != null && value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
            problems.add(new ConfigViolation(pointer, pointer.substring(1) + " must be a single line of text"));
        }
    }

    private static void onlyFor(List<ConfigViolation> problems, String protocol, String pointer, String value) {
        if (value != null) {
            problems.add(new ConfigViolation(pointer, pointer.substring(1) + " applies to " + protocol + " only"));
        }
    }

    private static boolean judged(String value) {
        return value != null && !value.contains("{{");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
