package com.themepress.testsupport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

@RequiresRedisServer
class RedisServerTests {

    @Test
    void answersOnItsOwnPortAndKeepsAppendOnlyWritesOverAKillAndRestart() {
        try (RedisServer redis = RedisServer.start(true)) {
            assertThat(redis.commands().ping()).isEqualTo("PONG");
            redis.commands().set("kept", "yes");

            redis.kill();
            redis.launch();

            assertThat(redis.commands().get("kept")).isEqualTo("yes");
            assertThat(redis.uri().getPort()).isEqualTo(redis.port());
        }
    }

    @Test
    void withoutPersistenceARestartStartsEmpty() {
        try (RedisServer redis = RedisServer.start()) {
            redis.commands().set("lost", "yes");

            redis.kill();
            redis.launch();

            assertThat(redis.commands().get("lost")).isNull();
        }
    }
}
