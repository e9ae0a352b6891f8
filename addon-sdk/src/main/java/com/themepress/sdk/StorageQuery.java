package com.themepress.sdk;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A query over one collection: equality and ranges on fields (dotted paths into the documents), at
 * most three sort fields, and a limit the platform bounds (100 by default).
 * {@code StorageQuery.where("status", "queued").lessThan("attempts", 5).sortBy("createdAt").limit(20)}.
 */
public final class StorageQuery {

    private final ObjectNode where = Json.object();
    private final ArrayNode sort = Json.array();
    private int limit;

    public static StorageQuery all() {
        return new StorageQuery();
    }

    public static StorageQuery where(String field, Object value) {
        return new StorageQuery().and(field, value);
    }

    public StorageQuery and(String field, Object value) {
        where.set(field, Json.tree(value));
        return this;
    }

    public StorageQuery greaterThan(String field, Object value) {
        return range(field, "gt", value);
    }

    public StorageQuery atLeast(String field, Object value) {
        return range(field, "gte", value);
    }

    public StorageQuery lessThan(String field, Object value) {
        return range(field, "lt", value);
    }

    public StorageQuery atMost(String field, Object value) {
        return range(field, "lte", value);
    }

    public StorageQuery sortBy(String field) {
        sort.add(Json.object("field", field, "order", "asc"));
        return this;
    }

    public StorageQuery sortByDescending(String field) {
        sort.add(Json.object("field", field, "order", "desc"));
        return this;
    }

    public StorageQuery limit(int limit) {
        this.limit = limit;
        return this;
    }

    /** The body {@code POST /v1/storage/{collection}/_query} takes. */
    public JsonNode toJson() {
        ObjectNode body = Json.object("where", where);
        if (!sort.isEmpty()) {
            body.set("sort", sort);
        }
        if (limit > 0) {
            body.put("limit", limit);
        }
        return body;
    }

    private StorageQuery range(String field, String operator, Object value) {
        JsonNode existing = where.path(field);
        ObjectNode bounds = existing.isObject() ? (ObjectNode) existing : Json.object();
        bounds.set(operator, Json.tree(value));
        where.set(field, bounds);
        return this;
    }
}
