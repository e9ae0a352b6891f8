package com.themepress.gateway.widgets;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.themepress.gateway.ServiceAddresses;
import com.themepress.gateway.cors.EdgeCors;
import com.themepress.gateway.exposure.SecurityHeaders;
import com.themepress.gateway.limits.RateLimiter;
import com.themepress.model.requests.DisconnectedClients;
import com.themepress.model.service.ServiceKeyProperties;

import io.micrometer.core.instrument.MeterRegistry;

/** Installs the {@link WidgetEdge} on the gateway's Netty server unless {@code themepress.widget-edge.enabled=false}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "themepress.widget-edge.enabled", matchIfMissing = true)
class WidgetEdgeConfiguration {

    @Bean
    WidgetEdge widgetEdge(ServiceAddresses services, ServiceKeyProperties serviceKey, WidgetEdgeProperties properties,
            MeterRegistry meters, RateLimiter limiter, EdgeCors cors, SecurityHeaders securityHeaders, DisconnectedClients disconnected) {
        return new WidgetEdge(services.widgetRenderer(), serviceKey, properties, new WidgetEdgeMetrics(meters), limiter, cors,
                securityHeaders, disconnected);
    }

    @Bean
    WebServerFactoryCustomizer<NettyReactiveWebServerFactory> widgetEdgeRoute(WidgetEdge edge) {
        return factory -> factory.addRouteProviders(edge);
    }
}
