package com.themepress.server.callstats;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.themepress.model.names.Names;
import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.server.keys.ApiKeyHeader;
import com.themepress.server.keys.ApiKeys;
import com.themepress.server.keys.Caller;
import com.themepress.server.registry.RegistryService;

/** {@code GET /api/addons/{name}/stats}: the addon's owner (developer key) or the operator; 403 for anyone else. */
@RestController
class CallStatsController {

    private final ApiKeys keys;
    private final RegistryService registry;
    private final CallStats stats;

    CallStatsController(ApiKeys keys, RegistryService registry, CallStats stats) {
        this.keys = keys;
        this.registry = registry;
        this.stats = stats;
    }

    @GetMapping("/api/addons/{name}/stats")
    CallStats.Snapshot stats(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key, @PathVariable String name) {
        Caller caller = keys.authenticate(key);
        if (!Names.ADDON.matches(name)) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "Not an addon name.", List.of(new FieldError("/name", "must be an addon name")));
        }
        if (!caller.admin() && !registry.isOwner(caller, name)) {
            throw new PlatformException(ProblemType.FORBIDDEN, "Only the addon's developer (or the operator) reads its call statistics.");
        }
        return stats.of(name);
    }
}
