package com.themepress.model.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.themepress.model.problem.FieldError;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

class JsonSchemaCheckTests {

    /**
     * Polynomial of degree 20 on a backtracking engine: the JDK's takes 2 s on 24 characters and far
     * longer on these (it memoises the classic {@code (a+)+} shape, but not this one).
     */
    static final String HOSTILE_PATTERN = "(.*a){20}$";
    static final String HOSTILE_VALUE = "a".repeat(64) + "!";

    static JsonNode json(String text) {
        return StrictJson.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void aCatastrophicPatternChecksAHostileValueInMilliseconds() {
        JsonSchemaCheck check = JsonSchemaCheck.of(json("""
                {"type": "object", "properties": {"code": {"type": "string", "pattern": "%s"}}}""".formatted(HOSTILE_PATTERN)));
        JsonNode config = JsonNodeFactory.instance.objectNode().put("code", HOSTILE_VALUE);

        List<FieldError> errors = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> check.check(config));

        assertThat(errors).extracting(FieldError::pointer).containsExactly("/code");
    }

    @Test
    void aCatastrophicPatternPropertyChecksAHostileNameInMilliseconds() {
        JsonSchemaCheck check = JsonSchemaCheck.of(json("""
                {"type": "object", "patternProperties": {"%s": {"type": "integer"}}, "additionalProperties": false}""".formatted(HOSTILE_PATTERN)));
        JsonNode config = JsonNodeFactory.instance.objectNode().put(HOSTILE_VALUE, 1);

        List<FieldError> errors = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> check.check(config));

        assertThat(errors).hasSize(1);
    }

    @Test
    void patternsStayUnanchoredAsJsonSchemaSays() {
        JsonSchemaCheck check = JsonSchemaCheck.of(json("""
                {"type": "string", "pattern": "b+"}"""));

        assertThat(check.check(JsonNodeFactory.instance.stringNode("abba"))).isEmpty();
        assertThat(check.check(JsonNodeFactory.instance.stringNode("aaa"))).hasSize(1);
    }
}
