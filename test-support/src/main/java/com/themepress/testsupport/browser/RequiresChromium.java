package com.themepress.testsupport.browser;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.themepress.testsupport.ComponentAbsent;

/** The test class drives headless {@link Chromium}; without it the class is skipped as "Component absent". */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(RequiresChromium.Condition.class)
public @interface RequiresChromium {

    class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return Chromium.installed()
                    ? ConditionEvaluationResult.enabled(Chromium.BINARY + " found")
                    : ComponentAbsent.disabled(Chromium.ABSENT);
        }
    }
}
