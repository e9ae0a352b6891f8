package com.themepress.server.install;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.server.keys.ApiKeyHeader;
import com.themepress.server.sites.SiteAccess;
import com.themepress.server.web.JsonBody;

import tools.jackson.databind.JsonNode;

/**
 * {@code /api/sites/{siteId}/addons}, for the site's secret key (or the admin key). Answers carry
 * the installation's revision as {@code ETag}; a change with {@code If-Match} applies only to that
 * revision (412 otherwise).
 */
@RestController
class InstallationController {

    private final Installations installations;
    private final SiteAccess access;

    InstallationController(Installations installations, SiteAccess access) {
        this.installations = installations;
        this.access = access;
    }

    record InstallationView(String site, String addon, String version, List<String> grant, JsonNode config, int revision,
            Instant installedAt, Instant updatedAt) {
        static InstallationView of(InstallationDocument installation) {
            return new InstallationView(installation.site(), installation.addon(), installation.version(), installation.grant(),
                    InstallConfigs.parse(installation.config()), installation.revision(), installation.installedAt(), installation.updatedAt());
        }
    }

    @PostMapping("/api/sites/{siteId}/addons")
    ResponseEntity<InstallationView> install(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key,
            @PathVariable String siteId, JsonBody body) {
        String actor = access.requireManager(siteId, key);
        JsonNode json = fields(body, Set.of("addon", "version", "config", "grant"));
        String addon = text(json, "addon", true);
        String version = json.has("version") ? text(json, "version", true) : "*";
        InstallationDocument installed = installations.install(siteId, addon, version, json.get("config"),
                json.has("grant") ? json.get("grant") : com.themepress.model.schema.StrictJson.mapper().createArrayNode(), actor);
        return withETag(ResponseEntity.created(URI.create("/api/sites/" + siteId + "/addons/" + addon)), installed);
    }

    @GetMapping("/api/sites/{siteId}/addons")
    List<InstallationView> list(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key, @PathVariable String siteId) {
        access.requireManager(siteId, key);
        return installations.list(siteId).stream().map(InstallationView::of).toList();
    }

    @GetMapping("/api/sites/{siteId}/addons/{addon}")
    ResponseEntity<InstallationView> get(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key,
            @PathVariable String siteId, @PathVariable String addon) {
        access.requireManager(siteId, key);
        InstallationDocument installation = installations.find(siteId, addon).orElseThrow(() -> new PlatformException(ProblemType.NOT_FOUND,
                addon + " is not installed on " + siteId + "."));
        return withETag(ResponseEntity.ok(), installation);
    }

    /** Reconfigure and/or change the grant, keeping the version. */
    @PatchMapping("/api/sites/{siteId}/addons/{addon}")
    ResponseEntity<InstallationView> reconfigure(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch, @PathVariable String siteId,
            @PathVariable String addon, JsonBody body) {
        String actor = access.requireManager(siteId, key);
        JsonNode json = fields(body, Set.of("config", "grant"));
        return withETag(ResponseEntity.ok(), installations.reconfigure(siteId, addon, json.get("config"), json.get("grant"),
                revision(ifMatch), actor));
    }

    /** Upgrade or downgrade to {@code version} (or the highest in a range). */
    @PutMapping("/api/sites/{siteId}/addons/{addon}")
    ResponseEntity<InstallationView> changeVersion(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch, @PathVariable String siteId,
            @PathVariable String addon, JsonBody body) {
        String actor = access.requireManager(siteId, key);
        JsonNode json = fields(body, Set.of("version", "config", "grant"));
        return withETag(ResponseEntity.ok(), installations.changeVersion(siteId, addon, text(json, "version", true), json.get("config"),
                json.get("grant"), revision(ifMatch), actor));
    }

    @PostMapping("/api/sites/{siteId}/addons/{addon}/rollback")
    ResponseEntity<InstallationView> rollback(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch, @PathVariable String siteId,
            @PathVariable String addon) {
        String actor = access.requireManager(siteId, key);
        return withETag(ResponseEntity.ok(), installations.rollback(siteId, addon, revision(ifMatch), actor));
    }

    @DeleteMapping("/api/sites/{siteId}/addons/{addon}")
    ResponseEntity<Void> uninstall(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch, @PathVariable String siteId,
            @PathVariable String addon) {
        String actor = access.requireManager(siteId, key);
        installations.uninstall(siteId, addon, revision(ifMatch), actor);
        return ResponseEntity.noContent().build();
    }

    private static ResponseEntity<InstallationView> withETag(ResponseEntity.BodyBuilder response, InstallationDocument installation) {
        return response.eTag("\"" + installation.revision() + "\"").body(InstallationView.of(installation));
    }

    private static @Nullable Integer revision(@Nullable String ifMatch) {
        if (ifMatch == null) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() >= 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            tag = tag.substring(1, tag.length() - 1);
        }
        try {
            return Integer.parseInt(tag);
        } catch (NumberFormatException e) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "If-Match must be an ETag this API gave, such as \"3\".",
                    List.of(new FieldError("/headers/If-Match", "an installation revision in quotes")));
        }
    }

    private static JsonNode fields(JsonBody body, Set<String> allowed) {
        JsonNode json = body.json();
        if (!json.isObject()) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "The body must be a JSON object.");
        }
        List<FieldError> unknown = json.propertyNames().stream().filter(field -> !allowed.contains(field))
                .map(field -> new FieldError("/" + field, "unknown field; allowed: " + String.join(", ", allowed.stream().sorted().toList())))
                .toList();
        if (!unknown.isEmpty()) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "Unknown field " + unknown.get(0).pointer() + ".", unknown);
        }
        return json;
    }

    private static String text(JsonNode json, String field, boolean required) {
        JsonNode value = json.path(field);
        if (!value.isString() || value.asString().isBlank() || value.asString().length() > 256) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "\"" + field + "\" must be a string.",
                    List.of(new FieldError("/" + field, "a string of 1 to 256 characters")));
        }
        return value.asString();
    }
}
