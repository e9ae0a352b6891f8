package com.themepress.renderer.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

import com.themepress.model.problem.PlatformException;

/** The hand-written address checks accept exactly what the documented patterns do. */
class AddressCheckTests {

    private static final String ALPHABET = "az09AZ-._/ \n%é{";

    @Test
    void slugAndSiteChecksAgreeWithTheirPatterns() {
        SplittableRandom random = new SplittableRandom(42);
        int slugs = 0;
        int sites = 0;
        for (int i = 0; i < 200_000; i++) {
            String text = randomText(random);
            boolean slug = RenderService.SLUG.matcher(text).matches();
            boolean site = RenderService.SITE.matcher(text).matches();
            assertThat(RenderService.isSlug(text)).as("slug %s", text).isEqualTo(slug);
            assertThat(RenderService.isSite(text)).as("site %s", text).isEqualTo(site);
            slugs += slug ? 1 : 0;
            sites += site ? 1 : 0;
        }
        // both outcomes were exercised, not only rejections
        assertThat(slugs).isGreaterThan(1000);
        assertThat(sites).isGreaterThan(1000);
    }

    @Test
    void boundsMatchThePatterns() {
        assertThat(RenderService.isSlug("a" + "b".repeat(62))).isTrue();
        assertThat(RenderService.isSlug("a" + "b".repeat(63))).isFalse();
        assertThat(RenderService.isSlug("a")).isFalse();
        assertThat(RenderService.isSite("A" + "b".repeat(63))).isTrue();
        assertThat(RenderService.isSite("A" + "b".repeat(64))).isFalse();
        assertThat(RenderService.isSite("")).isFalse();
        assertThat(RenderService.isSite(".a")).isFalse();
    }

    @Test
    void rejectsEveryBadPartAtOnce() {
        assertThatThrownBy(() -> RenderService.checkAddress("Bad", "x", "-site"))
                .isInstanceOfSatisfying(PlatformException.class, problem -> assertThat(problem.errors())
                        .extracting(error -> error.pointer()).containsExactly("/addon", "/widget", "/site"));
    }

    private static String randomText(SplittableRandom random) {
        int length = random.nextInt(70);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            // mostly characters the patterns allow, so that long accepted strings occur too
            text.append(random.nextInt(10) < 8 ? "abcxyz0129-".charAt(random.nextInt(11)) : ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
