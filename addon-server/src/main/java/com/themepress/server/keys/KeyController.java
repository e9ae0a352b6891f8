package com.themepress.server.keys;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.server.web.JsonBody;
import com.themepress.server.web.QueryInts;

import tools.jackson.databind.JsonNode;

/**
 * Developer keys, all with the admin key: {@code POST /api/keys {"developer": "acme"}} creates one (the
 * only answer that ever shows its secret), {@code GET /api/keys} lists them, {@code DELETE /api/keys/{id}}
 * revokes one.
 */
@RestController
@RequestMapping("/api/keys")
class KeyController {

    private static final Pattern DEVELOPER = Pattern.compile("^[a-z][a-z0-9-]{1,62}$");
    private static final int MAX_PAGE_SIZE = 100;

    private final ApiKeys keys;

    KeyController(ApiKeys keys) {
        this.keys = keys;
    }

    @PostMapping
    ResponseEntity<IssuedKey> create(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key,
            JsonBody body) {
        requireAdmin(key, "create developer keys");
        JsonNode developer = body.json().path("developer");
        if (!developer.isString() || !DEVELOPER.matcher(developer.asString()).matches()) {
            throw new PlatformException(ProblemType.INVALID_REQUEST,
                    "developer must be a lowercase slug like 'acme-apps'.",
                    List.of(new FieldError("/developer", "must match " + DEVELOPER.pattern())));
        }
        IssuedKey issued = keys.issue(developer.asString());
        return ResponseEntity.created(URI.create("/api/keys/" + issued.id())).body(issued);
    }

    /** Newest first, optionally one developer's; ids, owners, dates, last four characters and state, never a secret. */
    @GetMapping
    KeyPage list(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key,
            @RequestParam(required = false) @Nullable String developer, @RequestParam(defaultValue = "0") String page,
            @RequestParam(defaultValue = "20") String size) {
        requireAdmin(key, "list keys");
        List<FieldError> errors = new ArrayList<>();
        if (developer != null && !DEVELOPER.matcher(developer).matches()) {
            errors.add(new FieldError("/developer", "must match " + DEVELOPER.pattern()));
        }
        int pageNumber = QueryInts.bounded(page, "/page", 0, 100_000, errors);
        int pageSize = QueryInts.bounded(size, "/size", 1, MAX_PAGE_SIZE, errors);
        if (!errors.isEmpty()) {
            FieldError first = errors.get(0);
            throw new PlatformException(ProblemType.INVALID_REQUEST,
                    "Invalid query: " + first.pointer().substring(1) + " " + first.message() + ".", errors);
        }
        return keys.list(developer, pageNumber, pageSize);
    }

    /** 204 once the key is refused here; other replicas refuse it when they hear the broadcast (README, keys). */
    @DeleteMapping("/{id}")
    ResponseEntity<Void> revoke(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key,
            @PathVariable String id) {
        requireAdmin(key, "revoke keys");
        keys.revoke(id);
        return ResponseEntity.noContent().build();
    }

    /** 401 without a valid key, 403 with a developer's: checked before anything about the request is looked at. */
    private void requireAdmin(@Nullable String key, String what) {
        if (!keys.authenticate(key).admin()) {
            throw new PlatformException(ProblemType.FORBIDDEN, "Only the admin key can " + what + ".");
        }
    }

}
