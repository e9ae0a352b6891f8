package com.themepress.renderer.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import com.themepress.model.schema.StrictJson;
import com.themepress.renderer.fragment.Fragments;
import com.themepress.renderer.fragment.WidgetOutput;

/**
 * A sanitised render with both representations already serialised, so that serving a cache hit
 * is copying bytes. The ETag is a hash of the JSON form; each representation gets its own tag, and
 * the fragment's also names its form (in-page or framed). Only the JSON form is stored in Redis: the
 * fragment is made again from it by this renderer's {@link Fragments}, so every tier serves the form
 * this renderer's settings choose.
 */
public record Rendered(String version, WidgetOutput output, byte[] json, byte[] fragment, String fragmentTag, String etagBase) {

    static Rendered of(CacheKey key, WidgetOutput safe, Fragments fragments) {
        return withJson(key, safe, StrictJson.mapper().writeValueAsBytes(safe), fragments);
    }

    /**
     * A render read back from Redis. Its JSON form is the stored text itself, byte for byte what
     * the renderer that rendered it served, so the ETag comes out the same without serialising again.
     */
    static Rendered fromJson(CacheKey key, String stored, Fragments fragments) {
        WidgetOutput safe = StrictJson.mapper().readValue(stored, WidgetOutput.class);
        return withJson(key, safe, stored.getBytes(StandardCharsets.UTF_8), fragments);
    }

    private static Rendered withJson(CacheKey key, WidgetOutput safe, byte[] json, Fragments fragments) {
        Fragments.Embedded embedded = fragments.of(key.addon(), key.version(), key.widget(), safe, key.pageScript());
        return new Rendered(key.version(), safe, json, embedded.html(), embedded.tag(), hash(json));
    }

    public String etag(boolean fragmentForm) {
        return "\"" + etagBase + "-" + (fragmentForm ? fragmentTag : "j") + "\"";
    }

    /** About the heap this entry holds: both forms, the output's strings (two bytes a char at worst) and the objects around them. */
    int weight() {
        return json.length + fragment.length
                + 2 * (output.html().length() + output.css().length() + output.javascript().length()) + 512;
    }

    String jsonText() {
        return new String(json, StandardCharsets.UTF_8);
    }

    private static String hash(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 15));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
