package com.themepress.sdk;

import tools.jackson.databind.JsonNode;

/**
 * A document in addon storage. {@code version} rises by one with every write: pass it back to
 * {@link Storage#put(String, String, Object, long)} to write only over what was read.
 */
public record StoredDocument(String collection, String id, long version, JsonNode data) {
}
