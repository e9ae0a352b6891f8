package com.themepress.renderer.fragment;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlPolicyTests {

    @Test
    void keepsFormsLayoutDataAndAriaAttributes() {
        String html = """
                <form class="tp" data-tp-checkout data-api="/api" novalidate action="/pay" method="post">
                  <h3 id="t">Checkout</h3>
                  <label for="a">Amount<input id="a" name="amount" type="number" min="0.01" step="0.01" required></label>
                  <select name="m"><option value="card" selected>Card</option></select>
                  <textarea name="note" rows="2"></textarea>
                  <div style="color:red;text-align:center;gap:4px"><button type="submit">Pay</button></div>
                  <p class="s" role="status" aria-live="polite"></p>
                  <table><tr><td colspan="2">x</td></tr></table>
                </form>""";

        String safe = HtmlPolicy.sanitize(html);

        assertThat(safe).contains("<form class=\"tp\" data-tp-checkout=\"data-tp-checkout\" data-api=\"/api\" novalidate=\"novalidate\" action=\"/pay\" method=\"post\">")
                .contains("<input id=\"a\" name=\"amount\" type=\"number\" min=\"0.01\" step=\"0.01\" required=\"required\" />")
                .contains("<option value=\"card\" selected=\"selected\">Card</option>")
                .contains("<button type=\"submit\">Pay</button>")
                .contains("role=\"status\" aria-live=\"polite\"")
                .contains("style=\"color:red;text-align:center\"")
                .contains("<td colspan=\"2\">x</td>");
    }

    @Test
    void stripsScriptsHandlersAndScriptUrls() {
        String html = """
                <p>ok</p><script>window.x=1</script><style>body{display:none}</style>
                <img src="x" onerror="window.x=1"><a href="javascript:window.x=1" onclick="window.x=1">click</a>
                <form action="javascript:alert(1)"><button formaction="javascript:alert(1)" type="submit">go</button></form>
                <iframe src="https://evil.invalid/"></iframe><object data="x.swf"></object><svg onload="alert(1)"></svg>
                <a href="data:text/html,<script>alert(1)</script>">d</a><input type="image" src="x">
                <a href="https://example.com/" target="_blank">out</a>""";

        String safe = HtmlPolicy.sanitize(html);

        assertThat(safe).doesNotContainIgnoringCase("script").doesNotContainIgnoringCase("onerror")
                .doesNotContainIgnoringCase("onclick").doesNotContainIgnoringCase("javascript:")
                .doesNotContainIgnoringCase("iframe").doesNotContainIgnoringCase("object").doesNotContainIgnoringCase("svg")
                .doesNotContainIgnoringCase("data:").doesNotContain("formaction").doesNotContain("type=\"image\"")
                .doesNotContain("display:none");
        assertThat(safe).contains("<p>ok</p>").contains("<img src=\"x\" />").contains("click")
                .contains("href=\"https://example.com/\" target=\"_blank\" rel=\"noopener noreferrer\"");
    }
}
