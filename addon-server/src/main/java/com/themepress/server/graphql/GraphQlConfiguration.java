package com.themepress.server.graphql;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.graphql.execution.RuntimeWiringConfigurer;

/** Wires the JSON scalar and the settings; limits are in {@link QueryLimits}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(GraphQlSettings.class)
class GraphQlConfiguration {

    @Bean
    RuntimeWiringConfigurer jsonScalar() {
        return wiring -> wiring.scalar(JsonScalar.JSON);
    }
}
