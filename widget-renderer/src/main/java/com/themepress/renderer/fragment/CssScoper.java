package com.themepress.renderer.fragment;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * Rescopes an addon's stylesheet to its own widget. Inside the fragment's shadow root a rule can
 * only match the widget's own elements; what could still reach outside is removed here:
 * <ul>
 *   <li>{@code :root}, {@code html}, {@code body}, {@code :host}, {@code :host()} and
 *       {@code :host-context()} in selectors become {@code .tp-widget-root}, the widget's own
 *       wrapper: "the page" of a widget is its root, and the host element (whose box the platform
 *       pins with {@code contain: content}) cannot be restyled from inside;</li>
 *   <li>at-rules other than {@code @media}, {@code @supports}, {@code @container}, {@code @layer},
 *       {@code @scope}, {@code @starting-style} and {@code @keyframes} are dropped
 *       ({@code @import}, {@code @font-face}, {@code @property}, {@code @page}, {@code @namespace}...);</li>
 *   <li>declarations with {@code expression()}, {@code javascript:}/{@code vbscript:}, bindings or
 *       behaviours, or {@code url()}s other than relative, http(s) and raster {@code data:image}s
 *       are dropped, escapes decoded first; selectors with escapes are dropped whole;</li>
 *   <li>every {@code <} becomes the CSS escape {@code \3c }, so no text can close the
 *       {@code <style>} element it is embedded in.</li>
 * </ul>
 * It is a filter, not a validator: what it keeps is passed on as written.
 */
public final class CssScoper {

    public static final String ROOT_CLASS = "tp-widget-root";

    private static final char MARK = '\u0000';
    private static final Set<String> NESTING_AT_RULES = Set.of("media", "supports", "container", "layer", "scope", "starting-style");
    private static final Set<String> KEYFRAMES = Set.of("keyframes", "-webkit-keyframes");
    private static final Pattern TYPE_ROOT = Pattern.compile("(?<=^|[\\s>+~(,])(?i:html|body)(?![\\w-])");
    private static final Pattern PSEUDO_ROOT = Pattern.compile("(?i):host-context\\([^)]*\\)|:host\\([^)]*\\)|:host(?![\\w-])|:root(?![\\w-])");
    private static final Pattern MARK_RUN = Pattern.compile(MARK + "(?:\\s*[>+~]?\\s*" + MARK + ")+");
    private static final Pattern PROPERTY = Pattern.compile("^-{0,2}[a-zA-Z][\\w-]*\\s*:");
    private static final Pattern URL = Pattern.compile("(?i)(?:url|src|image-set|image)\\(\\s*(['\"]?)([^'\")]*)\\1");
    private static final Pattern SAFE_URL = Pattern.compile("(?i)^(?:https?://|data:image/(?:png|gif|jpe?g|webp)[;,]|[^:]*$)");
    private static final Pattern HEX_ESCAPE = Pattern.compile("\\\\([0-9a-fA-F]{1,6})\\s?");

    private static final Cache<String, String> SCOPED = Caffeine.newBuilder()
            .maximumWeight(4L * 1024 * 1024)
            .weigher((String in, String out) -> 2 * (in.length() + out.length()) + 96)
            .build();

    private final String src;
    private final StringBuilder out;
    private int pos;

    private CssScoper(String src) {
        this.src = src;
        this.out = new StringBuilder(src.length());
    }

    public static String scope(String css) {
        if (css.isBlank()) {
            return "";
        }
        // An addon sends the same stylesheet with most renders (only the config differs), so a miss
        // usually finds its scoped copy here.
        return SCOPED.get(css, CssScoper::scopeNow);
    }

    private static String scopeNow(String css) {
        CssScoper scoper = new CssScoper(stripComments(css.replace(String.valueOf(MARK), "")));
        while (scoper.pos < scoper.src.length()) {
            scoper.items(true, true);
            scoper.pos++; // a stray '}' at the top level
        }
        return scoper.out.toString().replace("<", "\\3c ");
    }

    /** Rules and, inside blocks, declarations, up to (not past) the closing brace or the end. */
    private void items(boolean topLevel, boolean rewriteSelectors) {
        while (true) {
            skipWhitespace();
            if (pos >= src.length() || src.charAt(pos) == '}') {
                return;
            }
            int start = pos;
            scanPrelude();
            String prelude = src.substring(start, pos).strip();
            char term = pos < src.length() ? src.charAt(pos) : ';';
            if (term == '{') {
                pos++;
                block(prelude, rewriteSelectors);
            } else {
                if (term == ';') {
                    pos++;
                }
                if (!topLevel && !prelude.isEmpty() && !prelude.startsWith("@") && safeDeclaration(prelude)) {
                    out.append(prelude).append(';');
                }
            }
        }
    }

    private void block(String prelude, boolean rewriteSelectors) {
        if (prelude.startsWith("@")) {
            String name = prelude.substring(1).split("[\\s({]", 2)[0].toLowerCase(Locale.ROOT);
            if (NESTING_AT_RULES.contains(name) || KEYFRAMES.contains(name)) {
                out.append(prelude).append('{');
                items(false, !KEYFRAMES.contains(name));
                closeBlock();
            } else {
                skipBlock();
            }
            return;
        }
        if (rewriteSelectors && prelude.indexOf('\\') >= 0) {
            skipBlock();
            return;
        }
        out.append(rewriteSelectors ? rewrite(prelude) : prelude).append('{');
        items(false, rewriteSelectors);
        closeBlock();
    }

