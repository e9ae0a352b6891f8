package com.themepress.server.instances;

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
import com.themepress.model.schema.StrictJson;
import com.themepress.runtimeclient.RuntimeClient;
import com.themepress.server.keys.ApiKeyHeader;
import com.themepress.server.keys.ApiKeys;
import com.themepress.server.keys.Caller;
import com.themepress.server.registry.RegistryService;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code GET /api/addons/{name}/instances}: the addon's deployments on the runtime (each version, and its
 * {@code +offline} twin, with its instances and their state), for the operator or the addon's developer.
 * Read from the runtime on each request: it is the only one that knows, and an operator's page is rare.
 */
@RestController
class InstancesController {

    private final ApiKeys keys;
    private final RegistryService registry;
    private final RuntimeClient runtime;

    InstancesController(ApiKeys keys, RegistryService registry, RuntimeClient runtime) {
        this.keys = keys;
        this.registry = registry;
        this.runtime = runtime;
    }

    @GetMapping("/api/addons/{name}/instances")
    JsonNode instances(@RequestHeader(name = ApiKeyHeader.NAME, required = false) @Nullable String key, @PathVariable String name) {
        Caller caller = keys.authenticate(key);
        if (!Names.ADDON.matches(name)) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "Not an addon name.", List.of(new FieldError("/name", "must be an addon name")));
        }
        if (!caller.admin() && !registry.isOwner(caller, name)) {
            throw new PlatformException(ProblemType.FORBIDDEN, "Only the addon's developer (or the operator) sees its instances.");
        }
        JsonNode listing = StrictJson.mapper().readTree(runtime.deployments());
        ObjectNode answer = StrictJson.mapper().createObjectNode();
        answer.put("addon", name);
        answer.put("runtimeId", listing.path("runtimeId").asString(""));
        ArrayNode deployments = answer.putArray("deployments");
        listing.path("deployments").forEach(d -> {
            if (name.equals(d.path("name").asString(""))) {
                deployments.add(d);
            }
        });
        return answer;
    }
}
