package com.themepress.runtime.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.themepress.model.manifest.Resources;
import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.StrictJson;
import com.themepress.runtime.pool.DeploymentSpec;

class DeploymentSpecParserTests {

    static DeploymentSpec parse(String json) {
        return DeploymentSpecParser.parse(StrictJson.parse(json.getBytes(StandardCharsets.UTF_8)));
    }

    static FieldError onlyError(String json) {
        try {
            parse(json);
        } catch (PlatformException e) {
            assertThat(e.problemType()).isEqualTo(ProblemType.INVALID_REQUEST);
            assertThat(e.errors()).hasSize(1);
            return e.errors().get(0);
        }
        throw new AssertionError("accepted: " + json);
    }

    @Test
    void imageAloneGetsTheManifestDefaults() {
        DeploymentSpec spec = parse("{\"image\":\"themepress/addon-shop:1.0.0\"}");
        assertThat(spec.resources()).isEqualTo(Resources.DEFAULTS);
        assertThat(spec.networkOutbound()).isFalse();
        assertThat(spec.configJson()).isEqualTo("{}");
        assertThat(spec.hash()).hasSize(64);
    }

    @Test
    void partialResourcesKeepDefaultsForTheRest() {
        DeploymentSpec spec = parse("{\"image\":\"a/b:1\",\"resources\":{\"memoryMb\":128,\"minInstances\":1}}");
        assertThat(spec.resources()).isEqualTo(new Resources(128, 0.5, 30_000, 1, 2, 8));
    }

    @Test
    void hashIgnoresKeyOrderButSeesEveryValue() {
        String a = parse("{\"image\":\"a/b:1\",\"config\":{\"x\":1,\"y\":{\"p\":true,\"q\":[1,2]}}}").hash();
        String b = parse("{\"config\":{\"y\":{\"q\":[1,2],\"p\":true},\"x\":1},\"image\":\"a/b:1\"}").hash();
        String c = parse("{\"image\":\"a/b:1\",\"config\":{\"x\":2,\"y\":{\"p\":true,\"q\":[1,2]}}}").hash();
        String d = parse("{\"image\":\"a/b:1\",\"networkOutbound\":true,\"config\":{\"x\":1,\"y\":{\"p\":true,\"q\":[1,2]}}}").hash();
        assertThat(a).isEqualTo(b).isNotEqualTo(c).isNotEqualTo(d);
    }

    @Test
    void configIsPassedOnAsCompactJson() {
        assertThat(parse("{\"image\":\"a/b:1\",\"config\":{ \"b\": \"x\", \"a\": [1, 2] }}").configJson())
                .isEqualTo("{\"a\":[1,2],\"b\":\"x\"}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}                                                        | /image                      | is required",
            "{\"image\":42}                                            | /image                      | container image reference",
            "{\"image\":\"Bad Image!\"}                                | /image                      | container image reference",
            "{\"image\":\"a/b\",\"resources\":[]}                      | /resources                  | JSON object",
            "{\"image\":\"a/b\",\"resources\":{\"memoryMb\":\"lots\"}}  | /resources/memoryMb         | integer",
            "{\"image\":\"a/b\",\"resources\":{\"memoryMb\":1.5}}      | /resources/memoryMb         | integer",
            "{\"image\":\"a/b\",\"resources\":{\"memoryMb\":4}}        | /resources/memoryMb         | between 16 and 65536",
            "{\"image\":\"a/b\",\"resources\":{\"cpus\":0}}            | /resources/cpus             | between 0.01 and 64",
            "{\"image\":\"a/b\",\"resources\":{\"cpus\":true}}         | /resources/cpus             | number",
            "{\"image\":\"a/b\",\"resources\":{\"timeoutMs\":-1}}      | /resources/timeoutMs        | between",
            "{\"image\":\"a/b\",\"resources\":{\"maxInstances\":0}}    | /resources/maxInstances     | between 1 and 64",
            "{\"image\":\"a/b\",\"resources\":{\"minInstances\":3}}    | /resources/minInstances     | must not exceed maxInstances",
            "{\"image\":\"a/b\",\"resources\":{\"concurrency\":0}}     | /resources/concurrency      | between 1 and 1024",
            "{\"image\":\"a/b\",\"networkOutbound\":\"yes\"}           | /networkOutbound            | true or false",
            "{\"image\":\"a/b\",\"config\":[1]}                        | /config                     | JSON object",
    })
    void invalidFieldsAreNamedByTheirPointer(String json, String pointer, String message) {
        FieldError error = onlyError(json);
        assertThat(error.pointer()).isEqualTo(pointer);
        assertThat(error.message()).contains(message);
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        assertThatThrownBy(() -> parse("{\"resources\":{\"cpus\":\"x\",\"concurrency\":0},\"config\":1}"))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::pointer)
                        .containsExactlyInAnyOrder("/image", "/resources/cpus", "/resources/concurrency", "/config"));
    }

    @Test
    void bodyThatIsNotAnObjectIsRefused() {
        assertThat(onlyError("[1,2]").pointer()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"Shop,1.0.0", "shop,1.0", "shop,v1.0.0", "s,1.0.0", "shop,01.0.0"})
    void invalidNamesAndVersionsInThePathAreRefused(String name, String version) {
        assertThatThrownBy(() -> DeploymentSpecParser.key(name, version))
                .isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.problemType()).isEqualTo(ProblemType.INVALID_REQUEST));
    }

    @Test
    void semverWithPrereleaseAndBuildIsAccepted() {
        assertThat(DeploymentSpecParser.key("payment-gateway", "1.2.3-rc.1+build.7").version()).isEqualTo("1.2.3-rc.1+build.7");
    }
}
