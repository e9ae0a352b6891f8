package com.themepress.testsupport.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DockerImagesTests {

    @RequiresDockerImage(value = {"example/first:1", "example/second:1"}, overriddenBy = "themepress.test.docker-images-override")
    static final class Annotated {
    }

    @Test
    void anImageNoEngineHoldsIsAbsentWithAReason() {
        // whether or not an engine answers here, this image cannot be on it
        assertThat(DockerImages.absence("themepress/no-such-image:0.0.0-" + System.nanoTime()))
                .hasValueSatisfying(reason -> assertThat(reason).isNotBlank());
    }

    @Test
    void aSystemPropertyCanNameAnotherBuildOfTheFirstImage() {
        RequiresDockerImage required = Annotated.class.getAnnotation(RequiresDockerImage.class);
        assertThat(RequiresDockerImage.Condition.images(required)).containsExactly("example/first:1", "example/second:1");

        System.setProperty("themepress.test.docker-images-override", "example/first:rebuilt");
        try {
            assertThat(RequiresDockerImage.Condition.images(required)).containsExactly("example/first:rebuilt", "example/second:1");
        } finally {
            System.clearProperty("themepress.test.docker-images-override");
        }
    }
}
