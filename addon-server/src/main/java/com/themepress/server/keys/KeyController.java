package com.themepress.server.keys;

import java.net.URI;
import java.util.List;
import java.util.regex.Pattern;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.server.web.JsonBody;

import tools.jackson.databind.JsonNode;

/** {@code POST /api/keys {"developer": "acme"}} with the admin key creates a developer key. */
@RestController
@RequestMapping("/api/keys")
class KeyController {

    private static final Pattern DEVELOPER = Pattern.compile("^[a-z][a-z0-9-]{1,62}$");

    private final ApiKeys keys;

    KeyController(ApiKeys keys) {
        this.keys = keys;
    }

    @PostMapping
    ResponseEntity<IssuedKey> create(@RequestHeader(name = ApiKeyHeader.NAME, required = false) String key,
            JsonBody body) {
        if (!keys.authenticate(key).admin()) {
            throw new PlatformException(ProblemType.FORBIDDEN, "Only the admin key can create developer keys.");
        }
        JsonNode developer = body.json().path("developer");
        if (!developer.isString() || !DEVELOPER.matcher(developer.asString()).matches()) {
            throw new PlatformException(ProblemType.INVALID_REQUEST,
                    "developer must be a lowercase slug like 'acme-apps'.",
                    List.of(new FieldError("/developer", "must match " + DEVELOPER.pattern())));
        }
        IssuedKey issued = keys.issue(developer.asString());
        return ResponseEntity.created(URI.create("/api/keys/" + issued.id())).body(issued);
    }
}
