package com.themepress.server.graphql;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.http.MediaType;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.StrictJson;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * A problem another service answered (the renderer, the runtime through execute) as the same
 * {@link PlatformException}: its type, detail and pointers kept, so the GraphQL error says what the
 * REST answer would have said.
 */
final class RelayedProblems {

    private RelayedProblems() {
    }

    static PlatformException of(int status, @Nullable MediaType contentType, byte[] body) {
        if (contentType != null && contentType.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)) {
            try {
                JsonNode problem = StrictJson.mapper().readTree(body);
                ProblemType type = typeOf(problem.path("type").asString(""), status);
                List<FieldError> errors = new ArrayList<>();
                problem.path("errors").forEach(e -> errors.add(new FieldError(e.path("pointer").asString(""), e.path("message").asString(""))));
                return new PlatformException(type, problem.path("detail").asString(type.title()), errors);
            } catch (JacksonException e) {
                // not the problem it claims to be: answered below like any other failure
            }
        }
        return new PlatformException(ProblemType.forStatus(status), "The upstream service answered " + status + ".");
    }

    private static ProblemType typeOf(String uri, int status) {
        for (ProblemType type : ProblemType.values()) {
            if (type.uri().toString().equals(uri)) {
                return type;
            }
        }
        return ProblemType.forStatus(status);
    }
}
