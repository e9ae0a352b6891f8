package com.themepress.model.manifest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.JsonSchemaCheck;
import com.themepress.model.schema.SchemaDocumentCheck;
import com.themepress.model.schema.SchemaLimits;
import com.themepress.model.schema.StrictJson;
import com.themepress.model.semver.SemVer;
import com.themepress.model.semver.SemVerRange;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a submitted manifest (short or full form) into an {@link AddonManifest}. It first checks the
 * shipped JSON Schema, then what a schema cannot say (SemVer, ranges, unique names, usable config
 * schemas), and reports every problem at once with its JSON pointer.
 */
public final class ManifestParser {

    public static final String SCHEMA_RESOURCE = "/schemas/addon-manifest.schema.json";

    private static final JsonSchemaCheck MANIFEST_SCHEMA = JsonSchemaCheck.fromClasspath(SCHEMA_RESOURCE);
    private static final JsonNode EMPTY_OBJECT_SCHEMA = JsonNodeFactory.instance.objectNode().put("type", "object");

    private final SchemaLimits limits;

    public ManifestParser() {
        this(SchemaLimits.DEFAULTS);
    }

    /** A parser that refuses config and input schemas beyond {@code limits}. */
    public ManifestParser(SchemaLimits limits) {
        this.limits = limits;
    }

    public AddonManifest parse(byte[] body) {
        return parse(StrictJson.parse(body));
    }

    public AddonManifest parse(JsonNode root) {
        List<FieldError> errors = new ArrayList<>(MANIFEST_SCHEMA.check(root));
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        checkSemantics(root, errors);
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        return bind(root);
    }

    private static PlatformException invalid(List<FieldError> errors) {
        String first = errors.get(0).pointer().isEmpty() ? "the document" : errors.get(0).pointer();
        String detail = errors.size() == 1
                ? "Manifest is invalid at " + first + ": " + errors.get(0).message()
                : "Manifest has " + errors.size() + " problems, first at " + first + ": " + errors.get(0).message();
        return new PlatformException(ProblemType.INVALID_MANIFEST, detail, errors);
    }

