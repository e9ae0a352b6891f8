package com.themepress.server.storage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

import org.bson.Document;

import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;

/**
 * Writes made on the way to a request's last write, which makes them durable: they need not wait for
 * the disk themselves. On the embedded store a commit writes the whole store, so the wait of a later
 * write covers every change made before it; there these writes are sent with {@link #EMBEDDED} and
 * {@link DurableH2Backend} answers them without waiting. A registration under one developer's turn
 * used to wait for two commits while every other registration of that developer queued behind it
 * (issue 25: 105 registrations/s at 100,000 addons). On a real MongoDB an unreplicated write can be
 * rolled back by a failover while a later majority write on the new primary succeeds, so there
 * these writes keep {@link DurableWrites#CONCERN}.
 * <p>
 * Use it only where a write that waits follows on the same thread before the caller is answered.
 */
@Component
public class InterimWrites {

    /** Acknowledged once applied, not journaled: what {@link DurableH2Backend} answers without a flush. */
    static final WriteConcern EMBEDDED = WriteConcern.W1.withJournal(false);

    private final MongoTemplate template;
    private final WriteConcern concern;

    @Autowired
    InterimWrites(MongoTemplate mongo, ObjectProvider<EmbeddedMongo> embedded) {
        this(mongo, embedded.getIfAvailable() != null);
    }

    /** @param embedded whether {@code mongo} talks to the embedded store */
    public InterimWrites(MongoTemplate mongo, boolean embedded) {
        this.concern = embedded ? EMBEDDED : DurableWrites.CONCERN;
        this.template = new MongoTemplate(mongo.getMongoDatabaseFactory(), mongo.getConverter());
        template.setWriteConcern(concern);
    }

    /**
     * The store as {@code mongo} sees it, with this class's write concern on inserts, saves, updates and
     * removals; not on {@code findAndModify}, which ignores a template's write concern: use {@link #collection}.
     */
    public MongoTemplate template() {
        return template;
    }

    /** A collection of the store with this class's write concern on every write. */
    public MongoCollection<Document> collection(String name) {
        return template.getCollection(name).withWriteConcern(concern);
    }
}
