package com.themepress.server.widgets;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.DynamicPropertySource;

import com.themepress.server.support.ApiClient;
import com.themepress.server.support.ApiClient.Reply;
import com.themepress.server.support.EmbeddedServerTest;
import com.themepress.server.support.Manifests;

import tools.jackson.databind.JsonNode;

/** The renderer's resolution endpoint and the public widget catalogue, on the embedded store. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WidgetsApiTests {

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

    @Autowired
    MongoTemplate mongo;

    ApiClient api;
    String key;

    @BeforeEach
    void register() {
        api = new ApiClient(port);
        if (api.get("/api/addons/shop").status() == 404) {
            key = api.developerKey("shopkeeper");
            assertThat(api.post("/api/addons/register", Manifests.full("shop", "1.0.0", "{}"), key).status()).isEqualTo(201);
            assertThat(api.post("/api/addons/register", Manifests.SHORT_SEED, key).status()).isEqualTo(201);
        }
    }

    @Test
    void resolvesTheCurrentVersionWithSchemaAndDeployment() {
        Reply reply = api.get("/internal/widgets/shop/product-card");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.path("addon").asString()).isEqualTo("shop");
        assertThat(body.path("version").asString()).isEqualTo("1.0.0");
        assertThat(body.path("widget").path("name").asString()).isEqualTo("product-card");
        assertThat(body.path("widget").path("configSchema").path("properties").path("columns").path("default").asInt()).isEqualTo(3);
        assertThat(body.path("widget").path("cacheScope").asString()).as("declared by none, public for the renderer").isEqualTo("public");
        assertThat(body.path("deployment").path("image").asString()).isEqualTo("themepress/addon-shop:1.0.0");
        assertThat(body.path("deployment").path("resources").path("timeoutMs").asInt()).isEqualTo(5000);
        assertThat(body.has("site")).isFalse();
        assertThat(body.has("savedConfig")).as("no site: no saved config").isFalse();
        Reply forSite = api.get("/internal/widgets/shop/product-card?site=site-1");
        assertThat(forSite.status()).as("a site gets the widgets of the addons installed there only").isEqualTo(404);
        assertThat(forSite.json().path("detail").asString()).contains("not installed on site 'site-1'");
    }

    @Test
    void newVersionIsResolvedAtOnce() {
        String k = api.developerKey("shopkeeper-2");
        assertThat(api.post("/api/addons/register", Manifests.full("stall", "1.0.0", "{}"), k).status()).isEqualTo(201);
        assertThat(api.get("/internal/widgets/stall/product-card").json().path("version").asString()).isEqualTo("1.0.0");
        assertThat(api.post("/api/addons/register", Manifests.full("stall", "1.1.0", "{}"), k).status()).isEqualTo(201);
        assertThat(api.get("/internal/widgets/stall/product-card").json().path("version").asString()).isEqualTo("1.1.0");
        java.util.List<String> stallVersions = new java.util.ArrayList<>();
        api.get("/api/widgets").json().path("items").forEach(item -> {
            if (item.path("addon").asString().equals("stall")) {
                stallVersions.add(item.path("version").asString());
            }
        });
        assertThat(stallVersions).containsExactly("1.1.0", "1.1.0");
    }

    @Test
    void unknownAddonOrWidgetIs404Problem() {
        Reply noAddon = api.get("/internal/widgets/nothing-here/product-card");
        Reply noWidget = api.get("/internal/widgets/shop/no-such-widget");

        assertThat(noAddon.status()).isEqualTo(404);
        assertThat(noAddon.isProblem()).isTrue();
        assertThat(noAddon.json().path("type").asString()).endsWith("/addon-not-found");
        assertThat(noWidget.status()).isEqualTo(404);
        assertThat(noWidget.isProblem()).isTrue();
        assertThat(noWidget.pointers()).containsExactly("/widget");
        assertThat(noWidget.json().path("detail").asString()).contains("product-card", "mini-cart");
    }

    @Test
    void aWidgetWithAOneLetterNameRegistersAndResolves() {
        // the manifest schema's slug allows one letter; resolution once asked for two and answered 400
        String k = api.developerKey("tiny-maker");
        assertThat(api.post("/api/addons/register", """
                {"name": "tiny", "version": "1.0.0", "widgets": ["w"]}""", k).status()).isEqualTo(201);

        Reply reply = api.get("/internal/widgets/tiny/w");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.json().path("widget").path("name").asString()).isEqualTo("w");
    }

    @Test
    void invalidNamesAre400() {
        Reply reply = api.get("/internal/widgets/Bad_Name/-x?site=%20");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.pointers()).containsExactly("/addon", "/widget", "/site");
    }

    @Test
    void catalogueListsWidgetsOfCurrentVersionsFilteredByCategory() {
        Reply all = api.get("/api/widgets");
        Reply display = api.get("/api/widgets?category=display");

        assertThat(all.status()).isEqualTo(200);
        assertThat(all.json().path("items").findValuesAsString("renderUrl"))
                .contains("/api/widgets/shop/product-card", "/api/widgets/shop/mini-cart", "/api/widgets/payment-gateway/checkout");
        assertThat(display.json().path("items").findValuesAsString("renderUrl")).contains("/api/widgets/shop/product-card")
                .doesNotContain("/api/widgets/shop/mini-cart");
        assertThat(api.get("/api/widgets?size=1").json().path("items").size()).isEqualTo(1);
    }

    @Test
    void theCatalogueAnswersFromStoredSummariesWithoutParsingAManifest() {
        String k = api.developerKey("summary-maker");
        assertThat(api.post("/api/addons/register", Manifests.full("kiosk", "1.0.0", "{}"), k).status()).isEqualTo(201);
        // A manifest the catalogue would have to parse is made unreadable: only the stored summary can answer.
        mongo.updateFirst(Query.query(Criteria.where("_id").is("kiosk@1.0.0")), Update.update("manifest", "{not json"), "addon_versions");

        Reply reply = api.get("/api/widgets?category=display&size=100");

        assertThat(reply.status()).isEqualTo(200);
        JsonNode kiosk = null;
        for (JsonNode item : reply.json().path("items")) {
            if (item.path("addon").asString().equals("kiosk")) {
                kiosk = item;
            }
        }
        assertThat(kiosk).isNotNull();
        assertThat(kiosk.path("renderUrl").asString()).isEqualTo("/api/widgets/kiosk/product-card");
        assertThat(kiosk.path("versionUrl").asString()).isEqualTo("/api/addons/kiosk/versions/1.0.0");
        assertThat(kiosk.has("configSchema")).as("schemas stay out of catalogue pages").isFalse();
    }

    @Test
    void unknownCategoryIs400() {
        Reply reply = api.get("/api/widgets?category=ecommerce&size=0");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.pointers()).containsExactly("/category", "/size");
    }
}
