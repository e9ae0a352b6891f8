package com.themepress.server.addonstorage;

import tools.jackson.databind.node.ObjectNode;

/** A document as the host API and the admin read answer it; {@code version} is also its ETag. */
record StoredDocument(String collection, String id, long version, ObjectNode data) {
}
