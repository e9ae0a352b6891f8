package com.themepress.renderer.fragment;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * How widgets are embedded.
 *
 * @param inlineScriptAddons addons whose widget script runs in the page itself (the in-page shadow-DOM
 *                           fragment, scoped but not sandboxed) instead of a sandboxed frame. Until sites
 *                           can grant {@code page.script} per installation, this server-wide list stands in
 *                           for the grant; empty by default, and every name on it trusts that addon's
 *                           developer with every page that embeds its widgets.
 */
@Validated
@ConfigurationProperties("themepress.widgets.fragment")
public record FragmentProperties(@DefaultValue({}) @NotNull List<@NotNull @Pattern(regexp = ADDON_NAME) String> inlineScriptAddons) {

    /** common-model's {@code Names.ADDON} rule as a constant an annotation can hold (a test keeps them equal). */
    static final String ADDON_NAME = "^[a-z][a-z0-9-]{1,62}$";
}
