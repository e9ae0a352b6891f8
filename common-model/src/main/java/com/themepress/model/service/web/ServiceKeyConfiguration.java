package com.themepress.model.service.web;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import com.themepress.model.service.ServiceKeyProperties;

/**
 * What a servlet service behind the gateway imports: the key check on every request, ahead of every other
 * filter, and the start-up check that a service without a key listens on loopback only.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ServiceKeyProperties.class)
public class ServiceKeyConfiguration {

    /** First of all filters; a service's own early filters (the renderer's L1 hits) come after it. */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE;

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
