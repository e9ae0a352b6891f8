package com.themepress.model.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.StrictJson;

/** A widget's {@code cacheScope}: declared in the manifest, checked at registration, defaulted when absent. */
class CacheScopeTests {

    final ManifestParser parser = new ManifestParser();

    AddonManifest parse(String widgets) {
        return parser.parse(("{\"name\":\"scoped\",\"version\":\"1.0.0\",\"widgets\":" + widgets + "}").getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aWidgetThatDeclaresNoScopeIsPublicInBothForms() {
        AddonManifest manifest = parse("[\"short\", {\"name\":\"full\"}]");

        assertThat(manifest.widgets()).extracting(WidgetSpec::cacheScope).containsExactly(CacheScope.PUBLIC, CacheScope.PUBLIC);
    }

    @Test
    void readsEachDeclaredScope() {
        AddonManifest manifest = parse("""
                [{"name":"a","cacheScope":"public"},{"name":"b","cacheScope":"user"},{"name":"c","cacheScope":"none"}]""");

        assertThat(manifest.widgets()).extracting(WidgetSpec::cacheScope)
                .containsExactly(CacheScope.PUBLIC, CacheScope.USER, CacheScope.NONE);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"private\"", "\"USER\"", "\"\"", "true", "null"})
    void anUnknownScopeIsRefusedWithItsPointer(String value) {
        try {
            parse("[{\"name\":\"w\"},{\"name\":\"x\",\"cacheScope\":" + value + "}]");
            throw new AssertionError("expected the manifest to be refused");
        } catch (PlatformException e) {
            assertThat(e.problemType()).isEqualTo(ProblemType.INVALID_MANIFEST);
            assertThat(e.getStatusCode().value()).isEqualTo(400);
            assertThat(e.errors()).extracting(FieldError::pointer).contains("/widgets/1/cacheScope");
        }
    }

    @Test
    void theSchemasEnumIsTheScopes() throws IOException {
        try (InputStream in = getClass().getResourceAsStream(ManifestParser.SCHEMA_RESOURCE)) {
            List<String> allowed = new ArrayList<>();
            StrictJson.mapper().readTree(in).at("/$defs/widget/properties/cacheScope/enum").forEach(v -> allowed.add(v.asString()));

            assertThat(allowed).containsExactlyInAnyOrderElementsOf(Arrays.stream(CacheScope.values()).map(CacheScope::id).toList());
        }
    }

    @Test
    void aStoredManifestKeepsItsScopeAndOneStoredBeforeScopesIsPublic() {
        AddonManifest manifest = parse("[{\"name\":\"mine\",\"cacheScope\":\"user\"}]");
        String stored = StrictJson.mapper().writeValueAsString(manifest);

        assertThat(stored).contains("\"cacheScope\":\"user\"");
        assertThat(StrictJson.mapper().readValue(stored, AddonManifest.class)).isEqualTo(manifest);
        WidgetSpec old = StrictJson.mapper().readValue("{\"name\":\"old\",\"responsive\":true}", WidgetSpec.class);
        assertThat(old.cacheScope()).isEqualTo(CacheScope.PUBLIC);
    }

    @Test
    void aStoredScopeThisCodeDoesNotKnowSharesNothing() {
        WidgetSpec newer = StrictJson.mapper().readValue("{\"name\":\"n\",\"responsive\":true,\"cacheScope\":\"per-tenant\"}", WidgetSpec.class);

        assertThat(newer.cacheScope()).isEqualTo(CacheScope.NONE);
    }
}
