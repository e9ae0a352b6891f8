package com.themepress.runtime.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/** @param maxBody largest request body accepted, deployment specs and forwarded calls alike */
@ConfigurationProperties("themepress.runtime.web")
@Validated
public record WebProperties(@DefaultValue("1MB") @NotNull DataSize maxBody) {
}
