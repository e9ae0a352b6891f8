package com.themepress.server.openapi;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.MethodParameter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.themepress.model.problem.openapi.ProblemTypesOpenApi;
import com.themepress.server.web.JsonBody;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * The addon-server's OpenAPI 3.1 description ({@code /v3/api-docs}, springdoc): its {@code /api} routes
 * from the controllers, {@code /graphql} and {@code /graphiql} (functional routes springdoc does not
 * see), and the problem types. The gateway serves it and the renderer's, and Swagger UI listing both.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI addonServerApi() {
        return new OpenAPI().info(new Info().title("ThemePress addon-server").version("1")
                .description("Registry, keys, sites and installations, execute, events, the widget catalogue, and GraphQL. "
                        + "Errors are application/problem+json with the types in the Problem schema."));
    }

    /**
     * A {@link JsonBody} parameter is the request's JSON body (read by our own resolver, which springdoc
     * does not know and would list as a query parameter): describe it as the body it is.
     */
    @Bean
    OperationCustomizer jsonBodies() {
        return (operation, handler) -> {
            for (MethodParameter parameter : handler.getMethodParameters()) {
                if (parameter.getParameterType() == JsonBody.class) {
                    if (operation.getParameters() != null) {
                        operation.getParameters().removeIf(p -> "query".equals(p.getIn()) && p.getName().equals(parameter.getParameterName()));
                    }
                    operation.requestBody(new RequestBody().required(true).description("JSON, read strictly (no duplicate keys; "
                            + "themepress.web.max-body at most)").content(new Content().addMediaType("application/json",
                                    new MediaType().schema(new Schema<>().description("a JSON value")))));
                }
            }
            return operation;
        };
    }

    /** The GraphQL routes first, then the problem answers, so those reach every operation. */
    @Bean
    OpenApiCustomizer addonServerDescription() {
        ProblemTypesOpenApi problems = new ProblemTypesOpenApi();
        return openApi -> {
            graphQlRoutes(openApi);
            problems.customise(openApi);
        };
    }

    private static void graphQlRoutes(OpenAPI openApi) {
        ObjectSchema request = new ObjectSchema();
        request.addProperty("query", new StringSchema()).addProperty("operationName", new StringSchema())
                .addProperty("variables", new ObjectSchema());
        request.setRequired(java.util.List.of("query"));
        openApi.path("/graphql", new PathItem().post(new Operation().operationId("graphql").summary("GraphQL")
                .description("The same model as the REST API (schema by introspection; docs/graphql.md). Errors carry the "
                        + "problem type in extensions.type and pointers in extensions.errors.")
                .requestBody(new RequestBody().required(true).content(new Content()
                        .addMediaType("application/json", new MediaType().schema(request))))
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("data and/or errors")
                        .content(new Content().addMediaType("application/graphql-response+json", new MediaType().schema(new ObjectSchema()))
                                .addMediaType("application/json", new MediaType().schema(new ObjectSchema())))))));
        openApi.path("/graphiql", new PathItem().get(new Operation().operationId("graphiql").summary("GraphiQL")
                .description("An in-browser GraphQL editor, when spring.graphql.graphiql.enabled is set; 404 otherwise.")
                .responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("the editor page")
                        .content(new Content().addMediaType("text/html", new MediaType().schema(new StringSchema())))))));
    }
}
