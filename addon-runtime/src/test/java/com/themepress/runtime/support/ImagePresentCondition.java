package com.themepress.runtime.support;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Enabled when {@code docker image inspect} finds {@link TestImages#HOSTILE}. */
class ImagePresentCondition implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        boolean present;
        try {
            present = TestDocker.imagePresent(TestImages.HOSTILE);
        } catch (RuntimeException engineDown) {
            return ConditionEvaluationResult.disabled("Component absent: Docker engine does not answer ("
                    + engineDown.getMessage() + ")");
        }
        return present
                ? ConditionEvaluationResult.enabled("image " + TestImages.HOSTILE + " is present")
                : ConditionEvaluationResult.disabled("Component absent: image " + TestImages.HOSTILE
                        + " is not built; run examples/build-images.sh");
    }
}
