package com.themepress.gateway.exposure;

import org.jspecify.annotations.Nullable;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;

/**
 * The security headers, built once, for the route table's answers ({@link SecurityHeadersFilter}) and the
 * widget edge's alike. {@code X-Content-Type-Options} and {@code Referrer-Policy} replace what a service
 * sent; a CSP a service sent with its HTML is kept.
 */
public final class SecurityHeaders {

    static final AsciiString NOSNIFF_NAME = AsciiString.cached("X-Content-Type-Options");
    static final AsciiString NOSNIFF = AsciiString.cached("nosniff");
    static final AsciiString REFERRER_NAME = AsciiString.cached("Referrer-Policy");
    static final AsciiString CSP_NAME = AsciiString.cached("Content-Security-Policy");
    static final AsciiString HSTS_NAME = AsciiString.cached("Strict-Transport-Security");

    private final AsciiString referrerPolicy;
    private final AsciiString contentSecurityPolicy;
    private final @Nullable AsciiString hsts;

    SecurityHeaders(SecurityHeadersProperties properties) {
        this.referrerPolicy = new AsciiString(properties.referrerPolicy());
        this.contentSecurityPolicy = new AsciiString(properties.contentSecurityPolicy());
        long seconds = properties.hstsMaxAge().toSeconds();
        this.hsts = seconds > 0 ? new AsciiString("max-age=" + seconds) : null;
    }

    /**
     * Whether the client reached the platform over TLS. {@code X-Forwarded-Proto} is believed from anyone:
     * browsers ignore HSTS on a plain-HTTP answer (RFC 6797 section 8.1), so a forged header gains nothing.
     */
    public static boolean overTls(String scheme, @Nullable String forwardedProto) {
        return "https".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(forwardedProto);
    }

    /** Onto an answer's headers just before they are sent. */
    public void apply(HttpHeaders headers, boolean overTls) {
        headers.set(NOSNIFF_NAME, NOSNIFF);
        headers.set(REFERRER_NAME, referrerPolicy);
        String type = headers.get(io.netty.handler.codec.http.HttpHeaderNames.CONTENT_TYPE);
        if (type != null && type.regionMatches(true, 0, "text/html", 0, 9) && !headers.contains(CSP_NAME)) {
            headers.set(CSP_NAME, contentSecurityPolicy);
        }
        if (overTls && hsts != null) {
            headers.set(HSTS_NAME, hsts);
        }
    }

    /**
     * The same for Spring's headers. {@code api} false: the gateway's own pages (the demo page) get no CSP
     * from here; theirs would need the page's inline widget scripts allowed, which the API's forbids.
     */
    void apply(org.springframework.http.HttpHeaders headers, boolean overTls, boolean api) {
        headers.set(NOSNIFF_NAME.toString(), NOSNIFF.toString());
        headers.set(REFERRER_NAME.toString(), referrerPolicy.toString());
        org.springframework.http.MediaType type = headers.getContentType();
        if (api && type != null && "text".equals(type.getType()) && "html".equals(type.getSubtype())
                && !headers.containsHeader(CSP_NAME.toString())) {
            headers.set(CSP_NAME.toString(), contentSecurityPolicy.toString());
        }
        if (overTls && hsts != null) {
            headers.set(HSTS_NAME.toString(), hsts.toString());
        }
    }
}
