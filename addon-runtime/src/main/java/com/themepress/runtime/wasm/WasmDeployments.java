package com.themepress.runtime.wasm;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.stereotype.Component;

import com.dylibso.chicory.wasm.ChicoryException;
import com.dylibso.chicory.wasm.WasmModule;
import com.dylibso.chicory.wasm.types.MemoryLimits;
import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.wasm.WasmContract;
import com.themepress.runtime.pool.DeploymentKey;
import com.themepress.runtime.pool.PoolListener;
import com.themepress.runtime.time.Ticker;

/**
 * The module deployments on this runtime, one pool per addon version. A PUT of the same spec changes
 * nothing; a different one replaces the pool (calls running finish on the old instances). The module
 * is checked against the contract again here: the runtime runs nothing it has not read.
 */
@Component
public class WasmDeployments {

    /** 64 KiB pages per MB of {@code resources.memoryMb}. */
    private static final int PAGES_PER_MB = 16;

    /** Modules parsed and checked, by SHA-256: a new version of the same module (or a changed config) skips the parse. */
    private static final int PARSED_KEPT = 32;

    private final Map<DeploymentKey, WasmPool> pools = new ConcurrentHashMap<>();
    private final Map<String, WasmModule> parsed = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, WasmModule> eldest) {
            return size() > PARSED_KEPT;
        }
    };
    private final Ticker ticker;
    private final PoolListener listener;

    public WasmDeployments(Ticker ticker, PoolListener listener) {
        this.ticker = ticker;
        this.listener = listener;
    }

    public record Put(WasmPool pool, boolean created) {
    }

    /** Deploys {@code spec} from {@code moduleBytes}; 400 for a module that breaks the contract, 502 for one that is unhealthy. */
    public synchronized Put put(DeploymentKey key, WasmSpec spec, byte[] moduleBytes) {
        WasmPool existing = pools.get(key);
        if (existing != null && existing.spec().hash().equals(spec.hash())) {
            return new Put(existing, false);
        }
        WasmModule module = parsed(spec.module(), moduleBytes);
        WasmPool pool = new WasmPool(key, spec, module, limits(module, spec), ticker, listener);
        try {
            pool.warm(Math.max(1, spec.resources().minInstances()));
        } catch (ChicoryException | WasmFailure e) {
            throw new PlatformException(ProblemType.UPSTREAM_FAILED, "Deployment " + key + " did not become healthy: module "
                    + spec.module() + " " + (e instanceof WasmFailure ? e.getMessage() : "failed to start: " + e.getMessage()));
        }
        pools.put(key, pool);
        return new Put(pool, existing == null);
    }

    private WasmModule parsed(String sha256, byte[] moduleBytes) {
        WasmModule known = parsed.get(sha256);
        if (known != null) {
            return known;
        }
        WasmContract.Checked checked = WasmContract.check(moduleBytes);
        if (!checked.valid()) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "Module " + sha256 + " does not follow the contract: "
                    + String.join("; ", checked.problems()), checked.problems().stream().map(p -> new FieldError("/module", p)).toList());
        }
        WasmModule module = checked.module().orElseThrow();
        parsed.put(sha256, module);
        return module;
    }

    public Optional<WasmPool> find(DeploymentKey key) {
        return Optional.ofNullable(pools.get(key));
    }

    public boolean remove(DeploymentKey key) {
        return pools.remove(key) != null;
    }

    public Collection<WasmPool> all() {
        return List.copyOf(pools.values());
    }

    /** The module's own initial size, and at most what its memoryMb allows (and what it declares, if less). */
    private static MemoryLimits limits(WasmModule module, WasmSpec spec) {
        MemoryLimits declared = module.memorySection().filter(s -> s.memoryCount() > 0).map(s -> s.getMemory(0).limits())
                .orElse(new MemoryLimits(0, 0));
        int cap = Math.min(declared.maximumPages(), spec.resources().memoryMb() * PAGES_PER_MB);
        if (declared.initialPages() > cap) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "Module " + spec.module() + " starts with "
                    + declared.initialPages() / PAGES_PER_MB + " MB of memory, more than its resources.memoryMb ("
                    + spec.resources().memoryMb() + ").", List.of(new FieldError("/resources/memoryMb", "below the module's initial memory")));
        }
        return new MemoryLimits(declared.initialPages(), cap);
    }
}
