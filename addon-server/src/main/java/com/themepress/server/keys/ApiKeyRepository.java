package com.themepress.server.keys;

import org.springframework.data.mongodb.repository.MongoRepository;

/** Keyed by the secret's hash; see {@link ApiKeyDocument}. */
interface ApiKeyRepository extends MongoRepository<ApiKeyDocument, String> {
}
