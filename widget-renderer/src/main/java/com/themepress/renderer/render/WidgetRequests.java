package com.themepress.renderer.render;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

/** Turns the parts of a widget request into a checked {@link RenderService.Request}, for the controller and the L1 hit path alike. */
@Component
class WidgetRequests {

    private final UpstreamProperties upstreams;

    WidgetRequests(UpstreamProperties upstreams) {
        this.upstreams = upstreams;
    }

    /**
     * The checked request: address and locale validated (400 problem otherwise), the locale taken
     * from {@code Accept-Language} when the query has none, user, session and request id bounded.
     */
    RenderService.Request read(String addon, String widget, @Nullable String config, @Nullable String site,
            @Nullable String locale, @Nullable String acceptLanguage, @Nullable String user, @Nullable String session,
            @Nullable String requestId) {
        RenderService.checkAddress(addon, widget, site);
        String language = RenderContext.normalizeLocale(locale);
        if (locale != null && language == null) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "'locale' is not a language tag.",
                    List.of(new FieldError("/locale", "must be a BCP 47 language tag such as de or pt-BR")));
        }
        if (language == null) {
            language = RenderContext.fromAcceptLanguage(acceptLanguage);
        }
        RenderContext context = new RenderContext(site, language, RenderContext.bounded(user), RenderContext.bounded(session),
                upstreams.apiBase(), RenderContext.bounded(requestId));
        return new RenderService.Request(addon, widget, site, config, context);
    }
}
