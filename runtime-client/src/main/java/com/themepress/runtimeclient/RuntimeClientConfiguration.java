package com.themepress.runtimeclient;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import com.themepress.model.service.ServiceKeyProperties;

/**
 * What a service imports to call the runtime: the settings under {@code themepress.runtime-client}, the
 * service key ({@code themepress.service-key}) its calls carry, and one client.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({RuntimeClientProperties.class, ServiceKeyProperties.class})
public class RuntimeClientConfiguration {

    @Bean
    RuntimeClient runtimeClient(RuntimeClientProperties properties, ServiceKeyProperties serviceKey, Environment environment) {
        RetiredSettings.refuse(environment);
        return new RuntimeClient(properties, serviceKey);
    }
}
