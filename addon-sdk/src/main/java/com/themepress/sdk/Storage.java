package com.themepress.sdk;

import java.util.List;
import java.util.Optional;

/**
 * This addon's documents on the call's site, in named collections (names: lower-case letters, digits,
 * {@code _} and {@code -}; ids: letters, digits, {@code . _ : @ -}). No other addon and no other site
 * sees them. A write over a version that changed meanwhile throws a {@link HostApiException} whose
 * {@link HostApiException#conflict()} is true: read again and retry.
 */
public interface Storage {

    Optional<StoredDocument> get(String collection, String id);

    /** Writes the document whatever its version (last writer wins). */
    StoredDocument put(String collection, String id, Object data);

    /** Writes the document only if it is still at {@code expectedVersion}. */
    StoredDocument put(String collection, String id, Object data, long expectedVersion);

    /** Writes the document only if it does not exist yet. */
    StoredDocument create(String collection, String id, Object data);

    /** Whether there was a document to delete. */
    boolean delete(String collection, String id);

    List<StoredDocument> query(String collection, StorageQuery query);
}
