package com.themepress.server.graphql;

import java.util.List;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.ErrorType;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.ProblemType;

import graphql.GraphqlErrorBuilder;
import graphql.analysis.FieldComplexityCalculator;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.execution.AbortExecutionException;
import graphql.schema.GraphQLList;
import graphql.schema.GraphQLNonNull;
import graphql.schema.GraphQLType;

/**
 * Depth and weight bounds for a query, both checked by graphql-java's instrumentations after
 * validation and before the operation starts, so a refused query runs no field (and calls no addon).
 * The refusal is an {@code invalid-request} error at {@code /query}, like any other bad input.
 *
 * <p>Weight: one per field; {@code render} {@value #CALL_WEIGHT}, since it may call into an addon;
 * {@code executeAddonFunction} {@value #EXECUTE_WEIGHT}, just over half the default bound, so that a request
 * holds at most one execute: the gateway counts a GraphQL request as one execute against its caller's rate limit,
 * and aliases must not turn that into a hundred. A field with a {@code size} argument multiplies what it holds by that size,
 * and any other list by {@value #LIST_FACTOR} (a manifest's widgets and endpoints, a site's installations), except a
 * page's {@code items}, which the page's {@code size} counted.
 */
@Configuration(proxyBeanMethods = false)
class QueryLimits {

    static final int CALL_WEIGHT = 20;
    static final int EXECUTE_WEIGHT = 1001;
    static final int LIST_FACTOR = 5;
    /** A page's items: its {@code size} already multiplied them. */
    private static final String PAGE_ITEMS = "items";
    private static final String EXECUTE = "executeAddonFunction";

    @Bean
    MaxQueryDepthInstrumentation maxQueryDepth(GraphQlSettings settings) {
        return new MaxQueryDepthInstrumentation(settings.maxDepth(), info -> {
            throw refused("The query nests " + info.getDepth() + " levels; at most " + settings.maxDepth() + " are allowed.",
                    "at most " + settings.maxDepth() + " levels deep");
        });
    }

    @Bean
    MaxQueryComplexityInstrumentation maxQueryComplexity(GraphQlSettings settings) {
        return new MaxQueryComplexityInstrumentation(settings.maxComplexity(), weight(), info -> {
            throw refused("The query weighs " + info.getComplexity() + "; at most " + settings.maxComplexity()
                    + " is allowed (fewer items per page, fewer renders or calls).", "at most " + settings.maxComplexity() + " in weight");
        });
    }

    static FieldComplexityCalculator weight() {
        return (env, children) -> {
            if (env.getField().getName().startsWith("__") || env.getParentType().getName().startsWith("__")) {
                return 1 + children; // the schema's own description (GraphiQL reads it whole), bounded by the schema
            }
            String name = env.getField().getName();
            int own = name.equals(EXECUTE) ? EXECUTE_WEIGHT : name.equals("render") ? CALL_WEIGHT : 1;
            Object size = env.getArguments().get("size");
            int times = size instanceof Integer n ? Math.max(1, n)
                    : isList(env.getFieldDefinition().getType()) && !env.getField().getName().equals(PAGE_ITEMS) ? LIST_FACTOR : 1;
            long total = own + (long) children * times;
            return (int) Math.min(Integer.MAX_VALUE, total);
        };
    }

    private static boolean isList(GraphQLType type) {
        GraphQLType unwrapped = type instanceof GraphQLNonNull nonNull ? nonNull.getWrappedType() : type;
        return unwrapped instanceof GraphQLList;
    }

    private static AbortExecutionException refused(String detail, String bound) {
        return new AbortExecutionException(List.of(GraphqlErrorBuilder.newError().message(detail).errorType(ErrorType.BAD_REQUEST)
                .extensions(ProblemErrors.extensions(ProblemType.INVALID_REQUEST, List.of(new FieldError("/query", bound)), null))
                .build()));
    }
}
