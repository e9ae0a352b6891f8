package com.themepress.runtime.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** @param maxBody largest request body accepted, deployment specs and forwarded calls alike */
@ConfigurationProperties("themepress.runtime.web")
public record WebProperties(@DefaultValue("1MB") DataSize maxBody) {
}
