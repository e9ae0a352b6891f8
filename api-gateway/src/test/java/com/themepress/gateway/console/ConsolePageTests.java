package com.themepress.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The gateway serves the console's files at /console/, each under the console's own strict CSP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsolePageTests {

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesThePageItsModulesAndItsStyleUnderAStrictPolicy() throws Exception {
        HttpResponse<String> page = get("/console/");
        HttpResponse<String> app = get("/console/app.js");
        HttpResponse<String> vendor = get("/console/vendor/preact-htm.js");
        HttpResponse<String> style = get("/console/console.css");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(page.body()).contains("<script type=\"module\" src=\"app.js\"></script>").doesNotContain("<script>");
        String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(csp).contains("script-src 'self';").contains("default-src 'none'").contains("frame-ancestors 'none'")
                .doesNotContain("unsafe-eval");
        assertThat(csp.substring(csp.indexOf("script-src"), csp.indexOf(';', csp.indexOf("script-src")))).doesNotContain("unsafe-inline");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        for (HttpResponse<String> file : java.util.List.of(app, vendor, style)) {
            assertThat(file.statusCode()).as(file.uri().toString()).isEqualTo(200);
            assertThat(file.headers().firstValue("Content-Security-Policy")).hasValue(csp);
        }
        assertThat(app.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).contains("javascript"));
        assertThat(vendor.body()).contains("useState");
    }

    @Test
    void sendsTheBareNameToTheFolderAndDropsAnyQuery() throws Exception {
        HttpResponse<String> response = get("/console?key=sk_shop_leaked");

        assertThat(response.statusCode()).isEqualTo(308);
        assertThat(response.headers().firstValue("Location")).hasValue("/console/");
    }

    @Test
    void anUnknownConsolePathIs404UnderTheSamePolicy() throws Exception {
        HttpResponse<String> response = get("/console/no-such-file.js");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
    }
}
