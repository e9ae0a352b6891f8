package com.themepress.runtime.deploy;

import java.io.IOException;
import java.net.URI;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.StrictJson;
import com.themepress.runtime.pool.DeploymentKey;
import com.themepress.runtime.pool.DeploymentSpec;
import com.themepress.runtime.pool.PoolProperties;
import com.themepress.runtime.pool.PoolRegistry;
import com.themepress.runtime.sandbox.SandboxProperties;
import com.themepress.runtime.wasm.ModuleStore;
import com.themepress.runtime.wasm.WasmDeployments;
import com.themepress.runtime.wasm.WasmSpec;
import com.themepress.runtime.web.Bodies;
import com.themepress.runtime.web.WebProperties;

import jakarta.servlet.http.HttpServletRequest;
import tools.jackson.databind.JsonNode;

/**
 * Deployments, as the addon-server declares them. PUT is idempotent: the same spec again changes
 * nothing, a different one replaces the instances blue/green. PUT answers once minInstances
 * instances are ready, so no call after it waits for a container start. A body that names a
 * {@code module} instead of an {@code image} deploys to the WASM tier: the module is fetched by its
 * SHA-256 and instantiated in-process; a key lives in one tier at a time.
 */
@RestController
@RequestMapping("/runtime/deployments")
class DeploymentController {

    private final PoolRegistry pools;
    private final WasmDeployments modules;
    private final ModuleStore moduleStore;
    private final PoolProperties poolProps;
    private final String runtimeId;
    private final long maxBody;

    DeploymentController(PoolRegistry pools, WasmDeployments modules, ModuleStore moduleStore, PoolProperties poolProps,
            SandboxProperties sandbox, WebProperties web) {
        this.pools = pools;
        this.modules = modules;
        this.moduleStore = moduleStore;
        this.poolProps = poolProps;
        this.runtimeId = sandbox.runtimeId();
        this.maxBody = web.maxBody().toBytes();
    }

    @PutMapping("/{name}/{version}")
    ResponseEntity<DeploymentView> put(@PathVariable String name, @PathVariable String version, HttpServletRequest request)
            throws IOException {
        DeploymentKey key = DeploymentSpecParser.key(name, version);
        requireJson(request.getContentType());
        JsonNode body = StrictJson.parse(Bodies.read(request, maxBody));
        if (DeploymentSpecParser.namesModule(body)) {
            return putModule(name, version, key, DeploymentSpecParser.parseModule(body));
        }
        DeploymentSpec spec = DeploymentSpecParser.parse(body);
        if (!pools.imageExists(spec.image())) {
            throw new PlatformException(ProblemType.INVALID_REQUEST,
                    "Image " + spec.image() + " is not present on this runtime's Docker engine; build or load it first.",
                    List.of(new FieldError("/image", "image not present on the engine")));
        }
        modules.remove(key);
        PoolRegistry.Put put = pools.put(key, spec);
        Optional<String> notWarm = put.pool().awaitWarm(poolProps.startTimeout().plus(poolProps.queueTimeout()));
        if (notWarm.isPresent()) {
            throw new PlatformException(ProblemType.UPSTREAM_FAILED, "Deployment " + key
                    + " is stored, but its instances did not become healthy: " + notWarm.get());
        }
        DeploymentView view = DeploymentView.of(put.pool());
        return put.created()
                ? ResponseEntity.created(URI.create("/runtime/deployments/" + name + "/" + version)).body(view)
                : ResponseEntity.ok(view);
    }

    private ResponseEntity<DeploymentView> putModule(String name, String version, DeploymentKey key, WasmSpec spec) {
        WasmDeployments.Put put = modules.put(key, spec, moduleStore.fetch(spec.module()));
        pools.remove(key);
        DeploymentView view = DeploymentView.of(put.pool());
        return put.created()
                ? ResponseEntity.created(URI.create("/runtime/deployments/" + name + "/" + version)).body(view)
                : ResponseEntity.ok(view);
    }

    @GetMapping
    DeploymentView.Listing list() {
        return new DeploymentView.Listing(runtimeId, Stream.concat(
                        pools.all().stream().map(DeploymentView::of), modules.all().stream().map(DeploymentView::of))
                .sorted(Comparator.comparing(DeploymentView::name).thenComparing(DeploymentView::version))
                .toList());
    }

    @GetMapping("/{name}/{version}")
    DeploymentView get(@PathVariable String name, @PathVariable String version) {
        DeploymentKey key = new DeploymentKey(name, version);
        return pools.find(key).map(DeploymentView::of)
                .or(() -> modules.find(key).map(DeploymentView::of))
                .orElseThrow(() -> notFound(key));
    }

    @DeleteMapping("/{name}/{version}")
    ResponseEntity<Void> delete(@PathVariable String name, @PathVariable String version) {
        DeploymentKey key = new DeploymentKey(name, version);
        boolean removed = modules.remove(key);
        if (!pools.remove(key) && !removed) {
            throw notFound(key);
        }
        return ResponseEntity.noContent().build();
    }

    private static PlatformException notFound(DeploymentKey key) {
        return new PlatformException(ProblemType.NOT_FOUND, "Deployment " + key + " is not on this runtime.");
    }

    private static void requireJson(String contentType) {
        if (!StringUtils.hasText(contentType)) {
            return;
        }
        MediaType type;
        try {
            type = MediaType.parseMediaType(contentType);
        } catch (IllegalArgumentException e) {
            throw new PlatformException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "Content-Type cannot be parsed: " + contentType);
        }
        if (!MediaType.APPLICATION_JSON.isCompatibleWith(type) && !type.getSubtype().endsWith("+json")) {
            throw new PlatformException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "The deployment must be application/json, not "
                    + type + ".");
        }
    }
}
