package com.themepress.server.install;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.WidgetSpec;
import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.JsonSchemaCheck;
import com.themepress.model.schema.SchemaDefaults;
import com.themepress.model.schema.StrictJson;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An installation's config document: {@code {"widgets": {"<widget>": {...}}, "settings": {...}}}.
 * Each widget of the version gets its config checked against its {@code configSchema} with the
 * defaults filled in, so what is stored is exactly what the renderer renders. {@code settings} are
 * the addon's own, handed to its calls; no manifest gives a schema for them yet, so they are only
 * bounded in size.
 */
final class InstallConfigs {

    static final int MAX_BYTES = 64 * 1024;
    /** Settings travel to the container in a header with every call ({@code SiteContext}). */
    static final int MAX_SETTINGS_BYTES = 4 * 1024;

    private InstallConfigs() {
    }

    /** The complete config for {@code manifest}: {@code given} (may be null: all defaults) checked and filled. */
    static ObjectNode complete(AddonManifest manifest, JsonNode given) {
        List<FieldError> errors = new ArrayList<>();
        JsonNode config = given == null || given.isNull() ? StrictJson.mapper().createObjectNode() : given;
        if (!config.isObject()) {
            throw invalid(List.of(new FieldError("/config", "an object with \"widgets\" and \"settings\"")));
        }
        if (StrictJson.mapper().writeValueAsBytes(config).length > MAX_BYTES) {
            throw invalid(List.of(new FieldError("/config", "at most " + MAX_BYTES + " bytes as JSON")));
        }
        config.propertyNames().forEach(field -> {
            if (!field.equals("widgets") && !field.equals("settings")) {
                errors.add(new FieldError("/config/" + field, "unknown; the config has \"widgets\" and \"settings\""));
            }
        });
        JsonNode widgets = config.path("widgets");
        if (!widgets.isMissingNode() && !widgets.isObject()) {
            errors.add(new FieldError("/config/widgets", "an object keyed by widget name"));
        }
        widgets.propertyNames().forEach(name -> {
            if (manifest.widget(name).isEmpty()) {
                errors.add(new FieldError("/config/widgets/" + name, "addon " + manifest.name() + "@" + manifest.version()
                        + " has no widget '" + name + "'"));
            }
        });
        ObjectNode filledWidgets = StrictJson.mapper().createObjectNode();
        for (WidgetSpec widget : manifest.widgets()) {
            JsonNode own = widgets.isObject() && widgets.has(widget.name()) ? widgets.get(widget.name()) : StrictJson.mapper().createObjectNode();
            JsonNode filled = widget.configSchema() == null ? own : SchemaDefaults.fill(widget.configSchema(), own);
            if (widget.configSchema() != null) {
                for (FieldError error : JsonSchemaCheck.of(widget.configSchema()).check(filled)) {
                    errors.add(new FieldError("/config/widgets/" + widget.name() + error.pointer(), error.message()));
                }
            }
            filledWidgets.set(widget.name(), filled);
        }
        JsonNode settings = config.path("settings");
        if (!settings.isMissingNode() && !settings.isObject()) {
            errors.add(new FieldError("/config/settings", "an object"));
        } else if (settings.isObject() && StrictJson.mapper().writeValueAsBytes(settings).length > MAX_SETTINGS_BYTES) {
            errors.add(new FieldError("/config/settings", "at most " + MAX_SETTINGS_BYTES + " bytes as JSON"));
        }
        if (!errors.isEmpty()) {
            throw invalid(errors);
        }
        ObjectNode result = StrictJson.mapper().createObjectNode();
        result.set("widgets", filledWidgets);
        result.set("settings", settings.isObject() ? settings.deepCopy() : StrictJson.mapper().createObjectNode());
        return result;
    }

    static String text(JsonNode config) {
        return new String(StrictJson.mapper().writeValueAsBytes(config), StandardCharsets.UTF_8);
    }

    static JsonNode parse(String text) {
        return StrictJson.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private static PlatformException invalid(List<FieldError> errors) {
        return new PlatformException(ProblemType.INVALID_CONFIG, "The config does not fit the addon: " + errors.get(0).pointer() + " "
                + errors.get(0).message() + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "") + ".",
                errors.subList(0, Math.min(errors.size(), 50)));
    }
}
