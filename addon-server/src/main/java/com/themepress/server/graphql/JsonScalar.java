package com.themepress.server.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.themepress.model.schema.StrictJson;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.ArrayValue;
import graphql.language.BooleanValue;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.NullValue;
import graphql.language.ObjectValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.language.VariableReference;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.GraphQLScalarType;
import tools.jackson.databind.JsonNode;

/**
 * {@code scalar JSON}: arguments arrive as Jackson trees (what the services take, as from a REST
 * body), and trees go out as plain maps and lists for the response encoder.
 */
final class JsonScalar {

    static final GraphQLScalarType JSON = GraphQLScalarType.newScalar().name("JSON")
            .description("Any JSON value").coercing(new JsonCoercing()).build();

    private JsonScalar() {
    }

    private static final class JsonCoercing implements Coercing<JsonNode, Object> {

        @Override
        public @Nullable Object serialize(Object result, GraphQLContext context, Locale locale) {
            return result instanceof JsonNode node ? StrictJson.mapper().convertValue(node, Object.class) : result;
        }

        @Override
        public JsonNode parseValue(Object input, GraphQLContext context, Locale locale) {
            return StrictJson.mapper().valueToTree(input);
        }

        @Override
        public JsonNode parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
            return StrictJson.mapper().valueToTree(literal(input, variables));
        }

        private static @Nullable Object literal(Value<?> value, CoercedVariables variables) {
            if (value instanceof StringValue s) {
                return s.getValue();
            }
            if (value instanceof IntValue i) {
                return i.getValue();
            }
            if (value instanceof FloatValue f) {
                return f.getValue();
            }
            if (value instanceof BooleanValue b) {
                return b.isValue();
            }
            if (value instanceof NullValue) {
                return null;
            }
            if (value instanceof ArrayValue array) {
                List<Object> items = new java.util.ArrayList<>();
                array.getValues().forEach(item -> items.add(literal(item, variables)));
                return items;
            }
            if (value instanceof ObjectValue object) {
                Map<String, Object> fields = new LinkedHashMap<>();
                object.getObjectFields().forEach(field -> fields.put(field.getName(), literal(field.getValue(), variables)));
                return fields;
            }
            if (value instanceof VariableReference reference) {
                return variables.get(reference.getName());
            }
            throw new CoercingParseLiteralException("Not a JSON value: " + value);
        }
    }
}
