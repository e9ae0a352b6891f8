package com.themepress.model.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.themepress.model.problem.FieldError;

import tools.jackson.databind.JsonNode;

class SchemaDocumentCheckTests {

    static JsonNode json(String text) {
        return StrictJson.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"properties\": {\"code\": {\"pattern\": \"^(a+)+\\\\1$\"}}}   | /s/properties/code/pattern",
            "{\"patternProperties\": {\"^(?=x)\": true}}                     | /s/patternProperties/^(?=x)",
            "{\"items\": {\"allOf\": [{\"pattern\": \"(?<=a)b\"}]}}           | /s/items/allOf/0/pattern",
            "{\"$defs\": {\"a~b\": {\"pattern\": \"(?!a)\"}}}                | /s/$defs/a~0b/pattern"})
    void aPatternTheLinearEngineCannotTakeIsNamedByItsPointer(String schema, String pointer) {
        assertThat(SchemaDocumentCheck.check(json(schema), "/s")).extracting(FieldError::pointer).containsExactly(pointer);
    }

    @Test
    void patternLookingDataIsNotJudged() {
        JsonNode schema = json("""
                {"type": "object", "default": {"pattern": "(?=x)"}, "enum": [{"pattern": "\\\\1"}],
                 "properties": {"pattern": {"type": "string", "pattern": "^[a-z]+$"}}}""");

        assertThat(SchemaDocumentCheck.check(schema, "")).isEmpty();
    }
}
