package com.themepress.renderer.render;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.renderer.cache.Served;
import com.themepress.runtimeclient.AddonRejected;
import com.themepress.runtimeclient.RuntimeAnswer;

/**
 * {@code GET /api/widgets/{addon}/{widget}}: {@code {html, css, javascript}} as JSON, or with
 * {@code Accept: text/html} one embeddable fragment. Query: {@code config} (JSON, merged over the
 * site's saved config for previews), {@code site} or a publishable {@code key} naming it ({@link SiteNaming}), {@code locale} (else Accept-Language). Headers
 * {@code X-User-Id} and {@code X-Session-Id} reach the addon as far as the widget's cache scope
 * allows ({@link RenderContext#toldFor}).
 *
 * <p>Responses carry a strong ETag per representation and {@code Cache-Control: public, no-cache}
 * ({@code private, no-cache} for a per-user render, {@code no-store} for a widget never cached):
 * browsers and CDNs keep the bytes but revalidate every use ({@code If-None-Match} gives 304), so a
 * new addon version is never served from a downstream cache. A stale last-good render says so in
 * {@code X-Widget-Stale: true} and {@code Warning: 110} and is not stored downstream.
 * {@code X-Widget-Cache} tells which tier answered.
 */
@RestController
class WidgetController {

    private final RenderService renders;
    private final WidgetRequests requests;

    WidgetController(RenderService renders, WidgetRequests requests) {
        this.renders = renders;
        this.requests = requests;
    }

    @GetMapping("/api/widgets/{addon}/{widget}")
    ResponseEntity<byte[]> widget(@PathVariable String addon, @PathVariable String widget,
            @RequestParam(required = false) @Nullable String config, @RequestParam(required = false) @Nullable String site,
            @RequestParam(required = false) @Nullable String locale, @RequestParam(required = false) @Nullable String key,
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) @Nullable String accept,
            @RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) @Nullable String acceptLanguage,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch,
            @RequestHeader(name = "X-User-Id", required = false) @Nullable String user,
            @RequestHeader(name = "X-Session-Id", required = false) @Nullable String session,
            @RequestHeader(name = "X-Request-Id", required = false) @Nullable String requestId) {
        boolean fragment = wantsFragment(accept);
        Served served = renders.serve(requests.read(addon, widget, config, SiteNaming.site(site, key), locale, acceptLanguage, user,
                session, requestId));
        return respond(served, fragment, ifNoneMatch);
    }

    private static ResponseEntity<byte[]> respond(Served served, boolean fragment, @Nullable String ifNoneMatch) {
        HttpHeaders headers = new HttpHeaders();
        if (WidgetResponse.headers(served, fragment, ifNoneMatch, headers::set) == HttpStatus.NOT_MODIFIED.value()) {
            return new ResponseEntity<>(headers, HttpStatus.NOT_MODIFIED);
        }
        headers.set(HttpHeaders.CONTENT_TYPE, WidgetResponse.contentType(fragment));
        return new ResponseEntity<>(WidgetResponse.body(served, fragment), headers, HttpStatus.OK);
    }

    /** text/html when the client prefers it to JSON; JSON for anything else it accepts; 406 otherwise. */
    static boolean wantsFragment(@Nullable String accept) {
        if (accept == null || accept.isBlank() || accept.equals("*/*") || accept.equals("application/json")) {
            return false;
        }
        if (accept.equals("text/html")) {
            return true;
        }
        List<MediaType> types;
        try {
            types = MediaType.parseMediaTypes(accept);
        } catch (IllegalArgumentException e) {
            return false;
        }
        double html = quality(types, MediaType.TEXT_HTML);
        double json = Math.max(quality(types, MediaType.APPLICATION_JSON), quality(types, MediaType.APPLICATION_PROBLEM_JSON));
        if (html <= 0 && json <= 0) {
            throw new PlatformException(ProblemType.NOT_ACCEPTABLE,
                    "A widget is available as application/json or text/html (an embeddable fragment).");
        }
        return html > json;
    }

    /** The quality the most specific matching range gives {@code type}. */
    private static double quality(List<MediaType> ranges, MediaType type) {
        MediaType best = null;
        for (MediaType range : ranges) {
            if (range.includes(type) && (best == null || range.isMoreSpecific(best))) {
                best = range;
            }
        }
        return best == null ? 0 : best.getQualityValue();
    }

    @ExceptionHandler(AddonRejected.class)
    ResponseEntity<byte[]> rejected(AddonRejected rejected) {
        RuntimeAnswer answer = rejected.answer();
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_OCTET_STREAM);
        if (answer.contentType() != null) {
            try {
                headers.setContentType(MediaType.parseMediaType(answer.contentType()));
            } catch (IllegalArgumentException e) {
                // keep application/octet-stream
            }
        }
        headers.setCacheControl(CacheControl.noStore());
        return ResponseEntity.status(answer.status()).headers(headers).body(answer.body());
    }
}
