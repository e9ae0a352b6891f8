package com.themepress.renderer.render;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Puts {@link L1HitFilter} first, ahead of the observation filter and the dispatcher. */
@Configuration(proxyBeanMethods = false)
class L1HitPath {

    @Bean
    FilterRegistrationBean<L1HitFilter> l1HitFilter(WidgetRequests requests, RenderService renders) {
        FilterRegistrationBean<L1HitFilter> registration = new FilterRegistrationBean<>(new L1HitFilter(requests, renders));
        registration.addUrlPatterns(L1HitFilter.PATH + "*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }
}
