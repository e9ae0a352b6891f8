package com.themepress.renderer.fragment;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.web.util.HtmlUtils;

import com.themepress.model.names.Names;

/** Which form a widget gets, and what the framed form holds. */
class FragmentsTests {

    static final WidgetOutput SCRIPTED = new WidgetOutput("<p class=\"x\">hi</p>", ".x{color:red}", "this.dataset.ran = 'yes';");
    static final Fragments DEFAULTS = new Fragments(new FragmentProperties(List.of()), "/api");

    @Test
    void aWidgetWithScriptIsFramedInAnOpaqueOriginWhosePolicyAllowsOnlyItsOwnScripts() {
        Fragments.Embedded embedded = DEFAULTS.of("shop", "1.0.0", "card", SCRIPTED);
        String html = text(embedded);

        assertThat(embedded.tag()).isEqualTo("f");
        assertThat(html).startsWith("<themepress-widget data-addon=\"shop\" data-widget=\"card\" data-version=\"1.0.0\" data-form=\"frame\">")
                .contains("<iframe sandbox=\"allow-scripts allow-forms\" title=\"shop/card\" srcdoc=\"")
                .doesNotContain("allow-same-origin").doesNotContain("this.dataset.ran = 'yes'");
        String frame = srcdoc(html);
        String policy = between(frame, "http-equiv=\"Content-Security-Policy\" content=\"", "\"");
        assertThat(policy).startsWith("default-src 'none';").contains("connect-src 'none'", "form-action 'none'", "base-uri 'none'")
                .doesNotContain("unsafe-eval");
        String scriptSources = policy.substring(policy.indexOf("script-src"));
        assertThat(scriptSources).doesNotContain("unsafe-inline").doesNotContain("*").doesNotContain("http");
        List<String> allowed = all(scriptSources, "'sha256-([A-Za-z0-9+/=]+)'");
        String frameScript = between(frame, "</script><script>", "</script></body>");
        String code = "(function (root, host) {\"use strict\";\n" + SCRIPTED.javascript() + "\n}).call(document.querySelector('.tp-widget-root'),"
                + " document, document.querySelector('.tp-widget-root'));";
        assertThat(allowed).containsExactly(FramedFragment.sha256(frameScript), FramedFragment.sha256(code));
        assertThat(frame).contains("<div class=\"tp-widget-root\"><p class=\"x\">hi</p></div>", "<style>.x{color:red}</style>");
    }

    @Test
    void aScriptThatTriesToEndItsElementStaysData() {
        WidgetOutput hostile = new WidgetOutput("", "", "'</script><script>alert(1)</script><!--<script>';");
        String frame = srcdoc(text(DEFAULTS.of("shop", "1.0.0", "card", hostile)));

        assertThat(all(frame, "(<script)")).as("the data block and the platform's frame script, nothing else").hasSize(2);
        assertThat(frame).doesNotContain("alert(1)</script>").doesNotContain("<!--");
    }

    @Test
    void aWidgetWithoutScriptStaysInThePageAndSoDoesAGrantedAddon() {
        WidgetOutput plain = new WidgetOutput("<p>hi</p>", "", "  ");
        Fragments granting = new Fragments(new FragmentProperties(List.of("trusted")), "/api");

        Fragments.Embedded withoutScript = DEFAULTS.of("shop", "1.0.0", "card", plain);
        Fragments.Embedded granted = granting.of("trusted", "1.0.0", "card", SCRIPTED);
        Fragments.Embedded notGranted = granting.of("shop", "1.0.0", "card", SCRIPTED);

        assertThat(withoutScript.tag()).isEqualTo("h");
        assertThat(text(withoutScript)).contains("<template shadowrootmode=\"open\">").doesNotContain("<iframe");
        assertThat(granted.tag()).isEqualTo("h");
        assertThat(text(granted)).doesNotContain("<iframe").contains("this.dataset.ran = 'yes';");
        assertThat(notGranted.tag()).isEqualTo("f");
    }

    @Test
    void theBridgeCallsTheConfiguredApiBaseForItsOwnAddonOnly() {
        String html = text(new Fragments(new FragmentProperties(List.of()), "https://api.example/v1").of("shop", "1.0.0", "card", SCRIPTED));
        String bridge = html.substring(html.lastIndexOf("<script>"));

        assertThat(bridge).endsWith("(document.currentScript, \"shop\", \"https://api.example/v1\");</script></themepress-widget>")
                .contains("event.source !== frame.contentWindow", "event.origin !== 'null'", "message.addon !== addon",
                        "credentials: 'omit'");
    }

    @Test
    void theGrantSettingTakesAddonNamesByTheRegistryRule() {
        assertThat(FragmentProperties.ADDON_NAME).isEqualTo(Names.ADDON.regex());
    }

    static String text(Fragments.Embedded embedded) {
        return new String(embedded.html(), StandardCharsets.UTF_8);
    }

    static String srcdoc(String html) {
        return HtmlUtils.htmlUnescape(between(html, "srcdoc=\"", "\""));
    }

    static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        assertThat(from).as(start).isNotNegative();
        from += start.length();
        return text.substring(from, text.indexOf(end, from));
    }

    static List<String> all(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile(regex).matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
