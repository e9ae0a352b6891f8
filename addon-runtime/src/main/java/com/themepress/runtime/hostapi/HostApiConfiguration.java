package com.themepress.runtime.hostapi;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

import com.themepress.model.hostapi.TokenKey;

/** The token key is common-model's setting, shared with the addon-server, so it is enabled here by name. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TokenKey.class)
class HostApiConfiguration {
}
