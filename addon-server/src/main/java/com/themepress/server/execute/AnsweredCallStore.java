package com.themepress.server.execute;

import java.time.Clock;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/** Keeps answers of keyed calls in {@code execute_calls}, where {@link IdempotencyKeys} finds them for repeats. */
@Component
class AnsweredCallStore implements AnsweredCalls {

    private final MongoTemplate mongo;
    private final Clock clock;

    AnsweredCallStore(MongoTemplate mongo, Clock clock) {
        this.mongo = mongo;
        this.clock = clock;
    }

    @Override
    public void keep(String callId, CallAnswer answer) {
        mongo.save(IdempotentCall.of(callId, answer, clock.instant()));
    }
}
