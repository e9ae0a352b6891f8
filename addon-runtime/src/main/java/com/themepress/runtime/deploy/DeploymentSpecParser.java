package com.themepress.runtime.deploy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.themepress.model.manifest.Resources;
import com.themepress.model.names.Names;
import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.StrictJson;
import com.themepress.model.semver.InvalidVersionException;
import com.themepress.model.semver.SemVer;
import com.themepress.runtime.pool.DeploymentKey;
import com.themepress.runtime.pool.DeploymentSpec;
import com.themepress.runtime.wasm.ModuleStore;
import com.themepress.runtime.wasm.WasmSpec;

import tools.jackson.databind.JsonNode;

/**
 * Turns a PUT body into a {@link DeploymentSpec}, collecting every problem with its JSON pointer.
 * Missing resource fields take {@link Resources#DEFAULTS}; unknown top-level fields are ignored so
 * that callers may send more than the runtime needs.
 */
final class DeploymentSpecParser {

    /** Docker image reference: [registry[:port]/]path[:tag][@digest], lowercase path. */
    private static final Pattern IMAGE = Pattern.compile(
            "^(?:[a-zA-Z0-9.-]+(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*"
                    + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$");

    /** Bounds a deployment may ask for. */
    record Range(String field, double min, double max, boolean integral) {
    }

    static final List<Range> RANGES = List.of(
            new Range("memoryMb", 16, 65_536, true),
            new Range("cpus", 0.01, 64, false),
            new Range("timeoutMs", 100, 600_000, true),
            new Range("minInstances", 0, 64, true),
            new Range("maxInstances", 1, 64, true),
            new Range("concurrency", 1, 1024, true));

    private DeploymentSpecParser() {
    }

    static DeploymentKey key(String name, String version) {
        List<FieldError> errors = new ArrayList<>();
        if (!Names.ADDON.matches(name)) {
            errors.add(new FieldError("", "name '" + name + "' must match " + Names.ADDON.regex()));
        }
        try {
            SemVer.parse(version);
        } catch (InvalidVersionException e) {
            errors.add(new FieldError("", "version '" + version + "' is not SemVer 2.0: " + e.getMessage()));
        }
        if (!errors.isEmpty()) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "The deployment path names an invalid addon.", errors);
        }
        return new DeploymentKey(name, version);
    }

    /** Whether the body names a WebAssembly module (the WASM tier) rather than an image. */
    static boolean namesModule(JsonNode body) {
        return body.isObject() && body.has("module") && !body.get("module").isNull();
    }

    /** A module deployment: {@code module} (the SHA-256 of an uploaded module), resources and config as for an image. */
    static WasmSpec parseModule(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode moduleNode = body.get("module");
        String module = null;
        if (!moduleNode.isString() || !ModuleStore.SHA256.matcher(moduleNode.asString()).matches()) {
            errors.add(new FieldError("/module", "must be the module's SHA-256 as 64 lowercase hex digits"));
        } else {
            module = moduleNode.asString();
        }
        if (body.has("image") && !body.get("image").isNull()) {
            errors.add(new FieldError("/image", "a deployment names an image or a module, not both"));
        }
        Map<String, Number> resources = resources(body.get("resources"), errors);
        JsonNode config = body.get("config");
        if (config != null && !config.isNull() && !config.isObject()) {
            errors.add(new FieldError("/config", "must be a JSON object"));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        Object canonicalConfig = config == null || config.isNull() ? Map.of() : canonical(config);
        Map<String, Object> whole = new TreeMap<>();
        whole.put("module", module);
        whole.put("resources", new TreeMap<>(resources));
        whole.put("config", canonicalConfig);
        return new WasmSpec(module, limits(resources), StrictJson.mapper().writeValueAsString(canonicalConfig),
                sha256(StrictJson.mapper().writeValueAsString(whole)));
    }

    static DeploymentSpec parse(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        if (!body.isObject()) {
            throw invalid(List.of(new FieldError("", "must be a JSON object")));
        }
        String image = null;
        JsonNode imageNode = body.get("image");
        if (imageNode == null || imageNode.isNull()) {
            errors.add(new FieldError("/image", "is required"));
        } else if (!imageNode.isString() || !IMAGE.matcher(imageNode.asString()).matches() || imageNode.asString().length() > 255) {
            errors.add(new FieldError("/image", "must be a container image reference such as themepress/addon-x:1.0.0"));
        } else {
            image = imageNode.asString();
        }
        Map<String, Number> resources = resources(body.get("resources"), errors);
        boolean outbound = false;
        JsonNode outboundNode = body.get("networkOutbound");
        if (outboundNode != null && !outboundNode.isNull()) {
            if (outboundNode.isBoolean()) {
                outbound = outboundNode.asBoolean();
            } else {
                errors.add(new FieldError("/networkOutbound", "must be true or false"));
            }
        }
        JsonNode config = body.get("config");
        if (config != null && !config.isNull() && !config.isObject()) {
            errors.add(new FieldError("/config", "must be a JSON object"));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        Resources limits = limits(resources);
        Object canonicalConfig = config == null || config.isNull() ? Map.of() : canonical(config);
        String configJson = StrictJson.mapper().writeValueAsString(canonicalConfig);
        Map<String, Object> whole = new TreeMap<>();
        whole.put("image", image);
        whole.put("resources", new TreeMap<>(resources));
        whole.put("networkOutbound", outbound);
        whole.put("config", canonicalConfig);
        return new DeploymentSpec(image, limits, outbound, configJson, sha256(StrictJson.mapper().writeValueAsString(whole)));
    }

    private static Resources limits(Map<String, Number> resources) {
        return new Resources(resources.get("memoryMb").intValue(), resources.get("cpus").doubleValue(),
                resources.get("timeoutMs").intValue(), resources.get("minInstances").intValue(),
                resources.get("maxInstances").intValue(), resources.get("concurrency").intValue());
    }

    private static Map<String, Number> resources(JsonNode node, List<FieldError> errors) {
        Map<String, Number> values = new LinkedHashMap<>();
        Resources d = Resources.DEFAULTS;
        values.put("memoryMb", d.memoryMb());
        values.put("cpus", d.cpus());
        values.put("timeoutMs", d.timeoutMs());
        values.put("minInstances", d.minInstances());
        values.put("maxInstances", d.maxInstances());
        values.put("concurrency", d.concurrency());
        if (node == null || node.isNull()) {
            return values;
        }
        if (!node.isObject()) {
            errors.add(new FieldError("/resources", "must be a JSON object"));
            return values;
        }
        for (Range range : RANGES) {
            JsonNode value = node.get(range.field());
            if (value == null || value.isNull()) {
                continue;
            }
            String pointer = "/resources/" + range.field();
            if (!value.isNumber() || range.integral() && !value.canConvertToExactIntegral()) {
                errors.add(new FieldError(pointer, range.integral() ? "must be an integer" : "must be a number"));
            } else if (value.asDouble() < range.min() || value.asDouble() > range.max()) {
                errors.add(new FieldError(pointer, "must be between " + format(range.min()) + " and " + format(range.max())));
            } else {
                values.put(range.field(), range.integral() ? (Number) value.asInt() : (Number) value.asDouble());
            }
        }
        if (values.get("minInstances").intValue() > values.get("maxInstances").intValue()) {
            errors.add(new FieldError("/resources/minInstances", "must not exceed maxInstances ("
                    + values.get("maxInstances") + ")"));
        }
        return values;
    }

    /** Objects with sorted keys all the way down, so equal configs hash equally. */
    private static Object canonical(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> sorted = new TreeMap<>();
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                sorted.put(field.getKey(), canonical(field.getValue()));
            }
            return sorted;
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(canonical(item)));
            return items;
        }
        return node;
    }

    private static String format(double bound) {
        return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PlatformException invalid(List<FieldError> errors) {
        return new PlatformException(ProblemType.INVALID_REQUEST, "The deployment is invalid: "
                + errors.stream().map(e -> (e.pointer().isEmpty() ? "body" : e.pointer()) + " " + e.message())
                        .reduce((a, b) -> a + "; " + b).orElse(""), errors);
    }
}
