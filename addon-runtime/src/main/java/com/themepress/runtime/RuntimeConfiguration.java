package com.themepress.runtime;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class RuntimeConfiguration {

    /** Idle and reaping decisions read time from here, so tests can move it. */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
