package com.themepress.model.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.themepress.model.names.Names;

/**
 * The site a call into an addon's container is made for, and that installation's settings: the
 * addon-server sends them to the runtime, which passes them on to the container as two headers
 * (spec section 6). The settings travel as base64url of their JSON, so a header can hold any of them.
 */
public record SiteContext(String site, @Nullable String settings) {

    public static final String SITE_HEADER = "X-Themepress-Site";
    public static final String SETTINGS_HEADER = "X-Themepress-Settings";
    /** Longest settings header: installing refuses settings whose JSON is over 4 KB, about 5.5 KB in base64. */
    public static final int MAX_SETTINGS_HEADER = 8192;
    private static final Pattern BASE64URL = Pattern.compile("[A-Za-z0-9_-]*");

    /** {@code settingsJson} as the installation stores it. */
    public static SiteContext of(String site, String settingsJson) {
        return new SiteContext(site, Base64.getUrlEncoder().withoutPadding().encodeToString(settingsJson.getBytes(StandardCharsets.UTF_8)));
    }

    /** The context in a request's headers: null when there is none or it is not well-formed (a caller's mistake, not passed on). */
    public static @Nullable SiteContext fromHeaders(@Nullable String site, @Nullable String settings) {
        if (site == null || site.isEmpty() || !Names.SITE.matches(site)) {
            return null;
        }
        boolean settingsOk = settings == null || settings.length() <= MAX_SETTINGS_HEADER && BASE64URL.matcher(settings).matches();
        return new SiteContext(site, settingsOk ? settings : null);
    }
}
