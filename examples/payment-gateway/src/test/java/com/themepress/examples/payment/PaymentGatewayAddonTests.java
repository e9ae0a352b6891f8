package com.themepress.examples.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Clock;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import com.themepress.sdk.Addon;
import com.themepress.sdk.AddonServer;
import com.themepress.sdk.Json;

/** The wiring: every endpoint and widget of the manifest is served over the contract. */
class PaymentGatewayAddonTests {

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void servesWhatTheManifestDeclares() throws Exception {
        Addon addon = PaymentGatewayAddon.addon(new Payments(new TransactionStore(10), Clock.systemUTC()));
        JsonNode manifest = Json.mapper().readTree(new File("manifest.json"));

        assertThat(addon.endpointNames()).containsExactlyElementsOf(
                manifest.path("endpoints").values().stream().map(e -> e.path("name").stringValue()).toList());
        assertThat(addon.widgetNames()).containsExactlyElementsOf(
                manifest.path("widgets").values().stream().map(w -> w.path("name").stringValue()).toList());
    }

    @Test
    void aPaymentOverHttpCarriesItsEvent() throws Exception {
        try (AddonServer server = PaymentGatewayAddon.addon(new Payments(new TransactionStore(10), Clock.systemUTC()))
                .start(Map.of("PORT", "0", "INSTANCE_ID", "pg-1"))) {
            HttpResponse<String> paid = post(server, "/execute/process-payment",
                    "{\"amount\":10,\"currency\":\"USD\",\"method\":\"card\"}");
            HttpResponse<String> form = post(server, "/widgets/checkout-form/render", "{\"config\":{},\"context\":{}}");

            assertThat(paid.statusCode()).isEqualTo(200);
            assertThat(paid.headers().firstValue("X-Instance-Id")).hasValue("pg-1");
            assertThat(Json.parse(paid.body()).path("events").get(0).path("type").stringValue()).isEqualTo("payment.completed");
            assertThat(form.statusCode()).isEqualTo(200);
            assertThat(Json.parse(form.body()).path("html").stringValue()).contains("<form");
        }
    }

    HttpResponse<String> post(AddonServer server, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.uri() + path)).POST(BodyPublishers.ofString(body)).build(),
                BodyHandlers.ofString());
    }
}
