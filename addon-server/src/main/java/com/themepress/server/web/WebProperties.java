package com.themepress.server.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/** @param maxBody largest request body accepted; larger ones get 413 before they are read */
@Validated
@ConfigurationProperties("themepress.web")
public record WebProperties(@DefaultValue("1MB") @NotNull DataSize maxBody) {
}
