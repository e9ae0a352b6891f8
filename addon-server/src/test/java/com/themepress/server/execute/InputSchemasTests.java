package com.themepress.server.execute;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.ManifestParser;
import com.themepress.model.schema.JsonSchemaCheck;

import tools.jackson.databind.node.JsonNodeFactory;

class InputSchemasTests {

    static final DataSize BOUND = DataSize.ofKilobytes(256);

    static AddonManifest withLargeInputSchema(int index) {
        String schema = "{\"type\":\"object\",\"description\":\"" + "x".repeat(4_000) + "\"}";
        return new ManifestParser().parse(("{\"name\":\"large-" + index + "\",\"version\":\"1.0.0\",\"endpoints\":[{\"name\":\"go\","
                + "\"inputSchema\":" + schema + "}]}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void compiledSchemasAreBoundedByTheirEstimatedHeap() {
        InputSchemas schemas = new InputSchemas(new ExecuteProperties(BOUND, 50, java.time.Duration.ofHours(24)));

        for (int i = 0; i < 40; i++) {
            AddonManifest addon = withLargeInputSchema(i);
            schemas.requireValid(addon, addon.endpoints().get(0), JsonNodeFactory.instance.objectNode());
        }

        assertThat(schemas.weightedSize()).isPositive().isLessThanOrEqualTo(BOUND.toBytes());
        assertThat(40L * JsonSchemaCheck.HEAP_PER_SOURCE_BYTE * 4_000).as("what 40 such schemas would hold").isGreaterThan(BOUND.toBytes() * 4);
    }
}
