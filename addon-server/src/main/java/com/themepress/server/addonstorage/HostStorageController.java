package com.themepress.server.addonstorage;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

import com.themepress.model.hostapi.InvocationToken;
import com.themepress.model.manifest.Permission;
import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.server.hostapi.HostCaller;
import com.themepress.server.hostapi.HostCallers;
import com.themepress.server.web.JsonBody;

import tools.jackson.databind.node.ObjectNode;

/**
 * Storage on the host API, as the runtime relays it ({@code /v1/storage/...} in the container becomes
 * {@code /internal/host/storage/...} here). The scope is the token's addon and site and nothing else:
 * no path or body names either, so no request can reach another addon's or another site's documents.
 * Reads need {@code storage.read}, writes {@code storage.write}, both granted on the token's site.
 */
@RestController
class HostStorageController {

    private final HostCallers callers;
    private final AddonDocuments documents;
    private final StorageLimits limits;
    private final StorageMetrics metrics;

    HostStorageController(HostCallers callers, AddonDocuments documents, StorageLimits limits, StorageMetrics metrics) {
        this.callers = callers;
        this.documents = documents;
        this.limits = limits;
        this.metrics = metrics;
    }

    @GetMapping("/internal/host/storage/{collection}/{id}")
    ResponseEntity<StoredDocument> get(@RequestHeader(name = InvocationToken.HEADER, required = false) @Nullable String token,
            @PathVariable String collection, @PathVariable String id) {
        StorageScope scope = scope(token, Permission.STORAGE_READ);
        StoredDocument found = documents.get(scope, StorageNames.collection(collection), StorageNames.id(id))
                .orElseThrow(() -> notFound(collection, id));
        return withETag(ResponseEntity.ok(), found);
    }

    @PutMapping("/internal/host/storage/{collection}/{id}")
    ResponseEntity<StoredDocument> put(@RequestHeader(name = InvocationToken.HEADER, required = false) @Nullable String token,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) @Nullable String ifNoneMatch,
            @PathVariable String collection, @PathVariable String id, JsonBody body) {
        StorageScope scope = scope(token, Permission.STORAGE_WRITE);
        if (!(body.json() instanceof ObjectNode data)) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "A document is a JSON object.", List.of(new FieldError("", "an object")));
        }
        AddonDocuments.Written written = documents.put(scope, StorageNames.collection(collection), StorageNames.id(id), data,
                Precondition.of(ifMatch, ifNoneMatch));
        metrics.changed(scope);
        return withETag(ResponseEntity.status(written.created() ? HttpStatus.CREATED : HttpStatus.OK), written.document());
    }

    @DeleteMapping("/internal/host/storage/{collection}/{id}")
    ResponseEntity<Void> delete(@RequestHeader(name = InvocationToken.HEADER, required = false) @Nullable String token,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) @Nullable String ifMatch,
            @PathVariable String collection, @PathVariable String id) {
        StorageScope scope = scope(token, Permission.STORAGE_WRITE);
        if (!documents.delete(scope, StorageNames.collection(collection), StorageNames.id(id), Precondition.of(ifMatch, null))) {
            throw notFound(collection, id);
        }
        metrics.changed(scope);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/internal/host/storage/{collection}/_query")
    Map<String, List<StoredDocument>> query(@RequestHeader(name = InvocationToken.HEADER, required = false) @Nullable String token,
            @PathVariable String collection, JsonBody body) {
        StorageScope scope = scope(token, Permission.STORAGE_READ);
        return Map.of("documents", documents.query(scope, StorageNames.collection(collection),
                DocumentQuery.parse(body.json(), limits.maxQueryLimit())));
    }

    private StorageScope scope(@Nullable String token, Permission permission) {
        HostCaller caller = callers.authenticate(token);
        return new StorageScope(caller.addon(), callers.requireOnSite(caller, permission));
    }

    static ResponseEntity<StoredDocument> withETag(ResponseEntity.BodyBuilder response, StoredDocument document) {
        return response.eTag("\"" + document.version() + "\"").body(document);
    }

    static PlatformException notFound(String collection, String id) {
        return new PlatformException(ProblemType.NOT_FOUND, "No document '" + id + "' in collection '" + collection + "'.");
    }
}
