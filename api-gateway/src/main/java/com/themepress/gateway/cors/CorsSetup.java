package com.themepress.gateway.cors;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;

import com.themepress.gateway.ServiceAddresses;
import com.themepress.model.service.ServiceKeyProperties;

/** The allowed origins (polled from the addon-server), the policy, and its WebFlux filter. */
@Configuration(proxyBeanMethods = false)
class CorsSetup {

    @Bean
    AllowedOrigins allowedOrigins(CorsProperties properties, ServiceAddresses services, ServiceKeyProperties serviceKey) {
        return new AllowedOrigins(properties, AllowedOrigins.client(services.addonServer().toString(), serviceKey));
    }

    @Bean
    EdgeCors edgeCors(AllowedOrigins origins, CorsProperties properties) {
        return new EdgeCors(origins, properties.allowCredentials(), properties.maxAge());
    }

    @Bean
    WebFilter corsFilter(EdgeCors cors) {
        return new CorsFilter(cors);
    }
}
