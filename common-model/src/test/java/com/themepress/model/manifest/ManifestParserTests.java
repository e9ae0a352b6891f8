package com.themepress.model.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

class ManifestParserTests {

    static final String SHORT_SEED = """
            { "name": "payment-gateway", "version": "1.0.0",
              "widgets": ["checkout", "payment-form", "receipt"],
              "endpoints": ["process-payment", "verify-transaction"] }
            """;

    final ManifestParser parser = new ManifestParser();

    AddonManifest parse(String json) {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8));
    }

    List<FieldError> errorsOf(String json) {
        try {
            parse(json);
        } catch (PlatformException e) {
            return e.errors();
        }
        throw new AssertionError("expected the manifest to be refused: " + json);
    }

    @Test
    void acceptsTheShortSeedAndFillsDefaults() {
        AddonManifest manifest = parse(SHORT_SEED);

        assertThat(manifest.name()).isEqualTo("payment-gateway");
        assertThat(manifest.widgets()).extracting(WidgetSpec::name).containsExactly("checkout", "payment-form", "receipt");
        assertThat(manifest.widgets().get(0).renderEndpoint()).isEqualTo("/widgets/checkout/render");
        assertThat(manifest.widgets().get(0).configSchema().path("type").asString()).isEqualTo("object");
        assertThat(manifest.endpoints()).extracting(EndpointSpec::name).containsExactly("process-payment", "verify-transaction");
        assertThat(manifest.resources()).isEqualTo(Resources.DEFAULTS);
        assertThat(manifest.dependencies()).isEmpty();
        assertThat(manifest.permissions()).isEmpty();
        assertThat(manifest.events()).isEqualTo(EventSpec.NONE);
    }

    @Test
    void acceptsTheFullFormWithEveryPart() {
        AddonManifest manifest = parse("""
                { "name": "inventory", "version": "2.1.0-rc.1+sha.5114f85", "description": "Stock", "author": "Acme",
                  "category": "ecommerce", "image": "themepress/inventory:2.1.0",
                  "widgets": [ { "name": "stock-display", "displayName": "Stock", "category": "display",
                                 "configSchema": { "type": "object", "properties": { "sku": { "type": "string", "default": "A1" } } },
                                 "renderEndpoint": "/widgets/stock-display/render", "previewImage": "https://cdn.example/p.png",
                                 "responsive": false } ],
                  "endpoints": [ { "name": "update-stock", "description": "d", "inputSchema": { "type": "object" }, "public": true } ],
                  "events": { "publishes": ["inventory.low"], "subscribes": ["payment.completed", "order.*"] },
                  "dependencies": { "payment-gateway": "^1.0.0 || >=2.0.0-beta <3" },
                  "permissions": ["events.subscribe", "storage.write"],
                  "resources": { "memoryMb": 256, "cpus": 1, "timeoutMs": 1000, "minInstances": 1, "maxInstances": 4, "concurrency": 2 } }
                """);

        assertThat(manifest.widgets().get(0).responsive()).isFalse();
        assertThat(manifest.endpoints().get(0).isPublic()).isTrue();
        assertThat(manifest.events().subscribes()).containsExactly(EventSubscription.anySource("payment.completed"),
                EventSubscription.anySource("order.*"));
        assertThat(manifest.requests(Permission.STORAGE_WRITE)).isTrue();
        assertThat(manifest.requests(Permission.NETWORK_OUTBOUND)).isFalse();
        assertThat(manifest.resources()).isEqualTo(new Resources(256, 1.0, 1000, 1, 4, 2));
    }

    @Test
    void raisesDefaultMaxInstancesToMinInstances() {
        AddonManifest manifest = parse("{\"name\":\"big\",\"version\":\"1.0.0\",\"resources\":{\"minInstances\":5}}");

        assertThat(manifest.resources().maxInstances()).isEqualTo(5);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"version\":\"1.0.0\"}                                   | /name",
            "{\"name\":\"Bad_Name\",\"version\":\"1.0.0\"}             | /name",
            "{\"name\":\"ok-name\",\"version\":\"1.0\"}                | /version",
            "{\"name\":\"ok-name\",\"version\":\"1.0.0-01\"}           | /version",
            "{\"name\":\"ok-name\",\"version\":7}                      | /version",
            "{\"name\":\"ok-name\",\"version\":\"1.0.0\",\"widgets\":[\"a\",3]}  | /widgets/1",
            "{\"name\":\"ok-name\",\"version\":\"1.0.0\",\"widgets\":[\"ab\",\"ab\"]}  | /widgets/1",
            "{\"name\":\"ok-name\",\"version\":\"1.0.0\",\"category\":\"toys\"}  | /category",
            "{\"name\":\"ok-name\",\"version\":\"1.0.0\",\"dependencies\":{\"x\":\">>1\"}}  | /dependencies/x",
            "{\"name\":\"ok-name\",\"version\":\"1.0.0\",\"dependencies\":{\"ok-name\":\"*\"}}  | /dependencies/ok-name",
            "{\"name\":\"ok-name\",\"version\":\"1.0.0\",\"permissions\":[\"root\"]}  | /permissions/0",
            "{\"name\":\"ok-name\",\"version\":\"1.0.0\",\"resources\":{\"cpus\":0}}  | /resources/cpus",
            "{\"name\":\"ok-name\",\"version\":\"1.0.0\",\"resources\":{\"minInstances\":3,\"maxInstances\":2}}  | /resources/maxInstances",
            "{\"name\":\"ok-name\",\"version\":\"1.0.0\",\"extra\":1}  | /extra",
    })
    void namesTheOffendingPointer(String json, String pointer) {
        assertThat(errorsOf(json)).extracting(FieldError::pointer).contains(pointer);
    }

    @Test
    void aSubscriptionMayNameTheSourcesItAcceptsBesideThePlainForm() {
        AddonManifest manifest = parse("""
                {"name":"inventory","version":"1.0.0","permissions":["events.subscribe"],
                 "events":{"subscribes":[{"type":"payment.completed","from":["payment-gateway","backup-gateway"]},"order.*"]}}
                """);

        assertThat(manifest.events().subscribes()).containsExactly(
                new EventSubscription("payment.completed", List.of("payment-gateway", "backup-gateway")),
                EventSubscription.anySource("order.*"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "{\"type\":\"payment.completed\",\"from\":[]}                           | /events/subscribes/0/from",
            "{\"type\":\"payment.completed\"}                                       | /events/subscribes/0/from",
            "{\"type\":\"payment.completed\",\"from\":[\"Payment_Gateway\"]}        | /events/subscribes/0/from/0",
            "{\"type\":\"payment.completed\",\"from\":[\"p\"]}                      | /events/subscribes/0/from/0",
            "{\"type\":\"payment.completed\",\"from\":[\"ab\",\"ab\"]}              | /events/subscribes/0/from",
            "{\"type\":\"payment.completed\",\"from\":\"payment-gateway\"}          | /events/subscribes/0/from",
            "{\"type\":\"Payment.Completed\",\"from\":[\"payment-gateway\"]}        | /events/subscribes/0/type",
            "{\"type\":\"payment.\",\"from\":[\"payment-gateway\"]}                 | /events/subscribes/0/type",
            "{\"from\":[\"payment-gateway\"]}                                       | /events/subscribes/0/type",
            "{\"type\":\"payment.completed\",\"from\":[\"payment-gateway\"],\"trust\":1} | /events/subscribes/0/trust",
            "7                                                                        | /events/subscribes/0",
    })
    void refusesABadSubscriptionNamingWhere(String subscription, String pointer) {
        List<FieldError> errors = errorsOf("{\"name\":\"ok-name\",\"version\":\"1.0.0\",\"events\":{\"subscribes\":["
                + subscription + "]}}");

        assertThat(errors).extracting(FieldError::pointer).contains(pointer);
        assertThat(errors).extracting(FieldError::pointer).allMatch(p -> p.startsWith("/events/subscribes/0"));
    }

    @Test
    void aTypeTooLongForAStringIsTooLongInAnObject() {
        String type = "a".repeat(129);
        assertThat(errorsOf("{\"name\":\"ok-name\",\"version\":\"1.0.0\",\"events\":{\"subscribes\":[\"" + type + "\"]}}"))
                .extracting(FieldError::pointer).contains("/events/subscribes/0");
        assertThat(errorsOf("{\"name\":\"ok-name\",\"version\":\"1.0.0\",\"events\":{\"subscribes\":[{\"type\":\"" + type
                + "\",\"from\":[\"payment-gateway\"]}]}}")).extracting(FieldError::pointer).contains("/events/subscribes/0/type");
    }

    @Test
    void aManifestWithSourcesRoundTripsThroughJsonInTheFormItWasWritten() {
        AddonManifest manifest = parse("""
                {"name":"inventory","version":"1.0.0",
                 "events":{"subscribes":[{"type":"payment.completed","from":["payment-gateway"]},"order.*"]}}
                """);
        String json = com.themepress.model.schema.StrictJson.mapper().writeValueAsString(manifest);

        assertThat(json).contains("\"subscribes\":[{\"type\":\"payment.completed\",\"from\":[\"payment-gateway\"]},\"order.*\"]");
        assertThat(com.themepress.model.schema.StrictJson.mapper().readValue(json, AddonManifest.class)).isEqualTo(manifest);
        // the stored normal form is itself a valid manifest
        assertThat(parse(json)).isEqualTo(manifest);
    }

    @Test
    void aManifestStoredBeforeSourcesExistedReadsBackAsAcceptingAnySource() {
        String stored = "{\"name\":\"email\",\"version\":\"1.0.0\",\"widgets\":[],\"endpoints\":[],"
                + "\"events\":{\"publishes\":[],\"subscribes\":[\"payment.completed\"]},\"dependencies\":{},\"permissions\":[],"
                + "\"resources\":{\"memoryMb\":512,\"cpus\":0.5,\"timeoutMs\":30000,\"minInstances\":0,\"maxInstances\":2,\"concurrency\":8}}";

        AddonManifest manifest = com.themepress.model.schema.StrictJson.mapper().readValue(stored, AddonManifest.class);

        assertThat(manifest.events().subscribes()).containsExactly(EventSubscription.anySource("payment.completed"));
    }

    @Test
    void refusesConfigSchemasThatReachOutsideThemselves() {
        List<FieldError> errors = errorsOf("""
                {"name":"ok-name","version":"1.0.0","widgets":[{"name":"w","configSchema":
                  {"type":"object","properties":{"a":{"$ref":"http://169.254.169.254/latest"}}}}]}
                """);

        assertThat(errors).extracting(FieldError::pointer).containsExactly("/widgets/0/configSchema/properties/a/$ref");
    }

    @Test
    void refusesConfigSchemasThatAreNotValidSchemas() {
        List<FieldError> errors = errorsOf("""
                {"name":"ok-name","version":"1.0.0","widgets":[{"name":"w","configSchema":{"type":"object","minProperties":-1}}]}
                """);

        assertThat(errors).extracting(FieldError::pointer).anyMatch(p -> p.startsWith("/widgets/0/configSchema"));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        List<FieldError> errors = errorsOf("{\"name\":\"X\",\"version\":5,\"category\":\"toys\"}");

        assertThat(errors).extracting(FieldError::pointer).containsExactlyInAnyOrder("/name", "/version", "/category");
    }

    @Test
    void refusesMalformedJsonAsItsOwnProblemType() {
        assertThatThrownBy(() -> parse("{\"name\": "))
                .isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.problemType()).isEqualTo(ProblemType.MALFORMED_JSON));
        assertThatThrownBy(() -> parse("{\"name\":\"a\",\"name\":\"b\",\"version\":\"1.0.0\"}"))
                .isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.getBody().getDetail()).contains("Duplicate Object property \"name\""));
    }

    @Test
    void roundTripsThroughJson() {
        AddonManifest manifest = parse(SHORT_SEED);
        String json = com.themepress.model.schema.StrictJson.mapper().writeValueAsString(manifest);

        AddonManifest again = com.themepress.model.schema.StrictJson.mapper().readValue(json, AddonManifest.class);

        assertThat(again).isEqualTo(manifest);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {
            "{\"$ref\":\"#\"}",
            "{\"$defs\":{\"a\":{\"$ref\":\"#/$defs/b\"},\"b\":{\"$ref\":\"#/$defs/a\"}},\"$ref\":\"#/$defs/a\"}",
            "{\"allOf\":[{\"$ref\":\"#\"}]}"})
    void refusesConfigSchemasWhoseReferencesLoopWithoutConsumingInput(String schema) {
        List<FieldError> errors = errorsOf("{\"name\":\"ok-name\",\"version\":\"1.0.0\",\"widgets\":[{\"name\":\"w\",\"configSchema\":"
                + schema + "}]}");

        assertThat(errors).extracting(FieldError::pointer).anyMatch(p -> p.startsWith("/widgets/0/configSchema"));
    }
    @Test
    void aSchemaPatternTheLinearEngineCannotTakeIsRefusedWithItsPointer() {
        List<FieldError> errors = errorsOf("""
                { "name": "redos", "version": "1.0.0",
                  "widgets": [ { "name": "card", "configSchema": { "type": "object",
                                 "properties": { "code": { "type": "string", "pattern": "^(a+)+\\\\1$" } } } } ],
                  "endpoints": [ { "name": "go", "inputSchema": { "patternProperties": { "^(?!x)": true } } } ] }
                """);

        assertThat(errors).extracting(FieldError::pointer).containsExactly(
                "/widgets/0/configSchema/properties/code/pattern", "/endpoints/0/inputSchema/patternProperties/^(?!x)");
    }

    @Test
    void aSchemaBeyondTheLimitsIsRefusedBeforeItIsCompiled() {
        ManifestParser strict = new ManifestParser(new com.themepress.model.schema.SchemaLimits(1_024, 4, 3));
        String wide = "{\"properties\": {\"a\": {}, \"b\": {}, \"c\": {}, \"d\": {}}}";
        String deep = "{\"not\": {\"not\": {\"not\": {\"not\": {\"not\": {}}}}}}";
        String large = "{\"description\": \"" + "x".repeat(2_000) + "\"}";

        assertThatThrownBy(() -> strict.parse(("{\"name\": \"bomb\", \"version\": \"1.0.0\", \"widgets\": ["
                + "{\"name\": \"w\", \"configSchema\": " + wide + "}, {\"name\": \"d\", \"configSchema\": " + deep + "}],"
                + "\"endpoints\": [{\"name\": \"e\", \"inputSchema\": " + large + "}]}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.problemType()).isEqualTo(ProblemType.INVALID_MANIFEST);
                    assertThat(e.errors()).extracting(FieldError::pointer).containsExactly(
                            "/widgets/0/configSchema", "/widgets/1/configSchema", "/endpoints/0/inputSchema");
                    assertThat(e.errors()).extracting(FieldError::message).anySatisfy(m -> assertThat(m).contains("4 properties", "at most 3"))
                            .anySatisfy(m -> assertThat(m).contains("6 levels", "at most 4"))
                            .anySatisfy(m -> assertThat(m).contains("at most 1024"));
                });
    }
}
