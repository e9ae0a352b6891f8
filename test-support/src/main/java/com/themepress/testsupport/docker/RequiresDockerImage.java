package com.themepress.testsupport.docker;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Optional;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import com.themepress.testsupport.ComponentAbsent;

/**
 * The test class runs these Docker images; it is skipped as "Component absent" when one is not on
 * this machine's engine or no engine answers (see {@link DockerImages}). May sit on another
 * annotation, which then names a module's usual images once.
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(RequiresDockerImage.Condition.class)
public @interface RequiresDockerImage {

    /** The images, e.g. {@code mongo:7}. */
    String[] value();

    /**
     * A system property that, when set, names another image in place of the first one (a build of
     * the same contract under another tag); empty for none.
     */
    String overriddenBy() default "";

    class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            Optional<RequiresDockerImage> required = context.getElement()
                    .flatMap(element -> AnnotationSupport.findAnnotation(element, RequiresDockerImage.class));
            if (required.isEmpty()) {
                return ConditionEvaluationResult.enabled("no image required");
            }
            for (String image : images(required.get())) {
                Optional<String> absence = DockerImages.absence(image);
                if (absence.isPresent()) {
                    return ComponentAbsent.disabled(absence.get());
                }
            }
            return ConditionEvaluationResult.enabled("every image is present");
        }

        static String[] images(RequiresDockerImage required) {
            String[] images = required.value().clone();
            if (!required.overriddenBy().isEmpty() && images.length > 0) {
                images[0] = System.getProperty(required.overriddenBy(), images[0]);
            }
            return images;
        }
    }
}
