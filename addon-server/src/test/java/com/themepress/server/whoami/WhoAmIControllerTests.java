package com.themepress.server.whoami;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.server.support.ApiClient;
import com.themepress.server.support.ApiClient.Reply;
import com.themepress.server.support.EmbeddedServerTest;

/** {@code GET /api/keys/self}: each kind of key learns who it is, and nothing more; a bad key learns nothing. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WhoAmIControllerTests {

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

    @Test
    void theAdminKeyIsTheOperator() {
        Reply reply = new ApiClient(port).get("/api/keys/self", ApiClient.ADMIN_KEY);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("role").asString()).isEqualTo("operator");
        assertThat(reply.json().has("developer")).isFalse();
    }

    @Test
    void aDeveloperKeyNamesItsDeveloper() {
        ApiClient api = new ApiClient(port);
        String key = api.developerKey("whoami-dev");

        Reply reply = api.get("/api/keys/self", key);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("role").asString()).isEqualTo("developer");
        assertThat(reply.json().path("developer").asString()).isEqualTo("whoami-dev");
    }

    @Test
    void siteKeysNameTheirSiteAndKind() {
        ApiClient api = new ApiClient(port);
        String site = "who-" + UUID.randomUUID().toString().substring(0, 8);
        Reply created = api.post("/api/sites", "{\"id\":\"" + site + "\",\"name\":\"Who\",\"origins\":[]}", ApiClient.ADMIN_KEY);
        assertThat(created.status()).as(created.body()).isEqualTo(201);

        Reply secret = api.get("/api/keys/self", created.json().path("keys").path("secret").asString());
        Reply publishable = api.get("/api/keys/self", created.json().path("keys").path("publishable").asString());

        assertThat(secret.status()).isEqualTo(200);
        assertThat(secret.json().path("role").asString()).isEqualTo("site");
        assertThat(secret.json().path("site").asString()).isEqualTo(site);
        assertThat(secret.json().path("keyKind").asString()).isEqualTo("secret");
        assertThat(publishable.json().path("keyKind").asString()).isEqualTo("publishable");
        assertThat(secret.body()).doesNotContain(created.json().path("keys").path("secret").asString().substring(10));
    }

    @Test
    void noKeyAnUnknownKeyAndAMistypedSiteKeyAre401() {
        ApiClient api = new ApiClient(port);

        assertThat(api.get("/api/keys/self").status()).isEqualTo(401);
        assertThat(api.get("/api/keys/self", "not-a-key").status()).isEqualTo(401);
        assertThat(api.get("/api/keys/self", "sk_nosuchsite_" + "0".repeat(64)).status()).isEqualTo(401);
    }
}
