package com.themepress.server.modules;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

/**
 * @param maxSize largest module an owner may upload (413 beyond); under MongoDB's 16 MB document
 *        limit, since a module is stored as one document
 */
@Validated
@ConfigurationProperties("themepress.modules")
public record ModuleProperties(@DefaultValue("4MB") @NotNull DataSize maxSize) {

    @AssertTrue(message = "max-size must be 1 KB to 15 MB")
    boolean isMaxSizeInRange() {
        return maxSize != null && maxSize.toBytes() >= 1024 && maxSize.toBytes() <= 15L * 1024 * 1024;
    }
}
