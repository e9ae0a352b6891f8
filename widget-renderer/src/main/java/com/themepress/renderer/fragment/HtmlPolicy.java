package com.themepress.renderer.fragment;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

/**
 * The OWASP java-html-sanitizer policy for addon HTML: layout, text, tables, images, links and
 * forms survive; {@code <script>}, {@code <style>}, {@code <iframe>}, {@code <object>}, SVG, event
 * handler attributes and {@code javascript:}/{@code data:} URLs do not. {@code style} attributes
 * go through the sanitiser's CSS schema. {@code data-*} and {@code aria-*} attributes are kept
 * (widgets' own scripts and assistive technology need them): the policy cannot allow a name
 * prefix, so the names an answer uses are collected first and a policy that allows exactly those
 * is built and kept for answers that use the same set.
 */
public final class HtmlPolicy {

    private static final Pattern EXTRA_ATTRIBUTE = Pattern.compile("(?i)[\\s\"'/](data-[a-z0-9_.-]{1,60}|aria-[a-z]{1,30})(?=[\\s=/>])");
    private static final Cache<Set<String>, PolicyFactory> POLICIES = Caffeine.newBuilder().maximumSize(512).build();

    private static final String[] ELEMENTS = {"section", "article", "header", "footer", "nav", "aside", "main",
            "figure", "figcaption", "hr", "pre", "dl", "dt", "dd", "mark", "time", "abbr", "cite", "q", "kbd", "samp",
            "var", "details", "summary", "caption", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "colgroup",
            "col", "a", "img", "form", "input", "select", "option", "optgroup", "textarea", "button", "label",
            "fieldset", "legend", "output", "progress", "meter", "datalist"};

    private static final String[] INPUT_TYPES = {"text", "number", "email", "tel", "url", "search", "password", "date",
            "time", "datetime-local", "month", "week", "color", "range", "checkbox", "radio", "hidden", "submit",
            "reset", "button"};

    private HtmlPolicy() {
    }

    public static String sanitize(String html) {
        if (html.isEmpty()) {
            return html;
        }
        return POLICIES.get(extraAttributes(html), HtmlPolicy::build).sanitize(html);
    }

    static Set<String> extraAttributes(String html) {
        String lower = html.toLowerCase(java.util.Locale.ROOT);
        if (!lower.contains("data-") && !lower.contains("aria-")) {
            return Set.of(); // most answers use neither; the pattern would try every position
        }
        Set<String> names = new TreeSet<>();
        Matcher matcher = EXTRA_ATTRIBUTE.matcher(html);
        while (matcher.find() && names.size() < 64) {
            names.add(matcher.group(1).toLowerCase(java.util.Locale.ROOT));
        }
        return Set.copyOf(names);
    }

    private static PolicyFactory build(Set<String> extraAttributes) {
        HtmlPolicyBuilder builder = new HtmlPolicyBuilder()
                .allowCommonBlockElements()
                .allowCommonInlineFormattingElements()
                .allowElements(ELEMENTS)
                .allowStyling()
                .allowUrlProtocols("http", "https", "mailto", "tel")
                .allowAttributes("class", "id", "title", "lang", "dir", "hidden", "tabindex", "role").globally()
                .allowAttributes("href", "target", "hreflang", "download").onElements("a")
                .allowAttributes("src", "alt", "width", "height", "loading", "decoding").onElements("img")
                .allowAttributes("action", "method", "autocomplete", "novalidate", "name").onElements("form")
                .allowAttributes("type").matching(true, INPUT_TYPES).onElements("input")
                .allowAttributes("name", "value", "placeholder", "required", "min", "max", "step", "pattern",
                        "autocomplete", "inputmode", "disabled", "readonly", "checked", "multiple", "maxlength",
                        "minlength", "size", "list", "spellcheck").onElements("input")
                .allowAttributes("type").matching(true, "submit", "reset", "button").onElements("button")
                .allowAttributes("name", "value", "disabled").onElements("button")
                .allowAttributes("name", "required", "disabled", "multiple", "size", "autocomplete").onElements("select")
                .allowAttributes("value", "selected", "disabled", "label").onElements("option")
                .allowAttributes("label", "disabled").onElements("optgroup")
                .allowAttributes("name", "rows", "cols", "placeholder", "required", "maxlength", "minlength",
                        "disabled", "readonly", "wrap", "autocomplete", "spellcheck").onElements("textarea")
                .allowAttributes("for").onElements("label", "output")
                .allowAttributes("name", "disabled").onElements("fieldset")
                .allowAttributes("colspan", "rowspan", "scope", "headers").onElements("td", "th")
                .allowAttributes("span").onElements("col", "colgroup")
                .allowAttributes("value", "max", "min", "low", "high", "optimum").onElements("progress", "meter")
                .allowAttributes("datetime").onElements("time")
                .allowAttributes("open").onElements("details")
                .allowAttributes("start", "reversed", "type").onElements("ol");
        if (!extraAttributes.isEmpty()) {
            builder.allowAttributes(extraAttributes.toArray(String[]::new)).globally();
        }
        return builder.toFactory();
    }
}