    private void checkSemantics(JsonNode root, List<FieldError> errors) {
        try {
            SemVer.parse(root.get("version").asString());
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError("/version", "not a SemVer 2.0 version: " + e.getMessage()));
        }
        String name = root.get("name").asString();
        JsonNode dependencies = root.path("dependencies");
        for (Map.Entry<String, JsonNode> dependency : dependencies.properties()) {
            String pointer = "/dependencies/" + dependency.getKey();
            if (dependency.getKey().equals(name)) {
                errors.add(new FieldError(pointer, "an addon cannot depend on itself"));
            }
            try {
                SemVerRange.parse(dependency.getValue().asString());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(pointer, "not a valid version range: " + e.getMessage()));
            }
        }
        JsonNode resources = root.path("resources");
        if (resources.has("minInstances") && resources.has("maxInstances")
                && resources.get("maxInstances").asInt() < resources.get("minInstances").asInt()) {
            errors.add(new FieldError("/resources/maxInstances", "must not be below minInstances"));
        }
        checkUniqueNames(root.path("widgets"), "/widgets", errors);
        checkUniqueNames(root.path("endpoints"), "/endpoints", errors);
        checkEndpointPermissionsRequested(root, errors);
        checkSchemas(root.path("widgets"), "/widgets/", "configSchema", errors);
        checkSchemas(root.path("endpoints"), "/endpoints/", "inputSchema", errors);
    }

    /** Each shipped schema within the limits first: a bomb must be refused before it is compiled. */
    private void checkSchemas(JsonNode items, String base, String field, List<FieldError> errors) {
        for (int i = 0; i < items.size(); i++) {
            JsonNode schema = items.get(i).path(field);
            String pointer = base + i + "/" + field;
            if (schema.isObject()) {
                List<FieldError> tooLarge = limits.check(schema, pointer);
                errors.addAll(tooLarge.isEmpty() ? SchemaDocumentCheck.check(schema, pointer) : tooLarge);
            }
        }
    }

    /** An endpoint can only need what the addon asks sites for: its top-level {@code permissions}. */
    private static void checkEndpointPermissionsRequested(JsonNode root, List<FieldError> errors) {
        Set<String> requested = new HashSet<>();
        root.path("permissions").forEach(permission -> requested.add(permission.asString()));
        JsonNode endpoints = root.path("endpoints");
        for (int i = 0; i < endpoints.size(); i++) {
            JsonNode needs = endpoints.get(i).path("permissions");
            for (int j = 0; j < needs.size(); j++) {
                if (!requested.contains(needs.get(j).asString())) {
                    errors.add(new FieldError("/endpoints/" + i + "/permissions/" + j,
                            "'" + needs.get(j).asString() + "' is not in the manifest's permissions"));
                }
            }
        }
    }

    private static void checkUniqueNames(JsonNode items, String base, List<FieldError> errors) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String itemName = item.isString() ? item.asString() : item.path("name").asString();
            if (!seen.add(itemName)) {
                String pointer = item.isString() ? base + "/" + i : base + "/" + i + "/name";
                errors.add(new FieldError(pointer, "duplicate name '" + itemName + "'"));
            }
        }
    }

    private static AddonManifest bind(JsonNode root) {
        String name = root.get("name").asString();
        return new AddonManifest(
                name,
                root.get("version").asString(),
                text(root, "description"),
                text(root, "author"),
                text(root, "category"),
                text(root, "image"),
                text(root, "module"),
                widgets(root.path("widgets")),
                endpoints(root.path("endpoints")),
                events(root.path("events")),
                dependencies(root.path("dependencies")),
                strings(root.path("permissions")),
                resources(root.path("resources")));
    }

    private static List<WidgetSpec> widgets(JsonNode items) {
        List<WidgetSpec> widgets = new ArrayList<>();
        for (JsonNode item : items) {
            ObjectNode widget = item.isString()
                    ? JsonNodeFactory.instance.objectNode().put("name", item.asString())
                    : (ObjectNode) item;
            String name = widget.get("name").asString();
            widgets.add(new WidgetSpec(
                    name,
                    widget.path("displayName").asString(name),
                    text(widget, "description"),
                    widget.path("category").asString("content"),
                    widget.has("configSchema") ? widget.get("configSchema") : EMPTY_OBJECT_SCHEMA,
                    widget.path("renderEndpoint").asString("/widgets/" + name + "/render"),
                    text(widget, "previewImage"),
                    widget.path("responsive").asBoolean(true),
                    CacheScope.fromId(widget.path("cacheScope").asString("public")).orElseThrow()));
        }
        return List.copyOf(widgets);
    }

    private static List<EndpointSpec> endpoints(JsonNode items) {
        List<EndpointSpec> endpoints = new ArrayList<>();
        for (JsonNode item : items) {
            if (item.isString()) {
                endpoints.add(new EndpointSpec(item.asString(), null, null, false));
            } else {
                List<String> needs = new ArrayList<>();
                item.path("permissions").forEach(permission -> needs.add(permission.asString()));
                endpoints.add(new EndpointSpec(item.get("name").asString(), text(item, "description"),
                        item.get("inputSchema"), item.path("public").asBoolean(false), needs));
            }
        }
        return List.copyOf(endpoints);
    }

    private static EventSpec events(JsonNode events) {
        if (events.isMissingNode()) {
            return EventSpec.NONE;
        }
        List<EventSubscription> subscribes = new ArrayList<>();
        events.path("subscribes").forEach(item -> subscribes.add(EventSubscription.of(item)));
        return new EventSpec(strings(events.path("publishes")), List.copyOf(subscribes));
    }

    private static Map<String, String> dependencies(JsonNode dependencies) {
        Map<String, String> result = new LinkedHashMap<>();
        dependencies.properties().forEach(e -> result.put(e.getKey(), e.getValue().asString()));
        return java.util.Collections.unmodifiableMap(result);
    }

    private static Resources resources(JsonNode node) {
        Resources d = Resources.DEFAULTS;
        return new Resources(
                node.path("memoryMb").asInt(d.memoryMb()),
                node.path("cpus").asDouble(d.cpus()),
                node.path("timeoutMs").asInt(d.timeoutMs()),
                node.path("minInstances").asInt(d.minInstances()),
                node.path("maxInstances").asInt(Math.max(d.maxInstances(), node.path("minInstances").asInt(0))),
                node.path("concurrency").asInt(d.concurrency()));
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return List.copyOf(values);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }
}
