package com.themepress.model.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.json.ProblemDetailJacksonMixin;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The bodies written outside Spring MVC have the members Spring MVC's own problem bodies have. */
class ProblemJsonTests {

    /** How Spring Boot's mapper writes a ProblemDetail in a controller's answer. */
    private static final JsonMapper SPRING = JsonMapper.builder().addMixIn(ProblemDetail.class, ProblemDetailJacksonMixin.class).build();

    @Test
    void writesTheMembersSpringWritesForAPlainProblem() {
        ProblemDetail problem = PlatformException.problem(ProblemType.UNAVAILABLE, "Try again shortly.", List.of());
        problem.setInstance(URI.create("/api/widgets/shop/cart"));

        JsonNode written = read(ProblemJson.bytes(problem));

        assertThat(written).isEqualTo(read(SPRING.writeValueAsBytes(problem)));
        assertThat(written.propertyNames()).containsExactly("type", "title", "status", "detail", "instance");
        assertThat(written.get("type").asString()).isEqualTo("https://themepress.dev/problems/unavailable");
        assertThat(written.get("status").asInt()).isEqualTo(503);
    }

    @Test
    void writesExtraMembersAtTheTopLevel() {
        ProblemDetail problem = PlatformException.problem(ProblemType.INVALID_REQUEST, "Invalid widget address.",
                List.of(new FieldError("/addon", "must match ^x$"), new FieldError("/site", "too long")));

        JsonNode written = read(ProblemJson.bytes(problem));

        assertThat(written).isEqualTo(read(SPRING.writeValueAsBytes(problem)));
        assertThat(written.get("errors").get(1).get("pointer").asString()).isEqualTo("/site");
        assertThat(written.has("instance")).isFalse();
    }

    @Test
    void instanceIsThePathWithoutItsQuery() {
        ProblemDetail problem = ProblemJson.at(PlatformException.problem(ProblemType.NOT_FOUND, "No.", List.of()), "/api/widgets/a/b?site=x");

        assertThat(problem.getInstance()).hasToString("/api/widgets/a/b");
    }

    @Test
    void aPathThatIsNoUriLeavesTheInstanceOut() {
        ProblemDetail problem = ProblemJson.at(PlatformException.problem(ProblemType.INVALID_REQUEST, "No.", List.of()), "/api/%zz");

        assertThat(problem.getInstance()).isNull();
        assertThat(read(ProblemJson.bytes(problem)).has("instance")).isFalse();
    }

    @Test
    void anInstanceAlreadySetIsKept() {
        ProblemDetail problem = PlatformException.problem(ProblemType.NOT_FOUND, "No.", List.of());
        problem.setInstance(URI.create("/first"));

        assertThat(ProblemJson.at(problem, "/second").getInstance()).hasToString("/first");
    }

    private static JsonNode read(byte[] bytes) {
        return SPRING.readTree(bytes);
    }
}
