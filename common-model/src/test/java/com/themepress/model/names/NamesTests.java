package com.themepress.model.names;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.themepress.model.manifest.ManifestParser;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The name rules are the manifest schema's, and each check accepts exactly what its pattern does. */
class NamesTests {

    private static final JsonNode SCHEMA = schema();
    private static final String ALPHABET = "azAZ09-._*/ \n%é{";

    @Test
    void addonNameIsTheSchemasNamePattern() {
        assertThat(Names.ADDON.regex()).isEqualTo(SCHEMA.at("/properties/name/pattern").asString());
    }

    @Test
    void widgetAndEndpointNamesAreTheSchemasSlug() {
        String slug = SCHEMA.at("/$defs/slug/pattern").asString();
        assertThat(Names.WIDGET.regex()).isEqualTo(slug);
        assertThat(Names.ENDPOINT.regex()).isEqualTo(slug);
        // the short forms (bare names) and the full forms' names all refer to that slug
        assertThat(SCHEMA.at("/properties/widgets/items/oneOf/0/$ref").asString()).isEqualTo("#/$defs/slug");
        assertThat(SCHEMA.at("/properties/endpoints/items/oneOf/0/$ref").asString()).isEqualTo("#/$defs/slug");
        assertThat(SCHEMA.at("/$defs/widget/properties/name/$ref").asString()).isEqualTo("#/$defs/slug");
        assertThat(SCHEMA.at("/$defs/endpoint/properties/name/$ref").asString()).isEqualTo("#/$defs/slug");
    }

    @Test
    void eventPatternIsTheSchemasAndAnEventTypeIsAPatternWithoutWildcards() {
        assertThat(Names.EVENT_PATTERN.regex()).isEqualTo(SCHEMA.at("/$defs/eventPattern/pattern").asString());
        assertThat(Names.EVENT_TYPE.matches("payment.completed")).isTrue();
        assertThat(Names.EVENT_TYPE.matches("payment.*")).isFalse();
        assertThat(Names.EVENT_PATTERN.matches("payment.*")).isTrue();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 50_000; i++) {
            String text = randomText(random, "ab-.*");
            if (Names.EVENT_TYPE.matches(text)) {
                assertThat(Names.EVENT_PATTERN.matches(text)).as(text).isTrue();
            }
            assertThat(Names.EVENT_TYPE.matches(text)).as(text).isEqualTo(Names.EVENT_PATTERN.matches(text) && !text.contains("*"));
        }
    }

    @Test
    void aSubscriptionsTypeIsAnEventPatternAndItsSourcesAreAddonNames() {
        assertThat(SCHEMA.at("/properties/events/properties/subscribes/items/then/$ref").asString()).isEqualTo("#/$defs/eventPattern");
        assertThat(SCHEMA.at("/$defs/subscription/properties/type/$ref").asString()).isEqualTo("#/$defs/eventPattern");
        assertThat(SCHEMA.at("/$defs/subscription/properties/from/items/$ref").asString()).isEqualTo("#/properties/name");
    }

    @Test
    void aOneLetterWidgetIsAValidWidgetNameButNoAddonName() {
        assertThat(Names.WIDGET.matches("w")).isTrue();
        assertThat(Names.ADDON.matches("w")).isFalse();
        assertThat(Names.ADDON.matches("wx")).isTrue();
    }

    @ParameterizedTest
    @MethodSource("charRunRules")
    void tableCheckAgreesWithThePattern(String name, NameRule rule) {
        SplittableRandom random = new SplittableRandom(42);
        int accepted = 0;
        for (int i = 0; i < 100_000; i++) {
            String text = randomText(random, "abcxyzABC0129-._");
            boolean expected = rule.pattern().matcher(text).matches();
            assertThat(rule.matches(text)).as("%s %s", name, text).isEqualTo(expected);
            accepted += expected ? 1 : 0;
        }
        assertThat(accepted).as("both outcomes exercised").isGreaterThan(500);
    }

    @Test
    void boundsAreThePatterns() {
        assertThat(Names.ADDON.matches("a" + "b".repeat(62))).isTrue();
        assertThat(Names.ADDON.matches("a" + "b".repeat(63))).isFalse();
        assertThat(Names.WIDGET.matches("")).isFalse();
        assertThat(Names.WIDGET.matches("1a")).isFalse();
        assertThat(Names.SITE.matches("A" + "b".repeat(63))).isTrue();
        assertThat(Names.SITE.matches("A" + "b".repeat(64))).isFalse();
        assertThat(Names.SITE.matches(".a")).isFalse();
        assertThat(Names.SITE.matches("é")).isFalse();
    }

    static Stream<Arguments> charRunRules() {
        return Stream.of(Arguments.of("addon", Names.ADDON), Arguments.of("widget", Names.WIDGET), Arguments.of("site", Names.SITE));
    }

    private static String randomText(SplittableRandom random, String common) {
        int length = random.nextInt(70);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            // mostly characters the rules allow, so that long accepted names occur too
            text.append(random.nextInt(10) < 8 ? common.charAt(random.nextInt(common.length())) : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }

    private static JsonNode schema() {
        try (InputStream in = ManifestParser.class.getResourceAsStream(ManifestParser.SCHEMA_RESOURCE)) {
            return JsonMapper.builder().build().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
