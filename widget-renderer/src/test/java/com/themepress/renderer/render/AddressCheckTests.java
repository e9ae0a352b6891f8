package com.themepress.renderer.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.themepress.model.names.Names;
import com.themepress.model.problem.PlatformException;

/** A widget address is checked with the platform's name rules (common-model {@link Names}), not rules of its own. */
class AddressCheckTests {

    @Test
    void aOneLetterWidgetNameIsAValidAddress() {
        assertThatCode(() -> RenderService.checkAddress("shop", "w", null)).doesNotThrowAnyException();
        assertThatCode(() -> RenderService.checkAddress("shop", "w", "site-1")).doesNotThrowAnyException();
    }

    @Test
    void boundsAreThoseOfTheNameRules() {
        assertThatCode(() -> RenderService.checkAddress("a" + "b".repeat(62), "c" + "d".repeat(62), "A" + "b".repeat(63)))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> RenderService.checkAddress("a", "w", null))
                .isInstanceOfSatisfying(PlatformException.class, problem -> assertThat(problem.errors())
                        .extracting(error -> error.message()).containsExactly("must match " + Names.ADDON.regex()));
        assertThatThrownBy(() -> RenderService.checkAddress("shop", "c" + "d".repeat(63), "A" + "b".repeat(64)))
                .isInstanceOfSatisfying(PlatformException.class, problem -> assertThat(problem.errors())
                        .extracting(error -> error.pointer()).containsExactly("/widget", "/site"));
    }

    @Test
    void rejectsEveryBadPartAtOnce() {
        assertThatThrownBy(() -> RenderService.checkAddress("Bad", "-x", "-site"))
                .isInstanceOfSatisfying(PlatformException.class, problem -> assertThat(problem.errors())
                        .extracting(error -> error.pointer()).containsExactly("/addon", "/widget", "/site"));
    }
}
