package com.themepress.gateway.exposure;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.server.WebFilter;

import com.themepress.model.service.ServiceKeyProperties;

/** The security headers and the actuator guard. */
@Configuration(proxyBeanMethods = false)
class ExposureConfiguration {

    @Bean
    SecurityHeaders securityHeaders(SecurityHeadersProperties properties) {
        return new SecurityHeaders(properties);
    }

    @Bean
    WebFilter securityHeadersFilter(SecurityHeaders headers) {
        return new SecurityHeadersFilter(headers);
    }

    @Bean
    ActuatorGuard actuatorGuard(ServiceKeyProperties serviceKey) {
        return new ActuatorGuard(serviceKey);
    }
}
