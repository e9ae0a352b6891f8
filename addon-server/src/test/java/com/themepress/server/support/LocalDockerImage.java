package com.themepress.server.support;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Runs a test class only when its Docker image is already on this machine. Images cannot be pulled
 * here, and Testcontainers would otherwise spend minutes retrying a pull before failing; the skip
 * reason starts with "Component absent:", the one kind of skip the test command accepts.
 */
public class LocalDockerImage implements ExecutionCondition {

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        String image = context.getTestClass()
                .flatMap(c -> AnnotationSupport.findAnnotation(c, RequiresLocalImage.class))
                .map(RequiresLocalImage::value)
                .orElse(null);
        if (image == null) {
            return ConditionEvaluationResult.enabled("no image required");
        }
        String problem = check(image);
        return problem == null
                ? ConditionEvaluationResult.enabled("image " + image + " is present")
                : ConditionEvaluationResult.disabled("Component absent: " + problem);
    }

    /** Null when the image is present, else why the test cannot run. */
    static String check(String image) {
        try {
            Process process = new ProcessBuilder("docker", "image", "inspect", "--format", "{{.Id}}", image)
                    .redirectErrorStream(true).start();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "the Docker engine did not answer within 20 s";
            }
            String output = new String(process.getInputStream().readAllBytes()).strip();
            if (process.exitValue() == 0) {
                return null;
            }
            if (output.toLowerCase(java.util.Locale.ROOT).contains("no such image")) {
                return "no local '" + image + "' image, and this machine cannot pull images";
            }
            if (output.contains("Cannot connect") || output.contains("Is the docker daemon running")) {
                return "no Docker engine answers (" + output.lines().findFirst().orElse("") + ")";
            }
            return "no local '" + image + "' image, and this machine cannot pull images";
        } catch (java.io.IOException e) {
            return "the docker CLI is not installed";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while asking Docker";
        }
    }
}
