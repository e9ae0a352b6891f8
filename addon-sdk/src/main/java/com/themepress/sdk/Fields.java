package com.themepress.sdk;

import java.math.BigDecimal;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

/**
 * Typed reads of a JSON object's fields that answer 400 with the field's JSON pointer when the
 * value is missing or of the wrong type, so handlers validate in one line each.
 */
final class Fields {

    private Fields() {
    }

    static JsonNode field(JsonNode object, String field) {
        if (!object.isObject()) {
            throw new ProblemException(400, "the body must be a JSON object, got " + object.getNodeType());
        }
        return object.path(field);
    }

    static String text(JsonNode object, String field) {
        JsonNode value = field(object, field);
        if (!value.isString()) {
            throw new ProblemException(400, "/" + field + " is required and must be a string");
        }
        return value.stringValue();
    }

    static String text(JsonNode object, String field, String fallback) {
        String value = textOrNull(object, field);
        return value == null ? fallback : value;
    }

    static @Nullable String textOrNull(JsonNode object, String field) {
        JsonNode value = field(object, field);
        if (value.isMissingNode() || value.isNull()) {
            return null;
        }
        if (!value.isString()) {
            throw new ProblemException(400, "/" + field + " must be a string");
        }
        return value.stringValue();
    }

    static BigDecimal number(JsonNode object, String field) {
        JsonNode value = field(object, field);
        if (!value.isNumber()) {
            throw new ProblemException(400, "/" + field + " is required and must be a number");
        }
        return value.decimalValue();
    }

    static long integer(JsonNode object, String field) {
        JsonNode value = field(object, field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new ProblemException(400, "/" + field + " is required and must be an integer");
        }
        return value.longValue();
    }

    static long integer(JsonNode object, String field, long fallback) {
        JsonNode value = field(object, field);
        return value.isMissingNode() || value.isNull() ? fallback : integer(object, field);
    }

    static boolean bool(JsonNode object, String field, boolean fallback) {
        JsonNode value = field(object, field);
        if (value.isMissingNode() || value.isNull()) {
            return fallback;
        }
        if (!value.isBoolean()) {
            throw new ProblemException(400, "/" + field + " must be true or false");
        }
        return value.booleanValue();
    }
}
