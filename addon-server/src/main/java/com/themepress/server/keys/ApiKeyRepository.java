package com.themepress.server.keys;

import java.util.Optional;

import org.springframework.data.mongodb.repository.MongoRepository;

interface ApiKeyRepository extends MongoRepository<ApiKeyDocument, String> {

    Optional<ApiKeyDocument> findBySecretHash(String secretHash);
}
