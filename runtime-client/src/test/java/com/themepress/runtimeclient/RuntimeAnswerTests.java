package com.themepress.runtimeclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

class RuntimeAnswerTests {

    static RuntimeAnswer answer(int status, boolean fromAddon, String body) {
        return new RuntimeAnswer(status, "application/problem+json", body.getBytes(StandardCharsets.UTF_8), fromAddon ? "i-1" : null);
    }

    @ParameterizedTest(name = "runtime {0} -> {1}")
    @CsvSource({"502, UPSTREAM_FAILED", "500, UPSTREAM_FAILED", "404, UPSTREAM_FAILED", "503, UNAVAILABLE", "429, UNAVAILABLE",
            "504, UPSTREAM_TIMEOUT"})
    void mapsEachFailedAnswerToItsProblemType(int status, ProblemType type) {
        RuntimeAnswer failed = answer(status, false, "{\"detail\":\"why\"}");

        assertThat(failed.problemType()).isEqualTo(type);
        assertThatThrownBy(() -> failed.orThrow("Rendering shop/card"))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.problemType()).isEqualTo(type);
                    assertThat(e.getBody().getDetail()).isEqualTo("Rendering shop/card failed: the runtime answered " + status + " (why).");
                });
    }

    @Test
    void aSuccessIsReturnedAsItIs() {
        RuntimeAnswer ok = answer(200, true, "{}");

        assertThat(ok.orThrow("Rendering shop/card")).isSameAs(ok);
        assertThat(ok.retryable()).isFalse();
    }

    @ParameterizedTest(name = "addon {0}")
    @CsvSource({"400", "404", "408", "422", "429"})
    void theAddonsOwn4xxIsRelayedNotMapped(int status) {
        RuntimeAnswer refused = answer(status, true, "{\"title\":\"no\"}");

        assertThat(refused.refusedByAddon()).isTrue();
        assertThatThrownBy(() -> refused.orThrow("Rendering shop/card"))
                .isInstanceOfSatisfying(AddonRejected.class, e -> assertThat(e.answer()).isSameAs(refused));
    }

    @ParameterizedTest(name = "status {0} from the addon: retryable {1}")
    @CsvSource({"400, false", "404, false", "422, false", "408, true", "425, true", "429, true", "500, true", "502, true",
            "504, true", "302, true"})
    void theAddonsOwnRefusalIsFinalUnlessItAsksToComeBack(int status, boolean retryable) {
        assertThat(answer(status, true, "").retryable()).isEqualTo(retryable);
    }

    @ParameterizedTest(name = "runtime's own {0} is retryable")
    @CsvSource({"404", "502", "503", "504"})
    void theRuntimesOwnFailuresAreRetryable(int status) {
        assertThat(answer(status, false, "").retryable()).isTrue();
        assertThat(answer(status, false, "").refusedByAddon()).isFalse();
    }

    @Test
    void onlyA404WithoutInstanceMeansAnUnknownDeployment() {
        assertThat(answer(404, false, "").unknownDeployment()).isTrue();
        assertThat(answer(404, true, "").unknownDeployment()).isFalse();
        assertThat(answer(502, false, "").unknownDeployment()).isFalse();
    }

    @Test
    void aDetailThatIsNotJsonOrTooLongIsLeftOutOrCut() {
        assertThat(RuntimeAnswer.detailOf("<html>".getBytes(StandardCharsets.UTF_8))).isEqualTo(".");
        assertThat(RuntimeAnswer.detailOf(new byte[0])).isEqualTo(".");
        assertThat(RuntimeAnswer.detailOf(("{\"detail\":\"" + "x".repeat(300) + "\"}").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(" (" + "x".repeat(200) + ").");
    }

    @Test
    void jsonAndProblemJsonAreJson() {
        assertThat(new RuntimeAnswer(200, "application/json;charset=UTF-8", new byte[0], null).isJson()).isTrue();
        assertThat(new RuntimeAnswer(400, "application/problem+json", new byte[0], null).isJson()).isTrue();
        assertThat(new RuntimeAnswer(200, "text/plain", new byte[0], null).isJson()).isFalse();
        assertThat(new RuntimeAnswer(200, null, new byte[0], null).isJson()).isFalse();
    }
}
