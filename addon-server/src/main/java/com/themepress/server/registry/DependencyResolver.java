package com.themepress.server.registry;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Component;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.semver.SemVer;
import com.themepress.model.semver.SemVerRange;

/**
 * Resolves a new version's dependency ranges against what is registered, and refuses a version
 * that would close a cycle. Each dependency resolves to its highest satisfying active version, the
 * one an installation would get; a cycle is a path from the new version back to its own name.
 */
@Component
class DependencyResolver {

    /** Bounds the walk on a hostile or corrupted graph; far beyond any real addon's tree. */
    static final int MAX_NODES = 10_000;

    private final RegistryStore store;

    DependencyResolver(RegistryStore store) {
        this.store = store;
    }

    /** Name to resolved version for each declared dependency, or 422 naming every dependency at fault. */
    Map<String, String> resolve(String name, SemVer version, Map<String, String> dependencies) {
        Map<String, String> resolved = new LinkedHashMap<>();
        List<FieldError> errors = new ArrayList<>();
        for (Map.Entry<String, String> dependency : dependencies.entrySet()) {
            String pointer = "/dependencies/" + dependency.getKey();
            List<String> candidates = activeVersions(dependency.getKey());
            if (candidates.isEmpty()) {
                errors.add(new FieldError(pointer, "no addon named '" + dependency.getKey() + "' is registered"));
                continue;
            }
            Optional<String> match = highestSatisfying(candidates, SemVerRange.parse(dependency.getValue()));
            if (match.isEmpty()) {
                errors.add(new FieldError(pointer, "no registered version of '" + dependency.getKey() + "' satisfies '"
                        + dependency.getValue() + "' (registered: " + listVersions(candidates) + ")"));
                continue;
            }
            resolved.put(dependency.getKey(), match.get());
        }
        if (!errors.isEmpty()) {
            throw new PlatformException(ProblemType.UNRESOLVED_DEPENDENCY,
                    errors.size() == 1 ? errors.get(0).message() : errors.size() + " dependencies cannot be resolved", errors);
        }
        for (Map.Entry<String, String> first : resolved.entrySet()) {
            findPathBack(name, version, first.getKey(), first.getValue()).ifPresent(path -> {
                throw new PlatformException(ProblemType.DEPENDENCY_CYCLE,
                        "Dependency cycle: " + String.join(" -> ", path),
                        List.of(new FieldError("/dependencies/" + first.getKey(), "closes the cycle " + String.join(" -> ", path))));
            });
        }
        return resolved;
    }

    private List<String> activeVersions(String name) {
        return store.addon(name).map(AddonDocument::activeVersions).orElse(List.of());
    }

    /** Breadth-first over resolved versions; a path that reaches our own name with a range our version satisfies is a cycle. */
    private Optional<List<String>> findPathBack(String name, SemVer version, String startName, String startVersion) {
        Deque<List<String>> paths = new ArrayDeque<>();
        paths.add(List.of(name + "@" + version, startName + "@" + startVersion));
        Set<String> seen = new HashSet<>();
        while (!paths.isEmpty() && seen.size() < MAX_NODES) {
            List<String> path = paths.poll();
            String node = path.get(path.size() - 1);
            if (!seen.add(node)) {
                continue;
            }
            int at = node.lastIndexOf('@');
            Optional<AddonVersionDocument> doc = store.version(node.substring(0, at), node.substring(at + 1));
            if (doc.isEmpty()) {
                continue;
            }
            for (Map.Entry<String, String> edge : doc.get().dependencies().entrySet()) {
                SemVerRange range = SemVerRange.parse(edge.getValue());
                if (edge.getKey().equals(name)) {
                    if (range.satisfies(version)) {
                        List<String> cycle = new ArrayList<>(path);
                        cycle.add(name + "@" + version);
                        return Optional.of(cycle);
                    }
                    continue;
                }
                highestSatisfying(activeVersions(edge.getKey()), range).ifPresent(next -> {
                    List<String> longer = new ArrayList<>(path);
                    longer.add(edge.getKey() + "@" + next);
                    paths.add(longer);
                });
            }
        }
        return Optional.empty();
    }

    static Optional<String> highestSatisfying(List<String> candidates, SemVerRange range) {
        return candidates.stream()
                .map(SemVer::parse)
                .filter(range::satisfies)
                .max(Comparator.naturalOrder())
                .map(SemVer::toString);
    }

    private static String listVersions(List<String> versions) {
        return String.join(", ", versions.stream().map(SemVer::parse).sorted(Comparator.reverseOrder())
                .limit(10).map(SemVer::toString).toList());
    }
}
