package com.themepress.runtime.invoke;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.themepress.runtime.support.RuntimeHarness;
import com.themepress.testsupport.docker.RequiresDockerImage;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * examples/node-hello, a Node.js addon on the bare contract without the SDK, in the sandbox as
 * deployed (read-only root, uid 1001, no capabilities, 96 MB, a quarter of a CPU): its first call
 * starts it from no instance, and execute, render and the contract's 404 come through as the addon
 * answered them.
 */
@RequiresDockerImage(NodeAddonDockerTests.IMAGE)
class NodeAddonDockerTests {

    static final String IMAGE = "themepress/addon-node-hello:1.0.0";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static RuntimeHarness runtime;

    @BeforeAll
    static void start() {
        runtime = RuntimeHarness.start("node", Map.of());
        HttpResponse<String> put = runtime.put("node-hello", "1.0.0", "{\"image\":\"" + IMAGE + "\",\"resources\":{"
                + "\"memoryMb\":96,\"cpus\":0.25,\"timeoutMs\":10000,\"minInstances\":0,\"maxInstances\":1,\"concurrency\":8}}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(201);
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void startsOnItsFirstCallAndEchoesIt() {
        HttpResponse<String> echo = runtime.execute("node-hello", "1.0.0", "echo", "{\"n\":42,\"text\":\"héllo\"}");

        assertThat(echo.statusCode()).as(echo.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(echo.body());
        assertThat(body.at("/echo/n").asInt()).isEqualTo(42);
        assertThat(body.at("/echo/text").asString()).isEqualTo("héllo");
    }

    @Test
    void rendersItsWidgetWithTheConfigEscaped() {
        HttpResponse<String> render = runtime.post("/runtime/deployments/node-hello/1.0.0/render/greeting",
                "{\"config\":{\"name\":\"<script>x</script>\"},\"context\":{}}", "application/json");

        assertThat(render.statusCode()).as(render.body()).isEqualTo(200);
        assertThat(JSON.readTree(render.body()).path("html").asString())
                .isEqualTo("<p class=\"tp-greeting\">Hello, &lt;script&gt;x&lt;/script&gt;!</p>");
    }

    @Test
    void passesTheAddonsOwn404ForAnUnknownEndpoint() {
        HttpResponse<String> unknown = runtime.execute("node-hello", "1.0.0", "nope", "{}");

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("is not part of this addon");
    }
}
