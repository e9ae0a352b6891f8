package com.themepress.server.sites;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.server.support.ApiClient;
import com.themepress.server.support.EmbeddedServerTest;

/** The gateway's CORS list: every site's origins, once each, behind the service key. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "themepress.service-key=" + SiteOriginsTests.KEY)
class SiteOriginsTests {

    static final String KEY = "site-origins-test-service-key";
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

    HttpResponse<String> send(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.headers(headers);
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void listsEveryOriginOfEverySiteOnceForTheServiceKeyOnly() throws Exception {
        assertThat(send("POST", "/api/sites", "{\"id\":\"origins-a\",\"name\":\"A\",\"origins\":[\"https://a.example\",\"https://shared.example\"]}",
                "X-API-Key", ApiClient.ADMIN_KEY, "X-Service-Key", KEY).statusCode()).isEqualTo(201);
        assertThat(send("POST", "/api/sites", "{\"id\":\"origins-b\",\"name\":\"B\",\"origins\":[\"https://shared.example\",\"http://localhost:3000\"]}",
                "X-API-Key", ApiClient.ADMIN_KEY, "X-Service-Key", KEY).statusCode()).isEqualTo(201);

        HttpResponse<String> listed = send("GET", "/internal/sites/origins", null, "X-Service-Key", KEY);
        HttpResponse<String> withoutKey = send("GET", "/internal/sites/origins", null, "X-API-Key", ApiClient.ADMIN_KEY);

        assertThat(listed.statusCode()).isEqualTo(200);
        assertThat(listed.body()).isEqualTo("{\"origins\":[\"http://localhost:3000\",\"https://a.example\",\"https://shared.example\"]}");
        assertThat(withoutKey.statusCode()).isEqualTo(401);
    }
}
