package io.kronforce.bench;

import io.kronforce.task.redis.RedisReadTask;
import io.kronforce.task.redis.RedisReadTaskHandler;
import io.kronforce.task.redis.RedisTask;
import io.kronforce.task.redis.RedisTaskHandler;
import io.kronforce.task.sql.SqlTask;
import io.kronforce.task.sql.SqlTaskHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.UUID;
import redis.clients.jedis.Jedis;

/** B7 rows for the sql and redis handlers, against the local PostgreSQL, a SQLite file and Redis. */
final class DatabaseCases {

    private static final String PG_URL = "jdbc:postgresql://127.0.0.1:5432/test";

    private DatabaseCases() {}

    static HandlerCase postgres() {
        SqlTask task =
                new SqlTask("postgres", "SELECT 1", "postgresql://postgres@127.0.0.1:5432/test", null, null, null);
        Properties props = new Properties();
        props.setProperty("user", "postgres");
        return new HandlerCase(
                HandlerCase.run(new SqlTaskHandler(HandlerCase.LOOPBACK), task),
                () -> selectOne(new org.postgresql.Driver().connect(PG_URL, props)),
                () -> {});
    }

    static HandlerCase sqlite(Path scratch) throws Exception {
        Path file = Files.createTempFile(scratch, "b7-", ".db");
        SqlTask task = new SqlTask("sqlite", "SELECT 1", file.toString(), null, null, null);
        return new HandlerCase(
                HandlerCase.run(new SqlTaskHandler(HandlerCase.LOOPBACK), task),
                () -> selectOne(new org.sqlite.JDBC().connect("jdbc:sqlite:" + file, new Properties())),
                () -> Files.deleteIfExists(file));
    }

    private static void selectOne(Connection connection) throws Exception {
        try (connection;
                Statement s = connection.createStatement();
                ResultSet rs = s.executeQuery("SELECT 1")) {
            rs.next();
        }
    }

    static HandlerCase redisPublish() {
        String channel = "kf-bench:" + UUID.randomUUID();
        RedisTask task = new RedisTask("redis://127.0.0.1:6379", channel, "tick", null, null);
        return new HandlerCase(
                HandlerCase.run(new RedisTaskHandler(HandlerCase.LOOPBACK), task),
                () -> {
                    try (Jedis jedis = new Jedis("127.0.0.1", 6379)) {
                        jedis.publish(channel, "tick");
                    }
                },
                () -> {});
    }

    /** Both sides pop from a list filled with more items than the rep can take. */
    static HandlerCase redisLpop(int runs) {
        String key = "kf-bench:" + UUID.randomUUID();
        try (Jedis jedis = new Jedis("127.0.0.1", 6379)) {
            String[] items = new String[2 * runs];
            java.util.Arrays.fill(items, "item");
            jedis.rpush(key, items);
        }
        RedisReadTask task = new RedisReadTask("redis://127.0.0.1:6379", key, "lpop", 1, null, null);
        return new HandlerCase(
                HandlerCase.run(new RedisReadTaskHandler(HandlerCase.LOOPBACK), task),
                () -> {
                    try (Jedis jedis = new Jedis("127.0.0.1", 6379)) {
                        jedis.lpop(key, 1);
                    }
                },
                () -> {
                    try (Jedis jedis = new Jedis("127.0.0.1", 6379)) {
                        jedis.del(key);
                    }
                });
    }
}
