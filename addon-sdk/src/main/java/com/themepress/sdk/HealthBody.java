package com.themepress.sdk;

import java.nio.charset.StandardCharsets;

/**
 * The {@code /health} answer, written by hand once at start. Health is what the platform polls to
 * decide an instance is up; answering it without Jackson lets the mapper's costly first use
 * (a few hundred milliseconds of class loading at half a CPU) overlap that polling instead of
 * delaying it. See {@link Json#warmUp()}.
 */
final class HealthBody {

    private HealthBody() {
    }

    static byte[] of(AddonInfo info) {
        return ("{\"status\":\"UP\",\"instance\":" + quote(info.instanceId()) + ",\"addon\":" + quote(info.name())
                + ",\"version\":" + quote(info.version()) + "}").getBytes(StandardCharsets.UTF_8);
    }

    /** A JSON string literal (RFC 8259 section 7). */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
