package com.themepress.model.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/**
 * Finds {@code $ref} chains that come back to where they started without stepping into a child of
 * the instance ({@code {"$ref": "#"}}, or two definitions that refer to each other). A validator
 * following such a chain never terminates, so these schemas are refused when they are registered.
 * Recursion through {@code properties}, {@code items} and the like is fine: each step consumes a
 * level of the (finite) instance.
 */
final class ReferenceLoops {

    /** Keywords whose subschemas apply to the same instance, so following them consumes nothing. */
    private static final Set<String> IN_PLACE_ARRAYS = Set.of("allOf", "anyOf", "oneOf");
    private static final Set<String> IN_PLACE_SCHEMAS = Set.of("not", "if", "then", "else");
    private static final String DEPENDENT_SCHEMAS = "dependentSchemas";

    private ReferenceLoops() {
    }

    /** The pointer path of one loop (e.g. {@code ["", "/$defs/a", ""]}), if there is any. */
    static Optional<List<String>> find(JsonNode root) {
        Map<String, Set<String>> edges = new HashMap<>();
        collect(root, root, "", edges, new HashSet<>());
        Map<String, Integer> state = new HashMap<>();
        for (String start : edges.keySet()) {
            List<String> path = new ArrayList<>();
            if (visit(start, edges, state, path)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    /** Records, for each schema reached by a reference (and the root), which references it makes in place. */
    private static void collect(JsonNode root, JsonNode schema, String pointer, Map<String, Set<String>> edges, Set<String> done) {
        if (!done.add(pointer)) {
            return;
        }
        Set<String> targets = new HashSet<>();
        inPlaceReferences(schema, targets);
        edges.put(pointer, targets);
        for (String target : targets) {
            JsonNode next = root.at(target);
            if (!next.isMissingNode()) {
                collect(root, next, target, edges, done);
            }
        }
    }

    private static void inPlaceReferences(JsonNode schema, Set<String> targets) {
        if (!schema.isObject()) {
            return;
        }
        JsonNode ref = schema.get("$ref");
        if (ref != null && ref.isString() && ref.asString().startsWith("#")) {
            targets.add(ref.asString().substring(1));
        }
        for (String keyword : IN_PLACE_ARRAYS) {
            JsonNode list = schema.get(keyword);
            if (list != null && list.isArray()) {
                list.forEach(sub -> inPlaceReferences(sub, targets));
            }
        }
        for (String keyword : IN_PLACE_SCHEMAS) {
            JsonNode sub = schema.get(keyword);
            if (sub != null) {
                inPlaceReferences(sub, targets);
            }
        }
        JsonNode dependent = schema.get(DEPENDENT_SCHEMAS);
        if (dependent != null && dependent.isObject()) {
            dependent.values().forEach(sub -> inPlaceReferences(sub, targets));
        }
    }

    private static final int VISITING = 1;
    private static final int DONE = 2;

    private static boolean visit(String node, Map<String, Set<String>> edges, Map<String, Integer> state, List<String> path) {
        Integer seen = state.get(node);
        if (seen != null && seen == DONE) {
            return false;
        }
        path.add(node);
        if (seen != null && seen == VISITING) {
            return true;
        }
        state.put(node, VISITING);
        for (String next : edges.getOrDefault(node, Set.of())) {
            if (visit(next, edges, state, path)) {
                return true;
            }
        }
        state.put(node, DONE);
        path.remove(path.size() - 1);
        return false;
    }
}
