package com.themepress.server.addonstorage;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.query.Criteria;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

import tools.jackson.databind.JsonNode;

/**
 * A query over one collection: {@code {"where": {"status": "queued", "qty": {"gte": 1, "lt": 10}},
 * "sort": [{"field": "qty", "order": "desc"}], "limit": 20}}. Fields are paths into the documents'
 * data; only equality and the four range operators exist, and the limit is bounded, so a query never
 * reaches what a MongoDB operator could.
 */
record DocumentQuery(List<Criteria> conditions, Sort sort, int limit) {

    private static final Map<String, String> RANGES = Map.of("gt", "$gt", "gte", "$gte", "lt", "$lt", "lte", "$lte");

    static DocumentQuery parse(JsonNode body, int maxLimit) {
        if (!body.isObject()) {
            throw invalid("", "an object {where, sort, limit}");
        }
        List<Criteria> conditions = new ArrayList<>();
        JsonNode where = body.path("where");
        if (!where.isMissingNode() && !where.isObject()) {
            throw invalid("/where", "an object of field → value or {gt, gte, lt, lte}");
        }
        for (Map.Entry<String, JsonNode> member : where.properties()) {
            String pointer = "/where/" + member.getKey();
            Criteria field = Criteria.where("data." + StorageNames.field(member.getKey(), pointer));
            JsonNode condition = member.getValue();
            if (condition.isObject()) {
                if (condition.isEmpty()) {
                    throw invalid(pointer, "at least one of gt, gte, lt, lte");
                }
                for (Map.Entry<String, JsonNode> range : condition.properties()) {
                    String operator = RANGES.get(range.getKey());
                    if (operator == null) {
                        throw invalid(pointer + "/" + range.getKey(), "one of gt, gte, lt, lte");
                    }
                    Object bound = BsonJson.scalar(range.getValue(), pointer + "/" + range.getKey());
                    field = switch (operator) {
                        case "$gt" -> field.gt(bound);
                        case "$gte" -> field.gte(bound);
                        case "$lt" -> field.lt(bound);
                        default -> field.lte(bound);
                    };
                }
            } else {
                field = field.is(BsonJson.scalar(condition, pointer));
            }
            conditions.add(field);
        }
        return new DocumentQuery(conditions, sort(body.path("sort")), limit(body.path("limit"), maxLimit));
    }

    private static Sort sort(JsonNode sort) {
        if (sort.isMissingNode()) {
            return Sort.by("key");
        }
        if (!sort.isArray() || sort.size() > 3) {
            throw invalid("/sort", "an array of at most 3 {field, order}");
        }
        List<Sort.Order> orders = new ArrayList<>();
        for (int i = 0; i < sort.size(); i++) {
            JsonNode entry = sort.get(i);
            String pointer = "/sort/" + i;
            if (!entry.path("field").isString()) {
                throw invalid(pointer + "/field", "a field path");
            }
            String field = "data." + StorageNames.field(entry.path("field").asString(), pointer + "/field");
            String order = entry.path("order").asString("asc");
            if (!order.equals("asc") && !order.equals("desc")) {
                throw invalid(pointer + "/order", "asc or desc");
            }
            orders.add(order.equals("asc") ? Sort.Order.asc(field) : Sort.Order.desc(field));
        }
        orders.add(Sort.Order.asc("key")); // a stable order among equal values
        return Sort.by(orders);
    }

    private static int limit(JsonNode limit, int max) {
        if (limit.isMissingNode()) {
            return max;
        }
        if (!limit.isIntegralNumber() || limit.asLong() < 1 || limit.asLong() > max) {
            throw invalid("/limit", "an integer from 1 to " + max);
        }
        return limit.asInt();
    }

    private static PlatformException invalid(String pointer, String message) {
        return new PlatformException(ProblemType.INVALID_REQUEST, "The query cannot be run.", List.of(new FieldError(pointer, message)));
    }
}
