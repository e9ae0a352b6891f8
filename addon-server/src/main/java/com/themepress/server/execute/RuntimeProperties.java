package com.themepress.server.execute;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param url           base URL of the addon-runtime
 * @param connectTimeout how long to wait for the runtime to accept a connection
 * @param timeoutMargin added to an addon's own timeout, so the runtime's 504 arrives before ours
 */
@ConfigurationProperties("themepress.runtime")
public record RuntimeProperties(@DefaultValue("http://127.0.0.1:8082") URI url,
        @DefaultValue("2s") Duration connectTimeout, @DefaultValue("5s") Duration timeoutMargin) {
}
