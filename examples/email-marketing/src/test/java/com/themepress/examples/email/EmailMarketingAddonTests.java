package com.themepress.examples.email;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;

import com.themepress.sdk.Addon;
import com.themepress.sdk.Json;
import com.themepress.sdk.Render;
import com.themepress.sdk.Widget;

class EmailMarketingAddonTests {

    @Test
    void servesWhatTheManifestDeclares() throws Exception {
        Addon addon = EmailMarketingAddon.addon(new Mailbox(Clock.systemUTC()));
        JsonNode manifest = Json.mapper().readTree(new File("manifest.json"));

        assertThat(addon.endpointNames()).containsExactlyElementsOf(names(manifest.path("endpoints")));
        assertThat(addon.widgetNames()).containsExactlyElementsOf(names(manifest.path("widgets")));
    }

    @Test
    void theSignupFormHasAnEmailFieldAndConsent() {
        Widget form = NewsletterSignup.render(render("{}"));

        assertThat(form.html()).contains("<form class=\"tp-news\"", "name=\"email\" type=\"email\"", "name=\"consent\"",
                ">Join our newsletter</h3>", ">Subscribe</button>").doesNotContain("name=\"name\"");
        assertThat(form.javascript()).contains("'subscribe'").doesNotContain("manage-subscribers");
    }

    @Test
    void theSignupFormFollowsItsConfig() {
        Widget form = NewsletterSignup.render(render("{\"title\":\"News & <more>\",\"collectName\":true,\"buttonLabel\":\"Go\"}"));

        assertThat(form.html()).contains("News &amp; &lt;more&gt;", "name=\"name\"", ">Go</button>");
    }

    static Render render(String config) {
        return new Render("newsletter-signup", Json.parse(config), Json.object(), EmailEndpointsTests.INFO);
    }

    static List<String> names(JsonNode array) {
        return array.values().stream().map(node -> node.path("name").stringValue()).toList();
    }
}
