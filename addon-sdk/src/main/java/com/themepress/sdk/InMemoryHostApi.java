package com.themepress.sdk;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

import tools.jackson.databind.JsonNode;

/**
 * The host API in memory, for an addon's unit tests and local runs: one addon on one site, every
 * permission granted, versions and conflicts as the platform answers them. Queries support equality
 * and the four ranges on top-level or dotted fields, sorting and a limit, like the platform's.
 */
public final class InMemoryHostApi implements HostApi, Storage, Events {

    /** An event published through {@link #events()}. */
    public record Published(String type, JsonNode data) {
    }

    private final Map<String, StoredDocument> documents = new TreeMap<>();
    private final List<Published> published = new CopyOnWriteArrayList<>();
    private final JsonNode site;
    private final int maxDocuments;

    public InMemoryHostApi() {
        this(Integer.MAX_VALUE);
    }

    /** At most {@code maxDocuments} documents; beyond, a new one is refused with 429, as the platform's quota would. */
    public InMemoryHostApi(int maxDocuments) {
        this(Json.object("id", "local", "name", "Local site", "origins", Json.array()), maxDocuments);
    }

    public InMemoryHostApi(JsonNode site, int maxDocuments) {
        this.site = site;
        this.maxDocuments = maxDocuments;
    }

    @Override
    public Storage storage() {
        return this;
    }

    @Override
    public Events events() {
        return this;
    }

    @Override
    public JsonNode site() {
        return site;
    }

    @Override
    public Optional<String> token() {
        return Optional.of("in-memory"); // a host API to use, as a call's token makes one
    }

    /** What was published, in order. */
    public List<Published> published() {
        return List.copyOf(published);
    }

    @Override
    public synchronized Optional<StoredDocument> get(String collection, String id) {
        return Optional.ofNullable(documents.get(collection + "/" + id));
    }

    @Override
    public synchronized StoredDocument put(String collection, String id, Object data) {
        StoredDocument old = documents.get(collection + "/" + id);
        return store(collection, id, data, old == null ? 1 : old.version() + 1);
    }

    @Override
    public synchronized StoredDocument put(String collection, String id, Object data, long expectedVersion) {
        StoredDocument old = documents.get(collection + "/" + id);
        if (old == null || old.version() != expectedVersion) {
            throw new HostApiException(Problem.of(412, "precondition-failed", "Resource changed since it was read", "version changed"));
        }
        return store(collection, id, data, expectedVersion + 1);
    }

    @Override
    public synchronized StoredDocument create(String collection, String id, Object data) {
        if (documents.containsKey(collection + "/" + id)) {
            throw new HostApiException(Problem.of(412, "precondition-failed", "Resource changed since it was read", "exists"));
        }
        return store(collection, id, data, 1);
    }

    @Override
    public synchronized boolean delete(String collection, String id) {
        return documents.remove(collection + "/" + id) != null;
    }

    @Override
    public synchronized List<StoredDocument> query(String collection, StorageQuery query) {
        JsonNode spec = query.toJson();
        List<StoredDocument> found = new ArrayList<>();
        for (StoredDocument document : documents.values()) {
            if (document.collection().equals(collection) && matches(document.data(), spec.path("where"))) {
                found.add(document);
            }
        }
        Comparator<StoredDocument> order = Comparator.comparing(StoredDocument::id);
        List<JsonNode> sorts = new ArrayList<>();
        spec.path("sort").forEach(sorts::add);
        for (int i = sorts.size() - 1; i >= 0; i--) {
            String field = sorts.get(i).path("field").asString();
            Comparator<StoredDocument> byField = (a, b) -> compare(at(a.data(), field), at(b.data(), field));
            order = ("desc".equals(sorts.get(i).path("order").asString()) ? byField.reversed() : byField).thenComparing(order);
        }
        found.sort(order);
        int limit = spec.path("limit").asInt(100);
        return List.copyOf(found.subList(0, Math.min(limit, found.size())));
    }

    @Override
    public void publish(String type, Object data) {
        published.add(new Published(type, Json.tree(data)));
    }

    private StoredDocument store(String collection, String id, Object data, long version) {
        if (!documents.containsKey(collection + "/" + id) && documents.size() >= maxDocuments) {
            throw new HostApiException(Problem.of(429, "storage-quota-exceeded", "Addon storage quota exceeded",
                    "at most " + maxDocuments + " documents"));
        }
        StoredDocument document = new StoredDocument(collection, id, version, Json.tree(data).deepCopy());
        documents.put(collection + "/" + id, document);
        return document;
    }

    private static boolean matches(JsonNode data, JsonNode where) {
        for (Map.Entry<String, JsonNode> condition : where.properties()) {
            JsonNode value = at(data, condition.getKey());
            JsonNode wanted = condition.getValue();
            if (!wanted.isObject()) {
                if (value.isMissingNode() || compare(value, wanted) != 0) {
                    return false;
                }
                continue;
            }
            for (Map.Entry<String, JsonNode> range : wanted.properties()) {
                int c = value.isMissingNode() ? 0 : compare(value, range.getValue());
                boolean ok = switch (range.getKey()) {
                    case "gt" -> c > 0;
                    case "gte" -> c >= 0;
                    case "lt" -> c < 0;
                    default -> c <= 0;
                };
                if (value.isMissingNode() || !ok) {
                    return false;
                }
            }
        }
        return true;
    }

    private static JsonNode at(JsonNode data, String field) {
        JsonNode node = data;
        for (String name : field.split("\\.")) {
            node = node.path(name);
        }
        return node;
    }

    private static int compare(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return Double.compare(a.doubleValue(), b.doubleValue());
        }
        return a.asString("").compareTo(b.asString(""));
    }
}
