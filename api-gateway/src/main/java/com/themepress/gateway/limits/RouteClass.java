package com.themepress.gateway.limits;

import org.jspecify.annotations.Nullable;

/** The route classes that each have their own limit, told apart by method and path alone. */
public enum RouteClass {
    WIDGETS("widgets"), EXECUTE("execute"), REGISTRATION("registration"), EVENTS("events"), OTHER("other");

    private static final String ADDONS = "/api/addons/";

    private final String key;

    RouteClass(String key) {
        this.key = key;
    }

    /** The name in Redis keys and metrics. */
    public String key() {
        return key;
    }

    /** The class of a request to {@code path} (no query), or null when it is no API request and is not limited. */
    public static @Nullable RouteClass of(String method, String path) {
        if (path.equals("/graphql")) {
            // a GraphQL request may execute an addon function (at most one a request, QueryLimits), so it counts as one
            return EXECUTE;
        }
        if (!path.startsWith("/api/")) {
            return null;
        }
        if (path.startsWith("/api/events/") || path.equals("/api/events")) {
            return EVENTS;
        }
        if (path.startsWith(ADDONS) && "POST".equals(method)) {
            if (path.equals(ADDONS + "register")) {
                return REGISTRATION;
            }
            if (path.endsWith("/execute") && path.indexOf('/', ADDONS.length()) == path.length() - "/execute".length()) {
                return EXECUTE;
            }
        }
        if ("GET".equals(method) && path.startsWith("/api/widgets/") && path.indexOf('/', "/api/widgets/".length()) > 0) {
            return WIDGETS;
        }
        return OTHER;
    }
}
