package com.themepress.renderer.cache;

/**
 * One render: addon, version, widget, and a hash of the validated config (defaults applied) and
 * the output-relevant context. A new version is a new key, so it can never be served an old render;
 * a changed config hashes differently for the same reason. The last-good copy leaves the version
 * out: when a new version's containers fail, the previous version's output (marked stale) is still
 * better than an error.
 */
public record CacheKey(String addon, String version, String widget, String hash) {

    String fresh(String prefix) {
        return prefix + ":r:" + addon + ":" + version + ":" + widget + ":" + hash;
    }

    String lock(String prefix) {
        return prefix + ":lock:" + addon + ":" + version + ":" + widget + ":" + hash;
    }

    String lastGood(String prefix) {
        return prefix + ":good:" + addon + ":" + widget + ":" + hash;
    }

    String lastGoodLocal() {
        return addon + ":" + widget + ":" + hash;
    }
}
