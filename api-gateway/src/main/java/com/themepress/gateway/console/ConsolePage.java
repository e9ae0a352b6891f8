package com.themepress.gateway.console;

import java.net.URI;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;

/**
 * {@code /console/} answers the console's page; its modules and style are static resources beside it
 * ({@code static/console/}), which WebFlux serves by path. {@code /console} without the slash is sent to
 * the folder, so the page's relative module paths resolve. No query is kept: the console reads nothing
 * from its address (its key is never in one).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ConsoleProperties.class)
class ConsolePage {

    static final String PATH = "/console/";
    private static final Resource INDEX = new ClassPathResource("static/console/index.html");

    @Bean
    RouterFunction<ServerResponse> consolePageRoutes() {
        return RouterFunctions.route()
                // a gateway built without the console (-Dexec.skip=true) has no page to serve
                .GET(PATH, request -> INDEX.exists()
                        ? ServerResponse.ok().contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noCache()).bodyValue(INDEX)
                        : ServerResponse.notFound().build())
                .GET("/console", request -> ServerResponse.permanentRedirect(URI.create(PATH)).build())
                .build();
    }

    @Bean
    WebFilter consoleHeadersFilter(ConsoleProperties properties) {
        return new ConsoleHeadersFilter(properties.contentSecurityPolicy());
    }
}
