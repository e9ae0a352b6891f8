package com.themepress.renderer.openapi;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.themepress.model.problem.openapi.ProblemTypesOpenApi;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;

/**
 * The renderer's OpenAPI 3.1 description ({@code /v3/api-docs}, springdoc): the widget GET the gateway
 * routes here, with the platform's problem types. The gateway serves it as {@code /v3/api-docs/widget-renderer}.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI widgetRendererApi() {
        return new OpenAPI().info(new Info().title("ThemePress widget-renderer").version("1")
                .description("Rendered widgets: {html, css, javascript} as JSON, or one embeddable fragment with Accept: text/html. "
                        + "X-Widget-Cache names the cache tier that answered."));
    }

    @Bean
    ProblemTypesOpenApi problemTypes() {
        return new ProblemTypesOpenApi();
    }
}
