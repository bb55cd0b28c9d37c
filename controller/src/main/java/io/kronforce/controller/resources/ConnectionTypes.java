package io.kronforce.controller.resources;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The connection types and the secret members each declares (docs/reference/variables-and-secrets.md#connections).
 * Masking in answers and exports, the run's output mask and the scrub of migrated history all read this one
 * table, so a secret a type declares is hidden everywhere at once. The names are what the task handlers that
 * take a connection read ({@code task-handlers/*}: the s3 task's {@code session_token}, the http task's
 * {@code headers}); beyond them {@link SecretFields} hides any member named like a secret and every header
 * value, since a config is any JSON object. A type missing here is treated as undeclared: URL members too.
 */
public final class ConnectionTypes {
    /** What every type declares: upstream's masked keys, so nothing it hid shows here. */
    private static final List<String> COMMON = List.of(
            "password", "private_key", "token", "secret_key", "header_value", "access_key", "connection_string", "url");

    private static final Map<String, SecretFields> DECLARED = Map.ofEntries(
            declare("postgres"),
            declare("mysql"),
            declare("sqlite"),
            declare("mongodb"),
            declare("ftp"),
            declare("sftp", "passphrase"),
            declare("ssh", "passphrase"),
            declare("http", "headers.*"),
            declare("kafka", "sasl_password"),
            declare("mqtt"),
            declare("rabbitmq"),
            declare("redis"),
            declare("smtp"),
            declare("s3", "session_token"));

    /** Every type a connection may have. */
    public static final Set<String> TYPES = DECLARED.keySet();

    private ConnectionTypes() {}

    /** The secret members of a connection of {@code type}. */
    public static SecretFields secrets(String type) {
        SecretFields declared = DECLARED.get(type);
        return declared != null ? declared : SecretFields.undeclared();
    }

    private static Map.Entry<String, SecretFields> declare(String type, String... extra) {
        List<String> all = new java.util.ArrayList<>(COMMON);
        all.addAll(List.of(extra));
        return Map.entry(type, SecretFields.declared(all));
    }
}
