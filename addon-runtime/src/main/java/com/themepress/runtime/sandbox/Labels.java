package com.themepress.runtime.sandbox;

import java.util.Map;

import com.themepress.runtime.pool.DeploymentKey;

/** The labels every instance container carries; the runtime label is how leftovers are found. */
public final class Labels {

    public static final String RUNTIME = "themepress.runtime";
    public static final String ADDON = "themepress.addon";
    public static final String VERSION = "themepress.version";
    public static final String INSTANCE = "themepress.instance";
    public static final String SPEC = "themepress.spec";
    /** Marks the networks this runtime creates, with their role as value. */
    public static final String NETWORK = "themepress.network";

    private Labels() {
    }

    static Map<String, String> of(String runtimeId, DeploymentKey key, String instanceId, String specHash) {
        return Map.of(RUNTIME, runtimeId, ADDON, key.name(), VERSION, key.version(), INSTANCE, instanceId,
                SPEC, specHash);
    }
}
