package com.themepress.examples.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import com.themepress.sdk.Addon;
import com.themepress.sdk.AddonServer;
import com.themepress.sdk.Json;

class InventoryAddonTests {

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesWhatTheManifestDeclares() throws Exception {
        Addon addon = InventoryAddon.addon(new Stock(Map.of(), 5));
        JsonNode manifest = Json.mapper().readTree(new File("manifest.json"));

        assertThat(addon.endpointNames()).containsExactlyElementsOf(names(manifest.path("endpoints")));
        assertThat(addon.widgetNames()).containsExactlyElementsOf(names(manifest.path("widgets")));
    }

    @Test
    void aDeliveredPaymentTakesStockAndA409ComesBackOverHttp() throws Exception {
        Stock stock = new Stock(Map.of("mug", 3), 1);
        try (AddonServer server = InventoryAddon.addon(stock).start(Map.of("PORT", "0"))) {
            HttpResponse<String> ack = post(server, "/events", """
                    {"id":"e-1","type":"payment.completed","source":"payment-gateway","time":"2025-01-01T00:00:00Z",
                     "site":"s","data":{"items":[{"sku":"mug","quantity":2}]}}""");
            HttpResponse<String> tooMany = post(server, "/execute/reserve-items", "{\"items\":[{\"sku\":\"mug\",\"quantity\":2}]}");

            assertThat(ack.statusCode()).isEqualTo(200);
            assertThat(stock.available("mug")).hasValue(1);
            assertThat(tooMany.statusCode()).isEqualTo(409);
            assertThat(tooMany.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
    }

    @Test
    void aPaymentFromAnyoneButThePaymentGatewayTakesNoStock() throws Exception {
        Stock stock = new Stock(Map.of("mug", 3), 1);
        try (AddonServer server = InventoryAddon.addon(stock).start(Map.of("PORT", "0"))) {
            HttpResponse<String> ack = post(server, "/events", """
                    {"id":"e-2","type":"payment.completed","source":"fake-gateway","time":"2025-01-01T00:00:00Z",
                     "site":"s","data":{"items":[{"sku":"mug","quantity":3}]}}""");

            assertThat(ack.statusCode()).isEqualTo(200);
            assertThat(stock.available("mug")).hasValue(3);
        }
    }

    @Test
    void theManifestTakesPaymentEventsFromThePaymentGatewayAlone() throws Exception {
        JsonNode manifest = Json.mapper().readTree(new File("manifest.json"));

        assertThat(manifest.at("/events/subscribes/0/type").stringValue()).isEqualTo("payment.completed");
        assertThat(manifest.at("/events/subscribes/0/from").values()).extracting(JsonNode::stringValue).containsExactly("payment-gateway");
    }

    static java.util.List<String> names(JsonNode array) {
        return array.values().stream().map(node -> node.path("name").stringValue()).toList();
    }

    HttpResponse<String> post(AddonServer server, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.uri() + path)).POST(BodyPublishers.ofString(body)).build(),
                BodyHandlers.ofString());
    }
}
