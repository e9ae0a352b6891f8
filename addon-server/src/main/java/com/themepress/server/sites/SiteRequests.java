package com.themepress.server.sites;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.themepress.model.names.Names;
import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

import tools.jackson.databind.JsonNode;

/** Checks the bodies of site requests: names, and origins in their serialised form ({@code https://shop.example}). */
final class SiteRequests {

    static final int MAX_ORIGINS = 50;
    private static final Set<String> CREATE_FIELDS = Set.of("id", "name", "origins");
    private static final Set<String> PATCH_FIELDS = Set.of("name", "origins");

    private SiteRequests() {
    }

    record Create(String id, String name, List<String> origins) {
    }

    record Patch(@org.jspecify.annotations.Nullable String name, @org.jspecify.annotations.Nullable List<String> origins) {
    }

    static Create create(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        requireObject(body, CREATE_FIELDS, errors);
        String id = body.path("id").isString() ? body.get("id").asString() : "";
        if (id.isEmpty() || !Names.SITE.matches(id)) {
            errors.add(new FieldError("/id", "a site id: 1 to 63 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        String name = name(body, errors, true);
        List<String> origins = origins(body.path("origins"), errors, true);
        failOn(errors);
        return new Create(id, name, origins);
    }

    static Patch patch(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        requireObject(body, PATCH_FIELDS, errors);
        String name = body.has("name") ? name(body, errors, true) : null;
        List<String> origins = body.has("origins") ? origins(body.get("origins"), errors, true) : null;
        failOn(errors);
        return new Patch(name, origins);
    }

    private static void requireObject(JsonNode body, Set<String> allowed, List<FieldError> errors) {
        if (!body.isObject()) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "The body must be a JSON object.");
        }
        body.propertyNames().forEach(field -> {
            if (!allowed.contains(field)) {
                errors.add(new FieldError("/" + field, "unknown field; allowed: " + String.join(", ", allowed.stream().sorted().toList())));
            }
        });
    }

    private static String name(JsonNode body, List<FieldError> errors, boolean required) {
        JsonNode name = body.path("name");
        if (!name.isString() || name.asString().isBlank() || name.asString().length() > 100) {
            if (required) {
                errors.add(new FieldError("/name", "a name of 1 to 100 characters"));
            }
            return "";
        }
        return name.asString();
    }

    private static List<String> origins(JsonNode origins, List<FieldError> errors, boolean required) {
        if (!origins.isArray() || origins.size() > MAX_ORIGINS) {
            errors.add(new FieldError("/origins", "an array of at most " + MAX_ORIGINS + " origins such as \"https://shop.example\""));
            return List.of();
        }
        Set<String> result = new LinkedHashSet<>();
        for (int i = 0; i < origins.size(); i++) {
            String origin = origins.get(i).isString() ? origins.get(i).asString() : "";
            if (!isOrigin(origin)) {
                errors.add(new FieldError("/origins/" + i, "an origin: scheme http or https, host, optional port, nothing else"));
            } else if (!result.add(origin)) {
                errors.add(new FieldError("/origins/" + i, "duplicate origin"));
            }
        }
        return List.copyOf(result);
    }

    /** The exact text a browser sends in {@code Origin}: lower-case scheme and host, no path, no default-less trailing slash. */
    static boolean isOrigin(String text) {
        if (text.length() > 255) {
            return false;
        }
        try {
            URI uri = new URI(text);
            boolean web = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            return web && uri.getHost() != null && uri.getRawPath().isEmpty() && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null && text.equals(text.toLowerCase(java.util.Locale.ROOT));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void failOn(List<FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "Invalid site: " + errors.get(0).pointer() + " "
                    + errors.get(0).message() + ".", errors);
        }
    }
}
