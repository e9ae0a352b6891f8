package com.themepress.runtime.wasm;

import com.themepress.model.manifest.Resources;

/**
 * A deployment that runs a module. Two specs with the same {@link #hash()} make interchangeable instances.
 *
 * @param module the module's SHA-256, hex: what the runtime fetches and checks the bytes against
 * @param resources timeoutMs bounds each call, memoryMb the module's memory, maxInstances times
 *        concurrency the calls at once, minInstances the instances made ready on deploy
 * @param configJson the addon configuration as compact JSON, given to each call
 * @param hash SHA-256 of the canonical form of all of the above, hex
 */
public record WasmSpec(String module, Resources resources, String configJson, String hash) {
}
