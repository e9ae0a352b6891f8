package com.themepress.model.manifest;

/**
 * What one addon version may use. Defaults are the manifest schema's and live only in
 * {@link #DEFAULTS}; a manifest that leaves a field out gets the default here.
 */
public record Resources(int memoryMb, double cpus, int timeoutMs, int minInstances, int maxInstances, int concurrency) {

    public static final Resources DEFAULTS = new Resources(512, 0.5, 30_000, 0, 2, 8);
}
