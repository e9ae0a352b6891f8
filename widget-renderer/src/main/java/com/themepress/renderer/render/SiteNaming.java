package com.themepress.renderer.render;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

/**
 * Which site a widget request is for: its {@code site} parameter, or the site inside the publishable
 * key a page passes as {@code key} ({@code pk_<site>_…}). Both only name the site: a render is the
 * site's public output, so nothing here is a credential, and the key's origin rule applies where
 * it grants something (execute).
 */
final class SiteNaming {

    private SiteNaming() {
    }

    static @Nullable String site(@Nullable String site, @Nullable String key) {
        if (key == null || key.isEmpty()) {
            return site;
        }
        int cut = key.lastIndexOf('_');
        if (!key.startsWith("pk_") || cut <= 3) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "The key parameter takes a site's publishable key (pk_…).",
                    List.of(new FieldError("/key", "a publishable key")));
        }
        String named = key.substring(3, cut);
        if (site != null && !site.equals(named)) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "The key belongs to site '" + named + "', the site parameter names '" + site + "'.",
                    List.of(new FieldError("/site", "must match the key's site")));
        }
        return named;
    }
}
