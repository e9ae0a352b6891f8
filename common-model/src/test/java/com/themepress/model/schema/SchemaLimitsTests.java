package com.themepress.model.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.themepress.model.problem.FieldError;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class SchemaLimitsTests {

    final SchemaLimits limits = new SchemaLimits(4_096, 8, 50);

    static ObjectNode wide(int properties) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("type", "object");
        ObjectNode members = schema.putObject("properties");
        for (int i = 0; i < properties; i++) {
            members.putObject("p" + i).put("type", "string");
        }
        return schema;
    }

    static ObjectNode deep(int levels) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        ObjectNode at = schema;
        for (int i = 1; i < levels; i++) {
            at = at.putObject("not");
        }
        return schema;
    }

    @Test
    void aSchemaWithinTheLimitsPasses() {
        assertThat(limits.check(wide(50), "/s")).isEmpty();
        assertThat(limits.check(deep(8), "/s")).isEmpty();
    }

    @Test
    void anOversizedSchemaIsRefusedWithItsSizeAndTheLimit() {
        ObjectNode schema = JsonNodeFactory.instance.objectNode().put("description", "x".repeat(5_000));

        List<FieldError> errors = limits.check(schema, "/widgets/0/configSchema");

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.pointer()).isEqualTo("/widgets/0/configSchema");
            assertThat(e.message()).contains("5018 bytes", "at most 4096");
        });
    }

    @Test
    void aDeepSchemaIsRefused() {
        JsonNode schema = deep(9);

        assertThat(limits.check(schema, "/s")).singleElement().satisfies(e -> assertThat(e.message()).contains("9 levels", "at most 8"));
    }

    @Test
    void aWideSchemaIsRefusedCountingPropertiesAtEveryDepth() {
        ObjectNode schema = wide(30);
        schema.putObject("$defs").set("inner", wide(21));

        assertThat(limits.check(schema, "/s")).singleElement().satisfies(e -> assertThat(e.message()).contains("51 properties", "at most 50"));
    }

    @Test
    void theDefaultsAcceptTheExamplesShape() {
        assertThat(SchemaLimits.DEFAULTS.check(wide(40), "")).isEmpty();
        assertThat(SchemaLimits.DEFAULTS.maxBytes()).isEqualTo(64 * 1024);
    }
}
