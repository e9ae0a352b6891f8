package com.themepress.server.addonstorage;

import static com.themepress.server.addonstorage.HostStorageIsolationTests.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.model.hostapi.InvocationToken;
import com.themepress.runtimeclient.testing.FakeRuntime;
import com.themepress.server.support.ApiClient;
import com.themepress.server.support.EmbeddedServerTest;

/** Quotas per addon and site: beyond one, the write is refused with problem+json and nothing changes. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "themepress.host-api.token-key=" + HostStorageIsolationTests.KEY,
        "themepress.addon-storage.max-document-size=100B", "themepress.addon-storage.max-bytes=150B",
        "themepress.addon-storage.max-documents=3"})
class HostStorageQuotaTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();
    static final FakeRuntime RUNTIME = new FakeRuntime();

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

    static boolean registered;
    String site;
    String siteKey;

    @BeforeEach
    void anAddonOnASite() {
        ApiClient api = new ApiClient(port);
        if (!registered) {
            assertThat(api.post("/api/addons/register", "{\"name\":\"notes\",\"version\":\"1.0.0\",\"permissions\":"
                    + "[\"storage.read\",\"storage.write\"]}", api.developerKey("notes-dev")).status()).isEqualTo(201);
            registered = true;
        }
        site = "shop-" + UUID.randomUUID().toString().substring(0, 6);
        siteKey = HostStorageIsolationTests.site(api, site);
        HostStorageIsolationTests.install(api, site, siteKey, "notes", HostStorageIsolationTests.STORAGE);
    }

    @Test
    void aDocumentOverTheSizeLimitIs413AndNotStored() throws Exception {
        HttpResponse<String> refused = put("big", "{\"text\":\"" + "x".repeat(120) + "\"}");
        assertThat(refused.statusCode()).isEqualTo(413);
        assertThat(refused.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
        assertThat(get("big").statusCode()).isEqualTo(404);
        assertThat(usage().path("bytes").asLong()).isZero();
    }

    @Test
    void theDocumentCountQuotaIs429AndChangesNothing() throws Exception {
        for (int i = 1; i <= 3; i++) {
            assertThat(put("d" + i, "{\"n\":" + i + "}").statusCode()).isEqualTo(201);
        }
        long bytes = usage().path("bytes").asLong();
        HttpResponse<String> refused = put("d4", "{\"n\":4}");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(json(refused).path("type").asString()).endsWith("/storage-quota-exceeded");
        assertThat(json(refused).path("quota").asString()).isEqualTo("documents");
        assertThat(get("d4").statusCode()).isEqualTo(404);
        assertThat(usage().path("documents").asLong()).isEqualTo(3);
        assertThat(usage().path("bytes").asLong()).isEqualTo(bytes);
        assertThat(put("d3", "{\"n\":33}").statusCode()).as("overwriting stays within the count").isEqualTo(200);
    }

    @Test
    void theByteQuotaIs429AndChangesNothingAndDeletingFreesRoom() throws Exception {
        String ninety = "{\"text\":\"" + "y".repeat(79) + "\"}"; // 90 bytes as JSON
        assertThat(put("a", ninety).statusCode()).isEqualTo(201);
        HttpResponse<String> refused = put("b", ninety);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(json(refused).path("quota").asString()).isEqualTo("bytes");
        assertThat(json(refused).path("limit").asLong()).isEqualTo(150);
        assertThat(get("b").statusCode()).isEqualTo(404);
        assertThat(usage().path("bytes").asLong()).isEqualTo(90);
        HttpResponse<String> growing = put("a", "{\"text\":\"" + "z".repeat(85) + "\"}");
        assertThat(growing.statusCode()).as("growing a document within the quota").isEqualTo(200);
        assertThat(send("DELETE", "a", null).statusCode()).isEqualTo(204);
        assertThat(usage().path("bytes").asLong()).isZero();
        assertThat(put("b", ninety).statusCode()).isEqualTo(201);
    }

    private tools.jackson.databind.JsonNode usage() {
        return new ApiClient(port).get("/api/sites/" + site + "/addons/notes/storage", siteKey).json();
    }

    private HttpResponse<String> put(String id, String body) throws Exception {
        return send("PUT", id, body);
    }

    private HttpResponse<String> get(String id) throws Exception {
        return send("GET", id, null);
    }

    private HttpResponse<String> send(String method, String id, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/internal/host/storage/docs/" + id))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header(InvocationToken.HEADER, HostStorageIsolationTests.token("notes", site));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HostStorageIsolationTests.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
