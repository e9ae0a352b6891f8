package com.themepress.renderer.web;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Runs Tomcat's NIO2 connector unless {@code themepress.http.connector=nio}. Behind the gateway
 * every widget request arrives alone on its keep-alive connection; with NIO, Tomcat's poller
 * wakes a worker thread for each one, and those hand-offs cost the renderer more CPU than the L1
 * hit itself. NIO2 processes the request on the thread that completed the read: on 2 cores, 37
 * instead of 51 microseconds of renderer CPU per L1 hit through the gateway (docs/widget-rendering.md).
 */
@Configuration(proxyBeanMethods = false)
class HttpConnectorConfiguration {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> httpConnector(HttpConnectorProperties properties) {
        return factory -> factory.setProtocol(properties.connector().protocol());
    }
}
