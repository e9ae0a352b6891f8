package com.themepress.gateway.demo;

import java.net.URI;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The demo site's page ({@code static/demo/}, set up by {@code scripts/demo.sh}) at {@code /demo/}:
 * static resources are served by path, and WebFlux maps no folder to its index page.
 */
@Configuration(proxyBeanMethods = false)
class DemoPage {

    private static final Resource INDEX = new ClassPathResource("static/demo/index.html");

    @Bean
    RouterFunction<ServerResponse> demoPageRoutes() {
        return RouterFunctions.route()
                .GET("/demo/", request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(INDEX))
                .GET("/demo", request -> ServerResponse.permanentRedirect(URI.create("/demo/"
                        + (request.uri().getRawQuery() == null ? "" : "?" + request.uri().getRawQuery()))).build())
                .build();
    }
}
