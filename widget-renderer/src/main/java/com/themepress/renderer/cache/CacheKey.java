package com.themepress.renderer.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import com.themepress.model.manifest.CacheScope;

/**
 * One render: addon, version, widget, a hash of the validated config (defaults applied) and the
 * output-relevant context, and who may be served it (the widget's {@link CacheScope}). A new version
 * is a new key, so it can never be served an old render; a changed config hashes differently for the
 * same reason. The last-good copy leaves the version out: when a new version's containers fail, the
 * previous version's output (marked stale) is still better than an error.
 */
public record CacheKey(String addon, String version, String widget, String hash, CacheScope scope, boolean pageScript) {

    /** A render for a page whose site did not grant the addon {@code page.script}. */
    public CacheKey(String addon, String version, String widget, String hash, CacheScope scope) {
        this(addon, version, widget, hash, scope, false);
    }

    /**
     * The key of one user's render. Every tier (L1, L2, last good, the render lock, flights in progress)
     * keys by {@link #hash}, so one user's variant can be found by no other key. The user id enters as a
     * digest: Redis keys then hold no raw ids and no separator a caller chose.
     */
    public CacheKey forUser(String user) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("user\n" + user).getBytes(StandardCharsets.UTF_8));
            return new CacheKey(addon, version, widget, hash + ".u" + HexFormat.of().formatHex(digest, 0, 16), scope, pageScript);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String fresh(String prefix) {
        return prefix + ":r:" + addon + ":" + version + ":" + widget + ":" + hash;
    }

    String lock(String prefix) {
        return prefix + ":lock:" + addon + ":" + version + ":" + widget + ":" + hash;
    }

    /** The index of this widget version's L2 renders, which bounds how many Redis keeps. */
    String freshIndex(String prefix) {
        return prefix + ":idx:r:" + addon + ":" + version + ":" + widget;
    }

    /** The index of this widget's last good copies (every version's, as their keys have none). */
    String lastGoodIndex(String prefix) {
        return prefix + ":idx:good:" + addon + ":" + widget;
    }

    String lastGood(String prefix) {
        return prefix + ":good:" + addon + ":" + widget + ":" + hash;
    }

    String lastGoodLocal() {
        return addon + ":" + widget + ":" + hash;
    }
}
