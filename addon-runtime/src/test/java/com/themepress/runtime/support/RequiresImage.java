package com.themepress.runtime.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs the tests only when the hostile test addon's image is on the engine; otherwise they are
 * skipped with a reason starting {@code Component absent:}, which the test script watches for.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(ImagePresentCondition.class)
public @interface RequiresImage {
}
