package com.themepress.runtime.pool;

/** One addon version as the runtime knows it: the unit that owns a pool of instances. */
public record DeploymentKey(String name, String version) {

    @Override
    public String toString() {
        return name + "@" + version;
    }
}
