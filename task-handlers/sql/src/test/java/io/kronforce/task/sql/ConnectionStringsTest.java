package io.kronforce.task.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConnectionStringsTest {

    @Test
    void postgresUrlCarriesCredentialsAsPropertiesNotInTheJdbcUrl() {
        ConnectionTarget t = ConnectionStrings.parse(
                SqlDriver.POSTGRES, "postgresql://app:p%40ss+word@db.example.com/app_db?sslmode=require");
        assertEquals("jdbc:postgresql://db.example.com:5432/app_db", t.jdbcUrl());
        Properties props = t.properties(Duration.ofSeconds(3));
        assertEquals("app", props.getProperty("user"));
        assertEquals("p@ss+word", props.getProperty("password"));
        assertEquals("require", props.getProperty("sslmode"));
        assertEquals("3", props.getProperty("connectTimeout"));
        assertEquals("postgres://app:****@db.example.com:5432/app_db", t.describe());
        assertEquals(t.describe(), t.toString());
    }

    @Test
    void jdbcAndShortSchemesAreAccepted() {
        assertEquals(
                "jdbc:postgresql://h:6543/d",
                ConnectionStrings.parse(SqlDriver.POSTGRES, "jdbc:postgresql://h:6543/d")
                        .jdbcUrl());
        assertEquals(
                "jdbc:postgresql://h:5432/d",
                ConnectionStrings.parse(SqlDriver.POSTGRES, "postgres://h/d").jdbcUrl());
        assertEquals(
                "jdbc:mariadb://h:3306/d",
                ConnectionStrings.parse(SqlDriver.MYSQL, "jdbc:mysql://h/d").jdbcUrl());
        assertEquals(
                "jdbc:mariadb://[::1]:3307/d",
                ConnectionStrings.parse(SqlDriver.MYSQL, "mariadb://[::1]:3307/d")
                        .jdbcUrl());
    }

    @Test
    void passwordInTheQueryIsTakenOutOfTheParameters() {
        ConnectionTarget t =
                ConnectionStrings.parse(SqlDriver.MYSQL, "mysql://h/d?user=u&password=Secret1&useSsl=true");
        assertEquals("u", t.user());
        assertEquals("Secret1", t.password());
        assertEquals(Map.of("useSsl", "true"), t.params());
        assertEquals("true", t.properties(Duration.ofSeconds(1)).getProperty("allowMultiQueries"));
    }

    @Test
    void libpqPairsWithQuotedValues() {
        ConnectionTarget t = ConnectionStrings.parse(
                SqlDriver.POSTGRES,
                "host=db port=6000 dbname=app user=me password='it\\'s secret' sslmode=disable connect_timeout=4");
        assertEquals("jdbc:postgresql://db:6000/app", t.jdbcUrl());
        assertEquals("it's secret", t.password());
        assertEquals(Map.of("sslmode", "disable", "connectTimeout", "4"), t.params());
        assertEquals("4", t.properties(Duration.ofSeconds(10)).getProperty("connectTimeout"));
    }

    @Test
    void sqlitePathsWithOrWithoutPrefix() {
        for (String text :
                List.of("/data/a.db", "sqlite:/data/a.db", "sqlite:///data/a.db", "jdbc:sqlite:/data/a.db")) {
            assertEquals(
                    "jdbc:sqlite:/data/a.db",
                    ConnectionStrings.parse(SqlDriver.SQLITE, text).jdbcUrl(),
                    text);
        }
    }

    @Test
    void badStringsAreRejectedWithoutEchoingThem() {
        for (String text : List.of(
                "http://u:Hush99@h/d",
                "postgresql://u:Hush99@/d",
                "postgresql://u:Hu sh99@h/d",
                "dbname=x password=Hush99",
                "host=h port=x password=Hush99")) {
            IllegalArgumentException e = assertThrows(
                    IllegalArgumentException.class, () -> ConnectionStrings.parse(SqlDriver.POSTGRES, text), text);
            assertFalse(e.getMessage().contains("Hush99"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> ConnectionStrings.parse(SqlDriver.SQLITE, "sqlite:"));
    }

    @Test
    void scrubMasksThePasswordInServerMessages() {
        ConnectionTarget t = ConnectionStrings.parse(SqlDriver.MYSQL, "mysql://u:Hush99@h/d");
        assertEquals("auth failed for ****", t.scrub("auth failed for Hush99"));
        ConnectionTarget shortPw = ConnectionStrings.parse(SqlDriver.MYSQL, "mysql://u:ab@h/d");
        assertEquals("table abc", shortPw.scrub("table abc"));
    }

    @Test
    void sqliteScriptSplitsOutsideQuotesAndComments() {
        assertEquals(
                List.of("INSERT INTO t VALUES ('a;b')", "SELECT \"x;y\" FROM [t;]", "SELECT 2"),
                SqliteScript.split(
                        "INSERT INTO t VALUES ('a;b'); -- c;d\nSELECT \"x;y\" FROM [t;]; /* ; */ SELECT 2;"));
        String trigger = "CREATE TRIGGER tr AFTER INSERT ON t BEGIN UPDATE u SET n = n + 1; END;";
        assertEquals(List.of(trigger), SqliteScript.split(trigger));
    }
}
