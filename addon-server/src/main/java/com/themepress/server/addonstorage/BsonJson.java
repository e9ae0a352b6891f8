package com.themepress.server.addonstorage;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.bson.types.Decimal128;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.StrictJson;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An addon's JSON document as stored, and back. Member names may not start with {@code $} nor hold
 * {@code .}: stored under {@code data}, such a name would read as an operator or a path in a query.
 * Integers are stored as 64-bit integers and other numbers as doubles, so that range queries compare
 * them as numbers on MongoDB and on the embedded server alike.
 */
final class BsonJson {

    private BsonJson() {
    }

    static Document toBson(ObjectNode json) {
        return (Document) value(json, "/data");
    }

    static ObjectNode toJson(Document bson) {
        return (ObjectNode) node(bson);
    }

    /** A scalar of a query (string, number, boolean, null); 400 for anything else. */
    static Object scalar(JsonNode json, String pointer) {
        if (json.isObject() || json.isArray()) {
            throw invalid(pointer, "a string, number, boolean or null");
        }
        return value(json, pointer);
    }

    private static Object value(JsonNode json, String pointer) {
        if (json.isObject()) {
            Document document = new Document();
            for (Map.Entry<String, JsonNode> member : json.properties()) {
                String name = member.getKey();
                if (name.isEmpty() || name.startsWith("$") || name.contains(".") || name.indexOf('\0') >= 0) {
                    throw invalid(pointer, "member '" + name + "' is empty, starts with '$' or holds '.'");
                }
                document.put(name, value(member.getValue(), pointer + "/" + name));
            }
            return document;
        }
        if (json.isArray()) {
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < json.size(); i++) {
                list.add(value(json.get(i), pointer + "/" + i));
            }
            return list;
        }
        if (json.isString()) {
            return json.asString();
        }
        if (json.isBoolean()) {
            return json.booleanValue();
        }
        if (json.isIntegralNumber() && json.canConvertToLong()) {
            return json.longValue();
        }
        if (json.isNumber()) {
            return json.doubleValue();
        }
        return null;
    }

    private static JsonNode node(Object value) {
        if (value instanceof Document document) {
            ObjectNode object = StrictJson.mapper().createObjectNode();
            document.forEach((name, member) -> object.set(name, node(member)));
            return object;
        }
        if (value instanceof List<?> list) {
            ArrayNode array = StrictJson.mapper().createArrayNode();
            list.forEach(item -> array.add(node(item)));
            return array;
        }
        var nodes = StrictJson.mapper().getNodeFactory();
        if (value == null) {
            return nodes.nullNode();
        }
        if (value instanceof String text) {
            return nodes.stringNode(text);
        }
        if (value instanceof Boolean bool) {
            return nodes.booleanNode(bool);
        }
        if (value instanceof Integer || value instanceof Long) {
            return nodes.numberNode(((Number) value).longValue());
        }
        if (value instanceof Double number) {
            return nodes.numberNode(number);
        }
        if (value instanceof Decimal128 number) {
            return nodes.numberNode(number.bigDecimalValue());
        }
        if (value instanceof BigDecimal number) {
            return nodes.numberNode(number);
        }
        if (value instanceof Date date) {
            return nodes.stringNode(date.toInstant().toString());
        }
        return nodes.stringNode(value.toString());
    }

    private static PlatformException invalid(String pointer, String message) {
        return new PlatformException(ProblemType.INVALID_REQUEST, "The document cannot be stored as it is.",
                List.of(new FieldError(pointer, message)));
    }
}
