package com.themepress.server.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/** @param maxBody largest request body accepted; larger ones get 413 before they are read */
@ConfigurationProperties("themepress.web")
public record WebProperties(@DefaultValue("1MB") DataSize maxBody) {
}
