package com.themepress.renderer.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import com.themepress.model.schema.StrictJson;
import com.themepress.renderer.fragment.Fragment;
import com.themepress.renderer.fragment.WidgetOutput;

/**
 * A sanitised render with both representations already serialised, so that serving a cache hit
 * is copying bytes. The ETag is a hash of the JSON form; each representation gets its own tag.
 */
public record Rendered(String version, WidgetOutput output, byte[] json, byte[] fragment, String etagBase) {

    static Rendered of(CacheKey key, WidgetOutput safe) {
        byte[] json = StrictJson.mapper().writeValueAsBytes(safe);
        return new Rendered(key.version(), safe, json, Fragment.of(key.addon(), key.version(), key.widget(), safe), hash(json));
    }

    /**
     * A render read back from Redis. Its JSON form is the stored text itself, byte for byte what
     * the renderer that rendered it served, so the ETag comes out the same without serialising again.
     */
    static Rendered fromJson(CacheKey key, String stored) {
        WidgetOutput safe = StrictJson.mapper().readValue(stored, WidgetOutput.class);
        byte[] json = stored.getBytes(StandardCharsets.UTF_8);
        return new Rendered(key.version(), safe, json, Fragment.of(key.addon(), key.version(), key.widget(), safe), hash(json));
    }

    public String etag(boolean fragmentForm) {
        return "\"" + etagBase + (fragmentForm ? "-h" : "-j") + "\"";
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
