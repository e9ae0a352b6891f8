package com.themepress.sdk;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * An addon: its endpoints, widgets and event subscriptions. Built once with {@link #builder()},
 * then {@link #start()}ed; the definition is immutable, so one can be started several times (tests
 * do) without the servers sharing state through it.
 *
 * <pre>{@code
 * Addon.builder()
 *     .name("payment-gateway")
 *     .endpoint("process-payment", call -> Result.ok(answer).emit("payment.completed", data))
 *     .widget("checkout-form", render -> Widget.of(html, css, js))
 *     .on("payment.completed", event -> log(event))
 *     .build()
 *     .start();
 * }</pre>
 */
public final class Addon {

    private static final Pattern SLUG = Pattern.compile("^[a-z][a-z0-9-]{0,62}$");
    private static final Pattern ADDON_NAME = Pattern.compile("^[a-z][a-z0-9-]{1,62}$");

    private final String name;
    private final String version;
    private final Map<String, EndpointHandler> endpoints;
    private final Map<String, WidgetHandler> widgets;
    private final Map<String, StreamingHandler> streaming;
    private final List<Subscription> subscriptions;
    private final ServerSettings settings;

    private Addon(Builder builder) {
        this.name = builder.name;
        this.version = builder.version;
        this.endpoints = Collections.unmodifiableMap(new LinkedHashMap<>(builder.endpoints));
        this.widgets = Collections.unmodifiableMap(new LinkedHashMap<>(builder.widgets));
        this.streaming = Collections.unmodifiableMap(new LinkedHashMap<>(builder.streaming));
        this.subscriptions = List.copyOf(builder.subscriptions);
        this.settings = builder.settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Serves the addon; returns once it listens. Stop it with {@link AddonServer#close()} (tests) or SIGTERM. */
    public AddonServer start() {
        return start(System.getenv());
    }

    /**
     * Serves the addon reading {@code PORT}, {@code ADDON_*} and {@code INSTANCE_ID} from the given
     * map instead of the process environment: for tests ({@code Map.of("PORT", "0")} picks a free
     * port) and for embedding several addons in one JVM.
     */
    public AddonServer start(Map<String, String> environment) {
        return AddonServer.start(this, settings, environment);
    }

    public String name() {
        return name;
    }

    public String version() {
        return version;
    }

    public Set<String> endpointNames() {
        Set<String> names = new LinkedHashSet<>(endpoints.keySet());
        names.addAll(streaming.keySet());
        return Collections.unmodifiableSet(names);
    }

    public Set<String> widgetNames() {
        return widgets.keySet();
    }

    @Nullable EndpointHandler endpoint(String endpoint) {
        return endpoints.get(endpoint);
    }

    @Nullable StreamingHandler streaming(String endpoint) {
        return streaming.get(endpoint);
    }

    @Nullable WidgetHandler widget(String widget) {
        return widgets.get(widget);
    }

    List<EventHandler> handlersFor(String type, @Nullable String source) {
        List<EventHandler> matching = new ArrayList<>();
        for (Subscription subscription : subscriptions) {
            if (subscription.pattern().matches(type) && subscription.accepts(source)) {
                matching.add(subscription.handler());
            }
        }
        return matching;
    }

    /** @param from the sources the handler takes; empty for any */
    private record Subscription(EventPattern pattern, Set<String> from, EventHandler handler) {

        boolean accepts(@Nullable String source) {
            return from.isEmpty() || source != null && from.contains(source);
        }
    }

    /** Collects handlers; names are checked here so a typo fails at start-up, not at the first call. */
    public static final class Builder {

        private String name = "addon";
        private String version = "0.0.0";
        private final Map<String, EndpointHandler> endpoints = new LinkedHashMap<>();
        private final Map<String, WidgetHandler> widgets = new LinkedHashMap<>();
        private final Map<String, StreamingHandler> streaming = new LinkedHashMap<>();
        private final List<Subscription> subscriptions = new ArrayList<>();
        private ServerSettings settings = ServerSettings.DEFAULTS;

        private Builder() {
        }

        /** The name used when {@code ADDON_NAME} is not set (local runs); the platform's value wins. */
        public Builder name(String name) {
            this.name = slug(name, "addon name");
            return this;
        }

        /** The version used when {@code ADDON_VERSION} is not set. */
        public Builder version(String version) {
            this.version = version;
            return this;
        }

        /** Serves {@code POST /execute/{name}}. */
        public Builder endpoint(String name, EndpointHandler handler) {
            if (streaming.containsKey(slug(name, "endpoint name")) || endpoints.putIfAbsent(name, handler) != null) {
                throw new IllegalArgumentException("endpoint '" + name + "' is registered twice");
            }
            return this;
        }

        /** Serves {@code POST /execute/{name}} with an answer written as it is made (see {@link StreamingHandler}). */
        public Builder streamingEndpoint(String name, StreamingHandler handler) {
            if (endpoints.containsKey(slug(name, "endpoint name")) || streaming.putIfAbsent(name, handler) != null) {
                throw new IllegalArgumentException("endpoint '" + name + "' is registered twice");
            }
            return this;
        }

        /** Serves {@code POST /widgets/{name}/render}. */
        public Builder widget(String name, WidgetHandler handler) {
            if (widgets.putIfAbsent(slug(name, "widget name"), handler) != null) {
                throw new IllegalArgumentException("widget '" + name + "' is registered twice");
            }
            return this;
        }

        /** Runs the handler for every delivered event whose type matches the pattern ({@code payment.*}). */
        public Builder on(String eventPattern, EventHandler handler) {
            subscriptions.add(new Subscription(new EventPattern(eventPattern), Set.of(), handler));
            return this;
        }

        /**
         * Runs the handler only for matching events that one of {@code from} published. The platform
         * already delivers only what the manifest's {@code {"type", "from"}} subscription accepts; this
         * keeps a handler that acts on another addon's word (stock taken on {@code payment.completed})
         * safe if the manifest is ever loosened. Other events still get their 200.
         */
        public Builder on(String eventPattern, Collection<String> from, EventHandler handler) {
            if (from.isEmpty()) {
                throw new IllegalArgumentException("sources for '" + eventPattern + "' must name at least one addon");
            }
            for (String source : from) {
                if (!ADDON_NAME.matcher(source).matches()) {
                    throw new IllegalArgumentException("source '" + source + "' must be an addon name matching " + ADDON_NAME.pattern());
                }
            }
            subscriptions.add(new Subscription(new EventPattern(eventPattern), Set.copyOf(from), handler));
            return this;
        }

        /** The port; overrides {@code PORT} and the default 3000. Use 0 for any free port (tests). */
        public Builder port(int port) {
            settings = settings.withPort(port);
            return this;
        }

        /** Worker threads, i.e. calls served at once (default 16). */
        public Builder threads(int threads) {
            settings = settings.withThreads(threads);
            return this;
        }

        /** Largest request body accepted (default 1 MiB, as the platform); larger ones get 413. */
        public Builder maxBodyBytes(int maxBodyBytes) {
            settings = settings.withMaxBodyBytes(maxBodyBytes);
            return this;
        }

        public Addon build() {
            return new Addon(this);
        }

        private static String slug(String value, String what) {
            if (!SLUG.matcher(value).matches()) {
                throw new IllegalArgumentException(what + " '" + value + "' must match " + SLUG.pattern());
            }
            return value;
        }
    }
}
