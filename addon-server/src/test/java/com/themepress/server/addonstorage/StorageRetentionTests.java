package com.themepress.server.addonstorage;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.model.hostapi.InvocationToken;
import com.themepress.runtimeclient.testing.FakeRuntime;
import com.themepress.server.support.ApiClient;
import com.themepress.server.support.EmbeddedServerTest;
import com.themepress.testsupport.MutableClock;

/**
 * Uninstalling keeps an addon's data on the site for the retention period: a reinstall within it finds
 * the data again, and after it the data is deleted (a reinstall then starts empty).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "themepress.host-api.token-key=" + HostStorageIsolationTests.KEY, "themepress.addon-storage.retention=7d"})
class StorageRetentionTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();
    static final FakeRuntime RUNTIME = new FakeRuntime();
    static final MutableClock CLOCK = new MutableClock(Instant.parse("2030-07-01T08:00:00Z"));

    @TestConfiguration
    static class ManualClock {
        @Bean
        @Primary
        Clock testClock() {
            return CLOCK;
        }
    }

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

    @Autowired
    StorageRetention retention;

    @Test
    void aReinstallWithinTheRetentionFindsTheDataAndAfterItTheDataIsGone() throws Exception {
        ApiClient api = new ApiClient(port);
        assertThat(api.post("/api/addons/register", "{\"name\":\"notes\",\"version\":\"1.0.0\",\"permissions\":"
                + "[\"storage.read\",\"storage.write\"]}", api.developerKey("notes-dev")).status()).isEqualTo(201);
        String site = "shop-" + UUID.randomUUID().toString().substring(0, 6);
        String secret = HostStorageIsolationTests.site(api, site);
        HostStorageIsolationTests.install(api, site, secret, "notes", HostStorageIsolationTests.STORAGE);
        assertThat(send("PUT", site, "{\"text\":\"kept\"}").statusCode()).isEqualTo(201);

        assertThat(api.delete("/api/sites/" + site + "/addons/notes", secret).status()).isEqualTo(204);
        retention.run();
        CLOCK.advance(Duration.ofDays(6));
        retention.run();
        assertThat(api.get("/api/sites/" + site + "/addons/notes/storage/docs/n-1", secret).status()).as("kept while uninstalled").isEqualTo(200);
        HostStorageIsolationTests.install(api, site, secret, "notes", HostStorageIsolationTests.STORAGE);
        retention.run();
        assertThat(send("GET", site, null).statusCode()).as("found again after a reinstall").isEqualTo(200);

        assertThat(api.delete("/api/sites/" + site + "/addons/notes", secret).status()).isEqualTo(204);
        retention.run();
        CLOCK.advance(Duration.ofDays(7).plusMinutes(1));
        retention.run();
        assertThat(api.get("/api/sites/" + site + "/addons/notes/storage", secret).json().path("documents").asLong()).isZero();
        HostStorageIsolationTests.install(api, site, secret, "notes", HostStorageIsolationTests.STORAGE);
        assertThat(send("GET", site, null).statusCode()).as("deleted after the retention").isEqualTo(404);
    }

    private HttpResponse<String> send(String method, String site, String body) throws Exception {
        String token = HostStorageIsolationTests.TOKENS.sign(new InvocationToken("notes", "1.0.0", site, UUID.randomUUID().toString(), "i-1",
                CLOCK.millis() + 60_000));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/internal/host/storage/docs/n-1"))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header(InvocationToken.HEADER, token);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return HostStorageIsolationTests.HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
