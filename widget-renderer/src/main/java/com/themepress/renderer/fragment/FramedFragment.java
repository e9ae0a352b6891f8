package com.themepress.renderer.fragment;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.stream.Collectors;

import org.springframework.web.util.HtmlUtils;

/**
 * The embeddable form of a widget with script: one {@code <themepress-widget>} element whose shadow
 * root holds a sandboxed iframe ({@code sandbox="allow-scripts allow-forms"}, never
 * {@code allow-same-origin}), so the widget's document has an opaque origin: its script can reach
 * neither the page's DOM, cookies and storage nor its navigation. The frame's document travels in
 * {@code srcdoc}: the fragment stays one response, cached like any other, and the frame costs no
 * request. Inside it a Content-Security-Policy allows exactly two scripts by hash (the platform's
 * frame script and the widget's own), styles, images, and no connection at all.
 *
 * <p>The widget's execute calls and its height cross the frame's edge through a small postMessage
 * bridge (docs/widget-bridge.md): the frame script turns the widget's {@code fetch} of its own
 * addon's execute URL into a message, and the page-side script, which listens only to this frame,
 * checks the message's shape, makes the call for the widget's own addon only, without credentials,
 * and posts the answer back; it also applies the frame's reported height, clamped.
 */
final class FramedFragment {

    static final String SANDBOX = "allow-scripts allow-forms";

    private static final String FRAME_SCRIPT = script("frame.js");
    private static final String BRIDGE_SCRIPT = script("bridge.js");
    private static final String BRIDGE_ARGUMENTS = "(document.currentScript, ADDON, API)";
    private static final String FRAME_SCRIPT_HASH = sha256(FRAME_SCRIPT);
    private static final String HOST_CSS = ":host{all:initial;display:block;contain:content;position:relative}"
            + "iframe{display:block;width:100%;border:0;color-scheme:normal}";
    private static final String FRAME_CSS = "html,body{margin:0;padding:0;background:transparent}"
            + "." + CssScoper.ROOT_CLASS + "{display:flow-root;font:16px/1.4 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2328}";
    /** Everything but scripts; {@code 'self'} would mean nothing in an opaque origin, so images name their schemes. */
    private static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src http: https: data:;"
            + " connect-src 'none'; form-action 'none'; base-uri 'none'; script-src";

    private FramedFragment() {
    }

    static byte[] of(String addon, String version, String widget, WidgetOutput safe, String apiBase) {
        String frame = frameDocument(addon, safe, apiBase);
        StringBuilder html = new StringBuilder(frame.length() * 6 / 5 + BRIDGE_SCRIPT.length() + 512);
        html.append("<themepress-widget data-addon=\"").append(HtmlUtils.htmlEscape(addon))
                .append("\" data-widget=\"").append(HtmlUtils.htmlEscape(widget))
                .append("\" data-version=\"").append(HtmlUtils.htmlEscape(version)).append("\" data-form=\"frame\">")
                .append("<template shadowrootmode=\"open\"><style>").append(HOST_CSS).append("</style>")
                .append("<iframe sandbox=\"").append(SANDBOX).append("\" title=\"").append(HtmlUtils.htmlEscape(addon + "/" + widget))
                .append("\" srcdoc=\"").append(HtmlUtils.htmlEscape(frame)).append("\"></iframe></template><script>")
                .append(BRIDGE_SCRIPT.replace(BRIDGE_ARGUMENTS,
                        "(document.currentScript, " + Fragment.jsString(addon) + ", " + Fragment.jsString(apiBase) + ")"))
                .append("</script></themepress-widget>");
        return html.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The frame's document. The widget's script is not parsed as markup: it travels as a JSON string
     * (nothing in it can end an element) and the frame script inserts it as a script element, which
     * the policy lets run because its hash is listed. It runs in strict mode with {@code this} the
     * widget's root element, as in the in-page form.
     */
    static String frameDocument(String addon, WidgetOutput safe, String apiBase) {
        String code = "(function (root, host) {\"use strict\";\n" + safe.javascript() + "\n}).call(document.querySelector('."
                + CssScoper.ROOT_CLASS + "'), document, document.querySelector('." + CssScoper.ROOT_CLASS + "'));";
        StringBuilder doc = new StringBuilder(safe.html().length() + safe.css().length() + code.length() * 11 / 10 + FRAME_SCRIPT.length() + 1024);
        doc.append("<!doctype html><html><head><meta name=\"referrer\" content=\"no-referrer\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(POLICY)
                .append(" 'sha256-").append(FRAME_SCRIPT_HASH).append("' 'sha256-").append(sha256(code)).append("'\">")
                .append("<style>").append(FRAME_CSS).append("</style>");
        if (!safe.css().isEmpty()) {
            doc.append("<style>").append(safe.css()).append("</style>");
        }
        doc.append("</head><body><div class=\"").append(CssScoper.ROOT_CLASS).append("\">").append(safe.html()).append("</div>")
                .append("<script type=\"application/json\" id=\"tp-widget\">{\"addon\":").append(Fragment.jsString(addon))
                .append(",\"api\":").append(Fragment.jsString(apiBase)).append(",\"code\":").append(Fragment.jsString(code))
                .append("}</script><script>").append(FRAME_SCRIPT).append("</script></body></html>");
        return doc.toString();
    }

    /** The base64 SHA-256 of a script's text as the browser hashes it: its UTF-8 bytes. */
    static String sha256(String script) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A script beside this class, its lines without indentation (it is sent with every fragment). */
    private static String script(String name) {
        try (InputStream in = FramedFragment.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return text.lines().map(String::strip).filter(line -> !line.isEmpty()).collect(Collectors.joining("\n"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
