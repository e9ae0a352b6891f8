package com.themepress.server.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.server.support.ApiClient;
import com.themepress.server.support.ApiClient.Reply;
import com.themepress.server.support.EmbeddedServerTest;
import com.themepress.server.support.Manifests;

/**
 * Issue 23 item 7, the attacks on images at registration, against the settings as shipped: a manifest
 * naming another developer's image, a platform-internal one or an image id is refused with 403
 * {@code image-not-allowed} and nothing is stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ImageRegistrationTests {

    static final Path DATA = EmbeddedServerTest.newDataDir();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("themepress.storage.data-dir", DATA::toString);
        registry.add("themepress.keys.admin-key", () -> ApiClient.ADMIN_KEY);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        EmbeddedServerTest.delete(DATA);
    }

    @LocalServerPort
    int port;

    ApiClient api;

    @BeforeEach
    void setUp() {
        api = new ApiClient(port);
    }

    @Test
    void anotherDevelopersImageIsRefusedAndNothingIsStored() {
        String alice = api.developerKey("alice");
        String bob = api.developerKey("bob");
        assertThat(register("{\"name\":\"alice-shop\",\"version\":\"1.0.0\",\"image\":\"alice/shop:1.0.0\"}", alice).status())
                .isEqualTo(201);

        Reply stolen = register("{\"name\":\"bob-shop\",\"version\":\"1.0.0\",\"image\":\"alice/shop:1.0.0\"}", bob);

        assertRefused(stolen, "outside your namespace bob/");
        assertThat(api.get("/api/addons/bob-shop").status()).isEqualTo(404);
    }

    @Test
    void anImageNoMappingGrantsMustBeInTheDevelopersOwnNamespace() {
        String carol = api.developerKey("carol");

        assertRefused(register("{\"name\":\"carol-redis\",\"version\":\"1.0.0\",\"image\":\"redis:7\"}", carol), "outside your namespace carol/");
        assertThat(api.get("/api/addons/carol-redis").status()).isEqualTo(404);
        assertThat(register("{\"name\":\"carol-shop\",\"version\":\"1.0.0\",\"image\":\"carol/shop:1.0.0\"}", carol).status())
                .isEqualTo(201);
    }

    @Test
    void theExampleImagesAreTheExamplesDevelopersAlone() {
        String mallory = api.developerKey("mallory");
        String clone = Manifests.example("payment-gateway").replace("\"name\": \"payment-gateway\"", "\"name\": \"pay-clone\"");

        assertRefused(register(clone, mallory), "belongs to another developer");
        assertThat(api.get("/api/addons/pay-clone").status()).isEqualTo(404);

        String examples = api.developerKey("examples");
        for (String example : new String[] {"payment-gateway", "inventory", "email-marketing"}) {
            Reply reply = register(Manifests.example(example), examples);
            assertThat(reply.status()).as(reply.body()).isEqualTo(201);
        }
    }

    @Test
    void theHostileTestAddonIsPlatformInternalForEveryone() {
        for (String developer : new String[] {"examples", "dave"}) {
            assertRefused(register(Manifests.example("hostile-test-addon"), api.developerKey(developer)), "platform's own images");
        }
        // Leaving the image out would run it by convention.
        assertRefused(register(Manifests.minimal("hostile-test-addon", "1.0.0"), api.developerKey("erin")), "platform's own images");
        assertThat(api.get("/api/addons/hostile-test-addon").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"themepress/jre-base:17", "docker.io/themepress/jre-base:17",
            "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void theJreBaseIsRefusedHoweverItIsNamed(String image) {
        Reply reply = register("{\"name\":\"base-probe\",\"version\":\"1.0.0\",\"image\":\"" + image + "\"}", api.developerKey("frank"));

        assertThat(reply.status()).as(reply.body()).isEqualTo(403);
        assertThat(reply.json().path("type").asString()).endsWith("/image-not-allowed");
        assertThat(api.get("/api/addons/base-probe").status()).isEqualTo(404);
    }

    private Reply register(String manifest, String key) {
        return api.post("/api/addons/register", manifest, key);
    }

    private static void assertRefused(Reply reply, String why) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(403);
        assertThat(reply.isProblem()).isTrue();
        assertThat(reply.json().path("type").asString()).endsWith("/image-not-allowed");
        assertThat(reply.json().path("detail").asString()).contains(why);
        assertThat(reply.pointers()).containsExactly("/image");
    }
}
