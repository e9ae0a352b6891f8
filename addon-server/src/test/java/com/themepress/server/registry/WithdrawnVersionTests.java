package com.themepress.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.runtimeclient.testing.FakeRuntime;
import com.themepress.server.support.ApiClient;
import com.themepress.server.support.ApiClient.Reply;
import com.themepress.server.support.EmbeddedServerTest;

/**
 * A withdrawn version is never deployed (issue 23 item 7): execute and the renderer's widget
 * resolution act on the latest active version, and answer 404 when none is left.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WithdrawnVersionTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();
    static final FakeRuntime RUNTIME = new FakeRuntime().executeAnswer("retired", "ping", "{\"pong\":true}");

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        EmbeddedServerTest.register(registry, DATA);
        registry.add("themepress.runtime-client.url", RUNTIME::url);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        RUNTIME.close();
        EmbeddedServerTest.delete(DATA);
    }

    @LocalServerPort
    int port;

    @Test
    void aWithdrawnVersionIsNeitherExecutedNorResolvedForRendering() {
        ApiClient api = new ApiClient(port);
        String key = api.developerKey("retirer");
        for (String version : new String[] {"1.0.0", "1.1.0"}) {
            Reply reply = api.post("/api/addons/register", "{\"name\":\"retired\",\"version\":\"" + version + "\","
                    + "\"widgets\":[\"banner\"],\"endpoints\":[{\"name\":\"ping\",\"public\":true}]}", key);
            assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        }

        assertThat(api.delete("/api/addons/retired/versions/1.1.0", key).status()).isEqualTo(204);

        assertThat(execute(api).status()).isEqualTo(200);
        assertThat(RUNTIME.count("retired", "1.0.0", "execute/ping")).isEqualTo(1);
        assertThat(RUNTIME.count("retired", "1.1.0", "execute/ping")).isZero();
        assertThat(api.get("/internal/widgets/retired/banner").json().path("version").asString()).isEqualTo("1.0.0");

        assertThat(api.delete("/api/addons/retired/versions/1.0.0", key).status()).isEqualTo(204);

        assertThat(execute(api).status()).isEqualTo(404);
        assertThat(api.get("/internal/widgets/retired/banner").status()).isEqualTo(404);
        assertThat(RUNTIME.count("retired", "1.0.0", "execute/ping") + RUNTIME.count("retired", "1.1.0", "execute/ping")).isEqualTo(1);
    }

    private static Reply execute(ApiClient api) {
        return api.post("/api/addons/retired/execute", "{\"action\":\"ping\"}", null);
    }
}
