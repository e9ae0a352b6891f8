package com.themepress.runtime.kubernetes;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** {@code kubectl kustomize} of one folder of the repository's {@code k8s/}, read through {@link StrictModel}. */
final class RenderedManifests {

    /** The repository's {@code k8s/}: tests run in the module's folder. */
    static final Path K8S = Path.of("").toAbsolutePath().getParent().resolve("k8s");

    private static final Map<Path, List<HasMetadata>> rendered = new ConcurrentHashMap<>();

    private RenderedManifests() {
    }

    static Optional<Path> kubectl() {
        return Arrays.stream(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
                .map(dir -> Path.of(dir, "kubectl"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    static List<String> overlays() throws IOException {
        try (Stream<Path> dirs = Files.list(K8S.resolve("overlays"))) {
            return dirs.filter(Files::isDirectory).map(dir -> dir.getFileName().toString()).sorted().toList();
        }
    }

    /** Every object the folder renders to, typed; fails on a render error, an unknown kind or an unknown field. Once per folder. */
    static List<HasMetadata> render(Path kubectl, Path folder) throws IOException, InterruptedException {
        List<HasMetadata> known = rendered.get(folder);
        if (known == null) {
            known = renderNow(kubectl, folder);
            rendered.put(folder, known);
        }
        return known;
    }

    private static List<HasMetadata> renderNow(Path kubectl, Path folder) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(kubectl.toString(), "kustomize", folder.toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("kubectl kustomize " + folder + " failed:\n" + output);
        }
        return Arrays.stream(output.split("(?m)^---$")).filter(doc -> !doc.isBlank()).map(StrictModel::parse).toList();
    }
}