    private void closeBlock() {
        out.append('}');
        if (pos < src.length()) {
            pos++;
        }
    }

    /** Moves to the next '{', ';' or '}' outside strings, parentheses and brackets. */
    private void scanPrelude() {
        int depth = 0;
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == '"' || c == '\'') {
                skipString(c);
                continue;
            }
            if (c == '\\') {
                pos += 2;
                continue;
            }
            if (c == '(' || c == '[') {
                depth++;
            } else if ((c == ')' || c == ']') && depth > 0) {
                depth--;
            } else if (depth == 0 && (c == '{' || c == ';' || c == '}')) {
                return;
            }
            pos++;
        }
        pos = Math.min(pos, src.length());
    }

    private void skipBlock() {
        int depth = 1;
        while (pos < src.length() && depth > 0) {
            char c = src.charAt(pos);
            if (c == '"' || c == '\'') {
                skipString(c);
                continue;
            }
            if (c == '\\') {
                pos += 2;
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            }
            pos++;
        }
        pos = Math.min(pos, src.length());
    }

    private void skipString(char quote) {
        pos++;
        while (pos < src.length() && src.charAt(pos) != quote && src.charAt(pos) != '\n') {
            pos += src.charAt(pos) == '\\' ? 2 : 1;
        }
        pos = Math.min(pos + 1, src.length());
    }

    private void skipWhitespace() {
        while (pos < src.length() && Character.isWhitespace(src.charAt(pos))) {
            pos++;
        }
    }

    static String rewrite(String selectorList) {
        StringBuilder result = new StringBuilder(selectorList.length() + 16);
        StringBuilder plain = new StringBuilder();
        for (int i = 0; i < selectorList.length(); i++) {
            char c = selectorList.charAt(i);
            if (c == '[' || c == '"' || c == '\'') {
                result.append(markRoots(plain));
                plain.setLength(0);
                int end = c == '[' ? selectorList.indexOf(']', i) : selectorList.indexOf(c, i + 1);
                end = end < 0 ? selectorList.length() - 1 : end;
                result.append(selectorList, i, end + 1);
                i = end;
            } else {
                plain.append(c);
            }
        }
        result.append(markRoots(plain));
        if (result.indexOf(String.valueOf(MARK)) < 0) {
            return result.toString();
        }
        return MARK_RUN.matcher(result).replaceAll(String.valueOf(MARK)).replace(String.valueOf(MARK), "." + ROOT_CLASS);
    }

    private static String markRoots(CharSequence plain) {
        // The patterns look behind at every position; most selectors name none of these, so look first.
        String marked = plain.toString();
        if (marked.indexOf(':') >= 0) {
            marked = PSEUDO_ROOT.matcher(marked).replaceAll(String.valueOf(MARK));
        }
        String lower = marked.toLowerCase(Locale.ROOT);
        if (lower.contains("html") || lower.contains("body")) {
            marked = TYPE_ROOT.matcher(marked).replaceAll(String.valueOf(MARK));
        }
        return marked;
    }

    static boolean safeDeclaration(String declaration) {
        if (!PROPERTY.matcher(declaration).find() || declaration.indexOf('{') >= 0 || declaration.indexOf('}') >= 0) {
            return false;
        }
        String decoded = unescape(declaration).toLowerCase(Locale.ROOT);
        String compact = withoutWhitespace(decoded);
        if (compact.contains("expression(") || compact.contains("javascript:") || compact.contains("vbscript:")
                || compact.contains("-moz-binding") || compact.startsWith("behavior") || compact.startsWith("behaviour")
                || compact.contains("@import")) {
            return false;
        }
        Matcher url = URL.matcher(decoded);
        while (decoded.indexOf('(') >= 0 && url.find()) {
            if (!SAFE_URL.matcher(url.group(2).strip()).find()) {
                return false;
            }
        }
        return true;
    }

    private static String withoutWhitespace(String text) {
        StringBuilder compact = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c)) {
                compact.append(c);
            }
        }
        return compact.toString();
    }

    private static String unescape(String css) {
        if (css.indexOf('\\') < 0) {
            return css;
        }
        Matcher hex = HEX_ESCAPE.matcher(css);
        StringBuilder decoded = new StringBuilder();
        while (hex.find()) {
            int code = Integer.parseInt(hex.group(1), 16);
            hex.appendReplacement(decoded, Matcher.quoteReplacement(
                    Character.isValidCodePoint(code) && code != 0 ? new String(Character.toChars(code)) : "\uFFFD"));
        }
        hex.appendTail(decoded);
        return decoded.toString().replaceAll("\\\\(.)", "$1");
    }

    private static String stripComments(String css) {
        StringBuilder result = new StringBuilder(css.length());
        int i = 0;
        while (i < css.length()) {
            char c = css.charAt(i);
            if (c == '/' && i + 1 < css.length() && css.charAt(i + 1) == '*') {
                int end = css.indexOf("*/", i + 2);
                i = end < 0 ? css.length() : end + 2;
                result.append(' ');
            } else if (c == '"' || c == '\'') {
                int end = i + 1;
                while (end < css.length() && css.charAt(end) != c && css.charAt(end) != '\n') {
                    end += css.charAt(end) == '\\' ? 2 : 1;
                }
                end = Math.min(end, css.length() - 1);
                result.append(css, i, end + 1);
                i = end + 1;
            } else {
                result.append(c);
                i++;
            }
        }
        return result.toString();
    }
}
