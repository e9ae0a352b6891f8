package com.themepress.renderer.render;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.themepress.renderer.fragment.FragmentProperties;
import com.themepress.renderer.fragment.Fragments;

/** The page-side bridge sends a framed widget's execute calls to the API base the widget is given. */
@Configuration(proxyBeanMethods = false)
class FragmentConfiguration {

    @Bean
    Fragments fragments(FragmentProperties properties, UpstreamProperties upstreams) {
        return new Fragments(properties, upstreams.apiBase());
    }
}
