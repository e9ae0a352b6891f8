package com.themepress.server.modules;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.wasm.WasmContract;
import com.themepress.server.keys.ApiKeyHeader;
import com.themepress.server.keys.ApiKeys;
import com.themepress.server.keys.Caller;
import com.themepress.server.registry.RegistryService;

import jakarta.servlet.http.HttpServletRequest;

/**
 * A version's WebAssembly module. The owner uploads it once ({@code PUT}, the raw bytes): at most
 * {@code themepress.modules.max-size}, a valid module with every export of the contract and no import
 * beyond the host functions (400 naming what is wrong), for a version whose manifest names a module.
 * The same bytes again answer 200; other bytes 409, since calls already made ran the first ones. The
 * runtime fetches a module by its SHA-256 ({@code /internal/modules}, service key only).
 */
@RestController
class ModuleController {

    static final MediaType WASM = MediaType.parseMediaType("application/wasm");

    /** What GET and PUT answer about a version's module. */
    record ModuleView(String name, String version, String sha256, long size) {
    }

    private final AddonModules modules;
    private final RegistryService registry;
    private final ApiKeys keys;
    private final long maxSize;

    ModuleController(AddonModules modules, RegistryService registry, ApiKeys keys, ModuleProperties props) {
        this.modules = modules;
        this.registry = registry;
        this.keys = keys;
        this.maxSize = props.maxSize().toBytes();
    }

    @PutMapping("/api/addons/{name}/versions/{version}/module")
    ResponseEntity<ModuleView> upload(@RequestHeader(name = ApiKeyHeader.NAME, required = false) String key,
            @PathVariable String name, @PathVariable String version, HttpServletRequest request) throws IOException {
        Caller caller = keys.authenticate(key);
        if (!caller.admin() && !registry.isOwner(caller, name)) {
            throw new PlatformException(ProblemType.FORBIDDEN,
                    "Addon '" + name + "' belongs to another developer; only its owner may upload its modules.");
        }
        AddonManifest manifest = registry.versionManifest(name, version);
        if (!manifest.namesModule()) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "Version " + version + " of '" + name
                    + "' runs an image; only a version whose manifest names a \"module\" takes one.",
                    List.of(new FieldError("/module", "the manifest names no module")));
        }
        byte[] bytes = read(request);
        WasmContract.Checked checked = WasmContract.check(bytes);
        if (!checked.valid()) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "The module does not follow the contract (docs/wasm.md): "
                    + String.join("; ", checked.problems()) + ".", checked.problems().stream().map(p -> new FieldError("", p)).toList());
        }
        AddonModules.Stored stored = modules.put(name, manifest.version(), bytes);
        ModuleView view = new ModuleView(name, manifest.version(), stored.sha256(), stored.size());
        return switch (stored.outcome()) {
            case CREATED -> ResponseEntity.created(URI.create(request.getRequestURI())).body(view);
            case SAME -> ResponseEntity.ok(view);
            case CONFLICT -> throw new PlatformException(ProblemType.ALREADY_EXISTS, "Version " + manifest.version() + " of '" + name
                    + "' already has a module (sha256 " + stored.sha256() + "); a module is never replaced: register a new version.");
        };
    }

    @GetMapping("/api/addons/{name}/versions/{version}/module")
    ModuleView describe(@PathVariable String name, @PathVariable String version) {
        AddonManifest manifest = registry.versionManifest(name, version);
        return modules.version(name, manifest.version())
                .map(d -> new ModuleView(name, manifest.version(), d.getString("sha256"), ((Number) d.get("size")).longValue()))
                .orElseThrow(() -> new PlatformException(ProblemType.NOT_FOUND, "Version " + manifest.version() + " of '" + name
                        + "' has no module."));
    }

    @GetMapping("/internal/modules/{sha256}")
    ResponseEntity<byte[]> fetch(@PathVariable String sha256) {
        byte[] bytes = modules.bytes(sha256).orElseThrow(() -> new PlatformException(ProblemType.NOT_FOUND, "No module " + sha256 + "."));
        return ResponseEntity.ok().contentType(WASM).body(bytes);
    }

    private byte[] read(HttpServletRequest request) throws IOException {
        if (request.getContentLengthLong() > maxSize) {
            throw tooLarge();
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes((int) maxSize + 1);
            if (bytes.length > maxSize) {
                throw tooLarge();
            }
            return bytes;
        }
    }

    private PlatformException tooLarge() {
        return new PlatformException(ProblemType.PAYLOAD_TOO_LARGE, "A module may be at most " + maxSize
                + " bytes (themepress.modules.max-size).");
    }
}
