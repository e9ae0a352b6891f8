package com.themepress.model.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example's manifest is one the registry accepts, named as its folder: the README sends developers to them. */
class ExampleManifestsTests {

    static final Path EXAMPLES = Path.of("..", "examples").toAbsolutePath().normalize();

    static List<Path> manifests() throws IOException {
        try (Stream<Path> folders = Files.list(EXAMPLES)) {
            return folders.map(folder -> folder.resolve("manifest.json")).filter(Files::isRegularFile).sorted().toList();
        }
    }

    @ParameterizedTest
    @MethodSource("manifests")
    void parsesAndIsNamedAsItsFolder(Path manifest) throws IOException {
        AddonManifest parsed = new ManifestParser().parse(Files.readAllBytes(manifest));

        assertThat(parsed.name()).isEqualTo(manifest.getParent().getFileName().toString());
    }

    @Test
    void seesTheExamples() throws IOException {
        assertThat(manifests()).as("the examples this test sees").extracting(path -> path.getParent().getFileName().toString())
                .contains("node-hello", "payment-gateway");
    }
}
