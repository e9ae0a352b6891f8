package com.themepress.server.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.server.support.ApiClient;
import com.themepress.server.support.ApiClient.Reply;
import com.themepress.server.support.EmbeddedServerTest;

/**
 * Issue 23, items 9 and 10: the schemas a manifest ships are refused at registration when they are
 * bombs (too large, deep or wide for the documented defaults) or carry a pattern the linear-time engine
 * cannot take, and a registered pattern checks a hostile value in milliseconds on an anonymous call.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ShippedSchemaApiTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        EmbeddedServerTest.register(registry, DATA);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        EmbeddedServerTest.delete(DATA);
    }

    @LocalServerPort
    int port;

    ApiClient api;
    static String key;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
        if (key == null) {
            key = api.developerKey("schema-author");
        }
    }

    static String withConfigSchema(String name, String schema) {
        return "{\"name\":\"" + name + "\",\"version\":\"1.0.0\",\"widgets\":[{\"name\":\"card\",\"configSchema\":" + schema + "}]}";
    }

    static String properties(int count) {
        StringBuilder schema = new StringBuilder("{\"type\":\"object\",\"properties\":{");
        for (int i = 0; i < count; i++) {
            schema.append(i == 0 ? "" : ",").append("\"p").append(i).append("\":{}");
        }
        return schema.append("}}").toString();
    }

    @Test
    void aSchemaBombOfTheReviewIsRefusedWithItsPointer() {
        // The review's bomb: most of a megabyte, tens of thousands of properties.
        Reply reply = api.post("/api/addons/register", withConfigSchema("bomb", properties(60_000)), key);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.pointers()).containsExactly("/widgets/0/configSchema");
        assertThat(reply.json().path("detail").asString()).contains("at most 65536");
    }

    @Test
    void aDeepSchemaIsRefused() {
        Reply reply = api.post("/api/addons/register", withConfigSchema("deep", "{\"not\":".repeat(40) + "{}" + "}".repeat(40)), key);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.pointers()).containsExactly("/widgets/0/configSchema");
        assertThat(reply.json().path("detail").asString()).contains("41 levels", "at most 32");
    }

    @Test
    void aWideSchemaIsRefused() {
        Reply reply = api.post("/api/addons/register", withConfigSchema("wide", properties(1_001)), key);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("detail").asString()).contains("1001 properties", "at most 1000");
        assertThat(api.get("/api/addons/wide").status()).isEqualTo(404);
    }

    @Test
    void aBackreferencePatternIsRefusedWithItsPointer() {
        Reply reply = api.post("/api/addons/register", withConfigSchema("backref",
                "{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"string\",\"pattern\":\"^(a+)+\\\\1$\"}}}"), key);

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.pointers()).containsExactly("/widgets/0/configSchema/properties/code/pattern");
    }

    @Test
    void anAnonymousCallWithAHostileValueIsCheckedInMilliseconds() {
        assertThat(api.post("/api/addons/register", """
                {"name": "greedy", "version": "1.0.0", "endpoints": [{"name": "lookup", "public": true,
                 "inputSchema": {"type": "object", "properties": {"q": {"type": "string", "pattern": "(.*a){20}$"}}}}]}""", key)
                .status()).isEqualTo(201);
        String hostile = "{\"action\":\"lookup\",\"data\":{\"q\":\"" + "a".repeat(64) + "!\"}}";

        Reply reply = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> api.post("/api/addons/greedy/execute", hostile, null));

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.pointers()).containsExactly("/data/q");
    }
}
