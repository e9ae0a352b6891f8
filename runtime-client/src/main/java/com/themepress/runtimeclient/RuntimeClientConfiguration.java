package com.themepress.runtimeclient;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** What a service imports to call the runtime: the settings under {@code themepress.runtime-client} and one client. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RuntimeClientProperties.class)
public class RuntimeClientConfiguration {

    @Bean
    RuntimeClient runtimeClient(RuntimeClientProperties properties, Environment environment) {
        RetiredSettings.refuse(environment);
        return new RuntimeClient(properties);
    }
}
