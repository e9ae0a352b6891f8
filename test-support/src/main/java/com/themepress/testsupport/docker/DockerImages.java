package com.themepress.testsupport.docker;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Whether an image is on this machine's Docker engine, asked of the docker CLI (no client library
 * needed). Images cannot be pulled here, and Testcontainers would spend minutes retrying a pull
 * before failing, so tests that need an image check first. Answers are kept for the JVM's life:
 * conditions are evaluated per class and per method.
 */
public final class DockerImages {

    private static final Map<String, Optional<String>> ANSWERS = new ConcurrentHashMap<>();

    private DockerImages() {
    }

    /** Empty when {@code image} is present, else why a test that needs it cannot run. */
    public static Optional<String> absence(String image) {
        return ANSWERS.computeIfAbsent(image, DockerImages::ask);
    }

    private static Optional<String> ask(String image) {
        try {
            Process process = new ProcessBuilder("docker", "image", "inspect", "--format", "{{.Id}}", image)
                    .redirectErrorStream(true).start();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return Optional.of("the Docker engine did not answer within 20 s");
            }
            String output = new String(process.getInputStream().readAllBytes()).strip();
            if (process.exitValue() == 0) {
                return Optional.empty();
            }
            if (output.contains("Cannot connect") || output.contains("Is the docker daemon running")) {
                return Optional.of("no Docker engine answers (" + output.lines().findFirst().orElse("") + ")");
            }
            if (!output.toLowerCase(Locale.ROOT).contains("no such image")) {
                return Optional.of("docker cannot inspect '" + image + "' (" + output.lines().findFirst().orElse("") + ")");
            }
            return Optional.of("no local '" + image + "' image, and this machine cannot pull images");
        } catch (IOException e) {
            return Optional.of("the docker CLI is not installed");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while asking Docker");
        }
    }
}
