package com.themepress.renderer.render;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.themepress.model.service.web.ServiceKeyConfiguration;

/**
 * Puts {@link L1HitFilter} right after the service key check, ahead of the observation filter and the
 * dispatcher. The observation filter has the same order, but Spring Boot registers auto-configured beans
 * after the application's own and sorts filters stably, so this one runs first.
 */
@Configuration(proxyBeanMethods = false)
class L1HitPath {

    @Bean
    FilterRegistrationBean<L1HitFilter> l1HitFilter(WidgetRequests requests, RenderService renders) {
        FilterRegistrationBean<L1HitFilter> registration = new FilterRegistrationBean<>(new L1HitFilter(requests, renders));
        registration.addUrlPatterns(L1HitFilter.PATH + "*");
        registration.setOrder(ServiceKeyConfiguration.ORDER + 1);
        return registration;
    }
}
