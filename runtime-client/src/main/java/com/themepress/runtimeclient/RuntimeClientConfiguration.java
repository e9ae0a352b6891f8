package com.themepress.runtimeclient;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What a service imports to call the runtime: the settings under {@code themepress.runtime-client} and one client. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RuntimeClientProperties.class)
public class RuntimeClientConfiguration {

    @Bean
    RuntimeClient runtimeClient(RuntimeClientProperties properties) {
        return new RuntimeClient(properties);
    }
}
