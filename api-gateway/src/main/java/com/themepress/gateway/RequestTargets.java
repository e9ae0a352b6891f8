package com.themepress.gateway;

/**
 * Request targets that would name another path once the service behind decodes and normalises them. The
 * gateway routes on the raw path: {@code /api/addons/../../internal/widgets/a/b} matches
 * {@code /api/addons/**} and would be forwarded as it is, for Tomcat behind to resolve to
 * {@code /internal/widgets/a/b}, with the gateway's service key on it. No client needs dot segments or
 * encoded slashes, so the gateway refuses them instead of trying to agree with every server on their
 * meaning. One pass, no allocation: the widget edge checks every widget GET.
 */
public final class RequestTargets {

    private RequestTargets() {
    }

    /**
     * True when the path of {@code target} (anything from a {@code ?} on is ignored) has a {@code .} or
     * {@code ..} segment, with dots plain or encoded and with or without {@code ;parameters} (Tomcat drops
     * those before it normalises), or an encoded slash or backslash, or a backslash.
     */
    public static boolean leavesItsPath(CharSequence target) {
        int length = target.length();
        int dots = 0;
        boolean other = false;
        boolean parameters = false;
        for (int i = 0; i <= length; i++) {
            char c = i < length ? target.charAt(i) : '?';
            if (c == '/' || c == '?') {
                if (!other && (dots == 1 || dots == 2)) {
                    return true;
                }
                if (c == '?') {
                    return false;
                }
                dots = 0;
                other = false;
                parameters = false;
            } else if (parameters) {
                continue;
            } else if (c == ';') {
                parameters = true;
            } else if (c == '\\') {
                return true;
            } else if (c == '%' && i + 2 < length) {
                char high = target.charAt(i + 1);
                char low = Character.toLowerCase(target.charAt(i + 2));
                if ((high == '2' && low == 'f') || (high == '5' && low == 'c')) {
                    return true;
                }
                if (high == '2' && low == 'e') {
                    dots++;
                } else {
                    other = true;
                }
                i += 2;
            } else if (c == '.') {
                dots++;
            } else {
                other = true;
            }
        }
        return false;
    }
}
