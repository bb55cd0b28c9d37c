package io.kronforce.task.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kronforce.task.ConfigViolation;
import io.kronforce.task.EgressPolicy;
import io.kronforce.task.HandlerSettings;
import io.kronforce.task.testkit.LoadedHandler;
import io.kronforce.task.testkit.ReadmeExample;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedisCheckTest {

    private final HandlerSettings settings = new HandlerSettings(EgressPolicy.publicOnly());
    private final RedisTaskHandler publish = new RedisTaskHandler(settings);
    private final RedisReadTaskHandler read = new RedisReadTaskHandler(settings);

    @Test
    void publishNeedsUrlChannelAndMessage() {
        assertEquals(List.of(), publish.check(new RedisTask("redis://h:6379/1", "c", "", null, null)));
        assertEquals(
                List.of("/url", "/channel", "/message"),
                pointers(publish.check(new RedisTask(null, "", null, null, null))));
        assertEquals(List.of(), publish.check(new RedisTask(null, "c", "m", null, "cache")));
        assertEquals(List.of(), publish.check(new RedisTask("{{REDIS_URL}}", "c", "m", null, null)));
    }

    @Test
    void urlMustBeARedisUrlAndItsErrorHidesThePassword() {
        for (String url : List.of("http://h", "redis://", "redis://:S3cretPw@h/notanumber", "redis://:S3cret Pw@h")) {
            List<ConfigViolation> found = publish.check(new RedisTask(url, "c", "m", null, null));
            assertEquals(List.of("/url"), pointers(found), url);
            assertFalse(found.get(0).message().contains("S3cret"), found.get(0).message());
        }
    }

    @Test
    void readRejectsUnknownModesAndCountsOutOfRange() {
        assertEquals(List.of(), read.check(new RedisReadTask("rediss://h", "k", "xread", 10_000, null, null)));
        assertEquals(
                List.of("/key", "/mode"),
                pointers(read.check(new RedisReadTask("redis://h", null, "blpop", null, null, null))));
        assertEquals(List.of("/count"), pointers(read.check(new RedisReadTask("redis://h", "k", null, 0, null, null))));
        assertEquals(
                List.of("/count"), pointers(read.check(new RedisReadTask("redis://h", "k", null, 10_001, null, null))));
    }

    @Test
    void targetParsesCredentialsDatabaseAndTlsAndMasksThePassword() {
        RedisTarget full = RedisTarget.parse("rediss://app:p%40ss+1@cache.example:6380/3", null);
        assertEquals(new RedisTarget(true, "cache.example", 6380, "app", "p@ss+1", 3), full);
        assertEquals("rediss://app:****@cache.example:6380/3", full.toString());
        assertEquals("pw1", RedisTarget.parse("redis://:pw1@h", null).password());
        assertEquals("pw2", RedisTarget.parse("redis://pw2@h", null).password());
        assertEquals("fromField", RedisTarget.parse("redis://h", "fromField").password());
        assertEquals(
                "redis://:****@h:6379/0",
                RedisTarget.parse("redis://h", "fromField").toString());
        assertEquals("redis://h:6379/0", RedisTarget.parse("redis://h", null).toString());
        assertThrows(IllegalArgumentException.class, () -> RedisTarget.parse(null, null));
    }

    @Test
    void readmeExamplesBindAndPassTheCheck() {
        List<RedisReadTask> reads = ReadmeExample.tasks("redis_read", RedisReadTask.class);
        List<RedisTask> publishes = ReadmeExample.tasks("redis", RedisTask.class);
        assertEquals(1, reads.size());
        assertEquals(1, publishes.size());
        assertEquals(List.of(), read.check(reads.get(0)));
        assertEquals(List.of(), publish.check(publishes.get(0)));
    }

    @Test
    void serviceLoaderFindsBothProviders() {
        assertInstanceOf(RedisTaskHandler.class, LoadedHandler.of("redis"));
        assertInstanceOf(RedisReadTaskHandler.class, LoadedHandler.of("redis_read"));
        assertEquals(RedisReadTask.class, LoadedHandler.of("redis_read").configType());
    }

    private static List<String> pointers(List<ConfigViolation> found) {
        return found.stream().map(ConfigViolation::pointer).toList();
    }
}
