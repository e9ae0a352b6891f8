package com.themepress.server.graphql;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.graphql.execution.DataFetcherExceptionResolverAdapter;
import org.springframework.graphql.execution.ErrorType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

import graphql.ErrorClassification;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import graphql.schema.DataFetchingEnvironment;

/**
 * A {@link PlatformException} becomes a GraphQL error that says what the REST problem says:
 * {@code extensions.type} (the problem type URI), {@code title}, {@code status}, {@code errors}
 * ({@code pointer} and {@code message} each) and any further member (e.g. {@code permission}). So a
 * client handles one catalogue of error types whichever API it uses.
 */
@Component
class ProblemErrors extends DataFetcherExceptionResolverAdapter {

    @Override
    protected @Nullable GraphQLError resolveToSingleError(Throwable ex, DataFetchingEnvironment env) {
        if (!(ex instanceof PlatformException problem)) {
            return null;
        }
        return GraphqlErrorBuilder.newError(env).message(problem.getBody().getDetail())
                .errorType(classification(problem.problemType())).extensions(extensions(problem)).build();
    }

    static Map<String, Object> extensions(PlatformException problem) {
        return extensions(problem.problemType(), problem.errors(), problem.getBody());
    }

    static Map<String, Object> extensions(ProblemType type, List<FieldError> errors, @Nullable ProblemDetail body) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("type", type.uri().toString());
        extensions.put("title", type.title());
        extensions.put("status", type.status().value());
        extensions.put("errors", errors.stream().map(ProblemErrors::member).toList());
        Map<String, Object> more = body == null ? null : body.getProperties();
        if (more != null) {
            more.forEach((name, value) -> {
                if (!name.equals("errors")) {
                    extensions.putIfAbsent(name, value);
                }
            });
        }
        return extensions;
    }

    /** In the REST body's member order, so both APIs print an error alike. */
    private static Map<String, String> member(FieldError error) {
        Map<String, String> member = new LinkedHashMap<>();
        member.put("pointer", error.pointer());
        member.put("message", error.message());
        return member;
    }

    static ErrorClassification classification(ProblemType type) {
        return switch (type.status().value()) {
            case 401 -> ErrorType.UNAUTHORIZED;
            case 403 -> ErrorType.FORBIDDEN;
            case 404 -> ErrorType.NOT_FOUND;
            default -> type.status().is4xxClientError() ? ErrorType.BAD_REQUEST : ErrorType.INTERNAL_ERROR;
        };
    }
}
