package com.themepress.renderer.fragment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CssScoperTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "body{color:red}|.tp-widget-root{color:red;}",
            "html, body{margin:0}|.tp-widget-root, .tp-widget-root{margin:0;}",
            "html body .x{margin:0}|.tp-widget-root .x{margin:0;}",
            ":root{--c:red}|.tp-widget-root{--c:red;}",
            ":host{position:fixed}|.tp-widget-root{position:fixed;}",
            ":host(.dark) p{color:#fff}|.tp-widget-root p{color:#fff;}",
            ":host-context(body) p{x:y}|.tp-widget-root p{x:y;}",
            ":is(body) > .x{a:b}|:is(.tp-widget-root) > .x{a:b;}",
            ".body-text, #body, [data-x=\"body\"]{a:b}|.body-text, #body, [data-x=\"body\"]{a:b;}",
            "tbody td{a:b}|tbody td{a:b;}",
            "@media (max-width:600px){body{font-size:14px}}|@media (max-width:600px){.tp-widget-root{font-size:14px;}}",
            "@keyframes spin{from{transform:rotate(0)}to{transform:rotate(360deg)}}|@keyframes spin{from{transform:rotate(0);}to{transform:rotate(360deg);}}",
            ".a{.b &{c:d}}|.a{.b &{c:d;}}",
    })
    void rescopesPageLevelSelectorsToTheWidgetRoot(String css, String scoped) {
        assertThat(CssScoper.scope(css)).isEqualTo(scoped);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "@import url(https://evil.invalid/x.css);.a{b:c}|.a{b:c;}",
            "@font-face{font-family:x;src:url(https://f.invalid/x.woff)}.a{b:c}|.a{b:c;}",
            "@property --x{syntax:'*';inherits:true}.a{b:c}|.a{b:c;}",
            ".a{background:url(javascript:alert(1));color:red}|.a{color:red;}",
            ".a{background:url(\"jav\\61script:alert(1)\");color:red}|.a{color:red;}",
            ".a{width:expression(alert(1));color:red}|.a{color:red;}",
            ".a{-moz-binding:url(x.xml#b);behavior:url(x.htc);color:red}|.a{color:red;}",
            ".a{background:url(data:text/html,x)}.b{background:url(data:image/png;base64,AAAA)}|.a{}.b{background:url(data:image/png;base64,AAAA);}",
            "b\\6f dy{display:none}.a{b:c}|.a{b:c;}",
            ".a{content:'</style><script>alert(1)</script>'}|.a{content:'\\3c /style>\\3c script>alert(1)\\3c /script>';}",
            "/* body{x:y} */.a{b:c}|.a{b:c;}",
    })
    void dropsWhatCouldReachOutside(String css, String scoped) {
        assertThat(CssScoper.scope(css)).isEqualTo(scoped);
    }

    @Test
    void survivesBrokenInput() {
        assertThat(CssScoper.scope(".a{color:red")).isEqualTo(".a{color:red;}");
        assertThat(CssScoper.scope("}}}.a{b:c}")).isEqualTo(".a{b:c;}");
        assertThat(CssScoper.scope(".a{b:\"unterminated")).doesNotContain("<");
        assertThat(CssScoper.scope("\\")).isEmpty();
    }
}
