package com.themepress.runtime.sandbox;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/** The Docker driver's beans start only when it is chosen: {@code themepress.runtime.driver=docker}, the default. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ConditionalOnProperty(name = "themepress.runtime.driver", havingValue = "docker", matchIfMissing = true)
@interface OnDockerDriver {
}
