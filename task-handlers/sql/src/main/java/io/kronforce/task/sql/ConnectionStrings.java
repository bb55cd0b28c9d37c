package io.kronforce.task.sql;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Parses the connection strings upstream's CLIs accepted into a {@link ConnectionTarget}:
 * <ul>
 *   <li>postgres: {@code postgresql://} / {@code postgres://} / {@code jdbc:postgresql://} URLs, or
 *       libpq {@code key=value} pairs ({@code host=db port=5432 dbname=app user=u password=p});</li>
 *   <li>mysql: {@code mysql://}, {@code mariadb://}, {@code jdbc:mysql://} or {@code jdbc:mariadb://} URLs;</li>
 *   <li>sqlite: a file path, optionally prefixed with {@code sqlite:}, {@code sqlite://} or {@code jdbc:sqlite:}.</li>
 * </ul>
 * Error messages never repeat the input: it may hold a password.
 */
final class ConnectionStrings {

    private ConnectionStrings() {}

    /** @throws IllegalArgumentException with a message that is safe to show */
    static ConnectionTarget parse(SqlDriver driver, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("connection_string is required");
        }
        String trimmed = text.strip();
        return switch (driver) {
            case SQLITE -> sqlite(trimmed);
            case POSTGRES -> trimmed.contains("://") ? url(driver, trimmed) : libpqPairs(trimmed);
            case MYSQL -> url(driver, trimmed);
        };
    }

    private static ConnectionTarget sqlite(String text) {
        String path = text;
        for (String prefix : new String[] {"jdbc:sqlite:", "sqlite://", "sqlite:"}) {
            if (path.startsWith(prefix)) {
                path = path.substring(prefix.length());
                break;
            }
        }
        if (path.isBlank()) {
            throw new IllegalArgumentException("connection_string must name the SQLite database file");
        }
        return ConnectionTarget.sqliteFile(path);
    }

    private static ConnectionTarget url(SqlDriver driver, String text) {
        String expected = driver == SqlDriver.POSTGRES
                ? "postgresql://user:password@host:port/database"
                : "mysql://user:password@host:port/database";
        String lower = text.toLowerCase(Locale.ROOT);
        String rest = lower.startsWith("jdbc:") ? text.substring(5) : text;
        String scheme = rest.substring(0, Math.max(0, rest.indexOf("://"))).toLowerCase(Locale.ROOT);
        boolean schemeFits = driver == SqlDriver.POSTGRES
                ? scheme.equals("postgresql") || scheme.equals("postgres")
                : scheme.equals("mysql") || scheme.equals("mariadb");
        if (!schemeFits) {
            throw new IllegalArgumentException("connection_string must look like " + expected);
        }
        URI uri;
        try {
            uri = new URI(rest);
        } catch (URISyntaxException e) {
            // Not e.getMessage(): it quotes the input, password included.
            throw new IllegalArgumentException("connection_string is not a valid URL (percent-encode special "
                    + "characters in the user and password); expected " + expected);
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw new IllegalArgumentException("connection_string must name a host: " + expected);
        }
        Map<String, String> params = queryParams(uri.getRawQuery());
        String user = params.remove("user");
        String password = params.remove("password");
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            password = colon < 0 ? password : decode(userInfo.substring(colon + 1));
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String database = decode(path.startsWith("/") ? path.substring(1) : path);
        int port = uri.getPort() < 0 ? driver.defaultPort() : uri.getPort();
        return new ConnectionTarget(
                driver, uri.getHost().replaceAll("^\\[|]$", ""), port, database, user, password, params);
    }

    /** libpq's keyword/value form; values may be single-quoted with {@code \'} and {@code \\} escapes. */
    private static ConnectionTarget libpqPairs(String text) {
        Map<String, String> pairs = new LinkedHashMap<>();
        int i = 0;
        while (i < text.length()) {
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i == text.length()) {
                break;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                throw new IllegalArgumentException("connection_string must be a postgresql:// URL or key=value pairs");
            }
            String key = text.substring(i, eq).strip();
            StringBuilder value = new StringBuilder();
            i = eq + 1;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            boolean quoted = i < text.length() && text.charAt(i) == '\'';
            if (quoted) {
                i++;
            }
            while (i < text.length()) {
                char c = text.charAt(i);
                if (quoted && c == '\\' && i + 1 < text.length()) {
                    value.append(text.charAt(i + 1));
                    i += 2;
                    continue;
                }
                if (quoted ? c == '\'' : Character.isWhitespace(c)) {
                    i++;
                    break;
                }
                value.append(c);
                i++;
            }
            pairs.put(key, value.toString());
        }
        String host = pairs.remove("host");
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("connection_string must name a host (host=...)");
        }
        int port = SqlDriver.POSTGRES.defaultPort();
        String portText = pairs.remove("port");
        if (portText != null) {
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("connection_string has an invalid port");
            }
        }
        String database = pairs.remove("dbname");
        String user = pairs.remove("user");
        String password = pairs.remove("password");
        String connectTimeout = pairs.remove("connect_timeout");
        if (connectTimeout != null) {
            pairs.put("connectTimeout", connectTimeout); // the libpq name for pgjdbc's property
        }
        return new ConnectionTarget(
                SqlDriver.POSTGRES, host, port, database == null ? "" : database, user, password, pairs);
    }

    private static Map<String, String> queryParams(String rawQuery) {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                params.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
            }
        }
        return params;
    }

    /** Percent-decoding as RFC 3986 means it: unlike URLDecoder, a '+' stays a '+'. */
    private static String decode(String raw) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && isHex(raw, i + 1) && isHex(raw, i + 2)) {
                bytes.write(Integer.parseInt(raw.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(String s, int index) {
        return index < s.length() && Character.digit(s.charAt(index), 16) >= 0;
    }
}
