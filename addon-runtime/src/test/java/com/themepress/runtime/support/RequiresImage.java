package com.themepress.runtime.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import com.themepress.testsupport.docker.RequiresDockerImage;

/**
 * Runs the tests only when the hostile test addon's image ({@link TestImages#HOSTILE}) is on the
 * engine; otherwise they are skipped with a reason starting {@code Component absent:}, which the
 * test script watches for.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@RequiresDockerImage(value = TestImages.HOSTILE_DEFAULT, overriddenBy = TestImages.HOSTILE_PROPERTY)
public @interface RequiresImage {
}
