package com.themepress.renderer.render;

import java.time.Duration;

import org.springframework.stereotype.Component;

import com.themepress.model.http.SiteContext;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.StrictJson;
import com.themepress.renderer.fragment.WidgetOutput;
import com.themepress.runtimeclient.RuntimeAnswer;
import com.themepress.runtimeclient.RuntimeClient;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Renders through the addon-runtime: {@code POST /runtime/deployments/{name}/{version}/render/{widget}}
 * with {@code {config, context}} (the {@link RuntimeClient} deploys the version when the runtime does
 * not know it). The addon's 2xx must be {@code {html, css, javascript}}; its 4xx is relayed
 * ({@link com.themepress.runtimeclient.AddonRejected}); its 5xx, a timeout or a full runtime become
 * the platform's 502/504/503, which the cache may answer with the last good render.
 * Each call is timed as {@code widget_render_time_seconds{addon_id,widget_id}}.
 */
@Component
class RuntimeRenderer {

    private final RuntimeClient runtime;
    private final MeterRegistry meters;
    private final long maxAnswer;

    RuntimeRenderer(RuntimeClient runtime, MeterRegistry meters, RenderAnswerProperties properties) {
        this.runtime = runtime;
        this.meters = meters;
        this.maxAnswer = properties.maxAnswer().toBytes();
    }

    WidgetOutput render(ResolvedWidget widget, JsonNode config, RenderContext context) {
        ObjectNode body = StrictJson.mapper().createObjectNode();
        body.set("config", config);
        body.set("context", context.toJson());
        byte[] payload = StrictJson.mapper().writeValueAsBytes(body);
        Timer.Sample sample = Timer.start(meters);
        try {
            // The client stops reading at the limit (502), so an endless answer never reaches memory whole.
            // The site goes along as a header too, so the container's invocation token is bound to it (host API).
            SiteContext site = context.site() == null ? null : new SiteContext(context.site(), null);
            RuntimeAnswer answer = runtime.invoke(widget.target(), "render/" + widget.widget(), payload, context.requestId(),
                    maxAnswer, site);
            return output(widget, answer.orThrow("Rendering " + widget.addon() + "/" + widget.widget()));
        } finally {
            sample.stop(Timer.builder("widget.render.time")
                    .description("Render calls to addons through the runtime")
                    .tags("addon_id", widget.addon(), "widget_id", widget.widget())
                    .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
                            Duration.ofMillis(500), Duration.ofSeconds(1))
                    .register(meters));
        }
    }

    private static WidgetOutput output(ResolvedWidget widget, RuntimeAnswer answer) {
        try {
            JsonNode json = StrictJson.mapper().readTree(answer.body());
            if (!json.isObject() || !textOrAbsent(json, "html") || !textOrAbsent(json, "css") || !textOrAbsent(json, "javascript")) {
                throw new PlatformException(ProblemType.UPSTREAM_FAILED,
                        widget.addon() + " answered a render that is not {html, css, javascript} strings.");
            }
            return new WidgetOutput(json.path("html").asString(""), json.path("css").asString(""),
                    json.path("javascript").asString(""));
        } catch (JacksonException e) {
            throw new PlatformException(ProblemType.UPSTREAM_FAILED, widget.addon() + " answered a render that is not JSON.");
        }
    }

    private static boolean textOrAbsent(JsonNode answer, String field) {
        return !answer.has(field) || answer.get(field).isString() || answer.get(field).isNull();
    }
}
