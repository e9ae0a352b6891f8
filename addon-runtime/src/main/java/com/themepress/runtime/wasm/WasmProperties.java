package com.themepress.runtime.wasm;

import java.net.URI;
import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The WASM tier ({@code themepress.runtime.wasm.*}).
 *
 * @param stackSize the stack of each thread that runs a call: Chicory's interpreter recurses on the
 *        Java stack for every WebAssembly call, so this bounds how deep a module may recurse
 * @param moduleSource where modules are fetched by their SHA-256 (the addon-server), with the service key
 * @param fetchTimeout longest wait for a module download
 * @param maxModuleSize largest module the runtime loads
 * @param cachedModules modules kept in memory once fetched (least recently used go first)
 */
@ConfigurationProperties("themepress.runtime.wasm")
@Validated
public record WasmProperties(@DefaultValue("512KB") @NotNull DataSize stackSize,
        @DefaultValue("http://127.0.0.1:8081") @NotNull URI moduleSource,
        @DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration fetchTimeout,
        @DefaultValue("16MB") @NotNull DataSize maxModuleSize,
        @DefaultValue("64") @Min(1) @Max(4096) int cachedModules) {

    @AssertTrue(message = "stack-size must be 64 KB to 64 MB")
    boolean isStackSizeInRange() {
        return stackSize != null && stackSize.toBytes() >= 64 * 1024 && stackSize.toBytes() <= 64L * 1024 * 1024;
    }

    @AssertTrue(message = "max-module-size must be 1 KB to 256 MB")
    boolean isMaxModuleSizeInRange() {
        return maxModuleSize != null && maxModuleSize.toBytes() >= 1024 && maxModuleSize.toBytes() <= 256L * 1024 * 1024;
    }

    @AssertTrue(message = "module-source must be an http or https URL")
    boolean isModuleSourceHttp() {
        return moduleSource != null && ("http".equals(moduleSource.getScheme()) || "https".equals(moduleSource.getScheme()))
                && moduleSource.getHost() != null;
    }
}
