package com.themepress.model.hostapi;

import java.util.regex.Pattern;

/**
 * What one call into a container may do on the host API: act as {@code addon} at {@code version}
 * for {@code site} (empty for a call of no site), while call {@code callId} on instance
 * {@code instance} runs, and never after {@code expiresAt} (epoch milliseconds). The grant is not
 * in the token: the addon-server asks the installation's current grant on every request, so a
 * permission taken back stops working at once, even for a call already running.
 */
public record InvocationToken(String addon, String version, String site, String callId, String instance, long expiresAt) {

    /** The header the runtime sends the token in, and the host API reads it from ({@code Authorization: Bearer} works too). */
    public static final String HEADER = "X-Themepress-Token";
    /** Fields are joined by this; none of them may contain it. */
    static final String SEPARATOR = "|";
    private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9._+:-]*");

    public InvocationToken {
        for (String field : new String[] {addon, version, site, callId, instance}) {
            if (!FIELD.matcher(field).matches()) {
                throw new IllegalArgumentException("token field '" + field + "' has characters a token cannot carry");
            }
        }
    }

    public boolean hasSite() {
        return !site.isEmpty();
    }

    String payload() {
        return String.join(SEPARATOR, "v1", addon, version, site, callId, instance, Long.toString(expiresAt));
    }
}
