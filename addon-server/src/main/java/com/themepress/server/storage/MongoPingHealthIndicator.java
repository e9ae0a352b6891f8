package com.themepress.server.storage;

import org.bson.Document;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Replaces Boot's MongoDB health check (registered under the bean name it looks for), which sends
 * {@code hello}: the embedded wire server does not know that command. {@code ping} is answered by
 * the embedded server and by every real MongoDB alike.
 */
@Component("mongoHealthIndicator")
class MongoPingHealthIndicator implements HealthIndicator {

    private final MongoTemplate mongo;

    MongoPingHealthIndicator(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @Override
    public Health health() {
        try {
            Document answer = mongo.executeCommand(new Document("ping", 1));
            return Health.up().withDetail("database", mongo.getDb().getName()).withDetail("ok", answer.get("ok")).build();
        } catch (RuntimeException e) {
            return Health.down(e).build();
        }
    }
}
