package com.themepress.runtime;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.themepress.runtime.time.Ticker;

@Configuration(proxyBeanMethods = false)
class RuntimeConfiguration {

    /** The one time source: waits, deadlines, backoff, idle reaping and call latencies read it, so tests can move it. */
    @Bean
    Ticker ticker() {
        return Ticker.system();
    }
}
