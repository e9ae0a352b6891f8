package com.themepress.model.problem.openapi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springdoc.core.customizers.OpenApiCustomizer;

import com.themepress.model.problem.ProblemType;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;

/**
 * Writes the platform's error shape into a service's OpenAPI description: a {@code Problem} schema
 * (RFC 9457 with {@code errors} of JSON pointers) whose {@code type} lists every {@link ProblemType}
 * URI with its status and title, {@code 4XX}/{@code 5XX} answers of that schema on every operation,
 * and the {@code X-API-Key} header. One catalogue, so a client reads the same types from every service.
 */
public final class ProblemTypesOpenApi implements OpenApiCustomizer {

    public static final String PROBLEM = "Problem";
    public static final String PROBLEM_JSON = "application/problem+json";
    public static final String API_KEY = "apiKey";

    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.setComponents(components);
        components.addSchemas(PROBLEM, problemSchema());
        components.addSecuritySchemes(API_KEY, new SecurityScheme().type(SecurityScheme.Type.APIKEY).in(SecurityScheme.In.HEADER)
                .name("X-API-Key").description("An admin, developer or site key (sk_/pk_), as each operation says."));
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            operation.getResponses().putIfAbsent("4XX", problem("Refused: the problem's type says why (see the Problem schema)."));
            operation.getResponses().putIfAbsent("5XX", problem("A service or the addon failed; never bad input."));
        }));
    }

    private static ApiResponse problem(String description) {
        return new ApiResponse().description(description).content(new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
    }

    static Schema<?> problemSchema() {
        List<String> uris = new ArrayList<>();
        Map<String, Object> catalogue = new TreeMap<>();
        StringBuilder table = new StringBuilder("Problem types (type URI: status, title):\n");
        for (ProblemType type : ProblemType.values()) {
            uris.add(type.uri().toString());
            catalogue.put(type.uri().toString(), Map.of("status", type.status().value(), "title", type.title()));
            table.append("\n- `").append(type.uri()).append("`: ").append(type.status().value()).append(", ").append(type.title());
        }
        StringSchema typeSchema = new StringSchema();
        typeSchema.setEnum(uris);
        typeSchema.description("Stable per error kind; docs/problem-types.md");
        Schema<?> error = new ObjectSchema().addProperty("pointer", new StringSchema().description("JSON pointer into the request"))
                .addProperty("message", new StringSchema());
        Schema<?> problem = new ObjectSchema().description(table.toString())
                .addProperty("type", typeSchema)
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("errors", new ArraySchema().items(error));
        problem.setRequired(List.of("type", "title", "status"));
        problem.addExtension("x-problem-types", catalogue);
        return problem;
    }
}
