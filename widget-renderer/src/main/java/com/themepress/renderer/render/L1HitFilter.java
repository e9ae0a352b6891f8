package com.themepress.renderer.render;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

import com.themepress.model.problem.PlatformException;
import com.themepress.renderer.cache.Served;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Answers widget GETs that are L1 hits before Spring MVC sees them. A hit is the most frequent
 * request of the platform and needs two map lookups; the dispatcher, argument resolution, message
 * conversion and the per-request observation around them cost more than that
 * (docs/widget-rendering.md has the numbers). Anything that is not a plain hit (a miss, a request
 * prepared for the first time, HEAD, an Accept header that needs negotiating, a repeated query
 * parameter, an invalid address or locale) goes on to {@link WidgetController} unchanged, which
 * answers it, errors included, as before.
 */
final class L1HitFilter implements Filter {

    static final String PATH = "/api/widgets/";

    private final WidgetRequests requests;
    private final RenderService renders;

    L1HitFilter(WidgetRequests requests, RenderService renders) {
        this.requests = requests;
        this.renders = renders;
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String accept = request.getHeader("Accept");
        Boolean fragment = plainForm(accept);
        Served hit = fragment == null || !"GET".equals(request.getMethod()) ? null : hit(request);
        if (hit == null) {
            chain.doFilter(req, res);
            return;
        }
        HttpServletResponse response = (HttpServletResponse) res;
        int status = WidgetResponse.headers(hit, fragment, request.getHeader("If-None-Match"), response::setHeader);
        response.setStatus(status);
        if (status == HttpServletResponse.SC_OK) {
            byte[] body = WidgetResponse.body(hit, fragment);
            response.setContentType(WidgetResponse.contentType(fragment));
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    private @Nullable Served hit(HttpServletRequest request) {
        String uri = request.getRequestURI();
        int slash = uri.indexOf('/', PATH.length());
        if (!uri.startsWith(PATH) || slash < 0 || uri.indexOf('/', slash + 1) >= 0) {
            return null;
        }
        String[] config = request.getParameterValues("config");
        String[] site = request.getParameterValues("site");
        String[] locale = request.getParameterValues("locale");
        String[] key = request.getParameterValues("key");
        if (repeated(config) || repeated(site) || repeated(locale) || repeated(key)) {
            return null; // the controller reads repeated values joined; let it
        }
        try {
            return renders.cached(requests.read(uri.substring(PATH.length(), slash), uri.substring(slash + 1), first(config),
                    SiteNaming.site(first(site), first(key)), first(locale), request.getHeader("Accept-Language"), request.getHeader("X-User-Id"),
                    request.getHeader("X-Session-Id"), request.getHeader("X-Request-Id")));
        } catch (PlatformException invalid) {
            return null; // the controller answers it with its problem
        }
    }

    /** The form for the Accept values pages send, or null when the controller has to negotiate. */
    static @Nullable Boolean plainForm(@Nullable String accept) {
        if (accept == null || accept.isEmpty() || accept.equals("*/*") || accept.equals("application/json")) {
            return Boolean.FALSE;
        }
        return accept.equals("text/html") ? Boolean.TRUE : null;
    }

    private static boolean repeated(String @Nullable [] values) {
        return values != null && values.length > 1;
    }

    private static @Nullable String first(String @Nullable [] values) {
        return values == null ? null : values[0];
    }
}
