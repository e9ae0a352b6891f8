package com.themepress.examples.inventory;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

import com.themepress.sdk.Json;
import com.themepress.sdk.ProblemException;

/** One {@code {sku, quantity}} line of a call or an event. */
record Line(String sku, int quantity) {

    static final int MAX_LINES = 100;
    static final int MAX_QUANTITY = 1_000_000;

    /**
     * The lines of an {@code items} array, with repeated skus merged so that "2 mugs, then 3 mugs"
     * is checked against stock as the 5 mugs it is. 400 naming the pointer of the first bad value.
     */
    static List<Line> parse(JsonNode items, String pointer) {
        if (!items.isArray() || items.isEmpty()) {
            throw new ProblemException(400, pointer + " must be a non-empty array of {sku, quantity}");
        }
        if (items.size() > MAX_LINES) {
            throw new ProblemException(400, pointer + " may have at most " + MAX_LINES + " lines");
        }
        Map<String, Integer> merged = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            JsonNode sku = item.path("sku");
            JsonNode quantity = item.path("quantity");
            if (!sku.isString() || sku.stringValue().isBlank()) {
                throw new ProblemException(400, pointer + "/" + i + "/sku is required and must be a string");
            }
            if (!isQuantity(quantity)) {
                throw new ProblemException(400, pointer + "/" + i + "/quantity must be an integer from 1 to " + MAX_QUANTITY);
            }
            merged.merge(sku.stringValue(), quantity.decimalValue().intValueExact(), Integer::sum);
        }
        List<Line> lines = new ArrayList<>();
        merged.forEach((sku, quantity) -> lines.add(new Line(sku, quantity)));
        return lines;
    }

    static boolean isQuantity(JsonNode value) {
        return value.isNumber() && value.canConvertToExactIntegral()
                && value.decimalValue().compareTo(BigDecimal.ONE) >= 0
                && value.decimalValue().compareTo(BigDecimal.valueOf(MAX_QUANTITY)) <= 0;
    }

    static JsonNode toJson(List<Line> lines) {
        return Json.tree(lines);
    }
}
