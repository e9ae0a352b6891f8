package com.themepress.model.service.web;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import com.themepress.model.service.ServiceKeyProperties;

/**
 * What a servlet service behind the gateway imports: the request id first (so that even a refused request
 * logs and answers with it), then the key check on every request, ahead of every other filter, and the
 * start-up check that a service without a key listens on loopback only.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServiceKeyProperties.class)
public class ServiceKeyConfiguration {

    /** Right after the request id; a service's own early filters (the renderer's L1 hits) come after it. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 1;

    @Bean
    FilterRegistrationBean<RequestIdFilter> requestIdFilter() {
        FilterRegistrationBean<RequestIdFilter> registration = new FilterRegistrationBean<>(new RequestIdFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    FilterRegistrationBean<ServiceKeyFilter> serviceKeyFilter(ServiceKeyProperties properties) {
        FilterRegistrationBean<ServiceKeyFilter> registration = new FilterRegistrationBean<>(new ServiceKeyFilter(properties));
        registration.setOrder(ORDER);
        return registration;
    }

    @Bean
    ListenAddressCheck serviceKeyListenAddressCheck(ServiceKeyProperties properties) {
        return new ListenAddressCheck(properties);
    }
}
