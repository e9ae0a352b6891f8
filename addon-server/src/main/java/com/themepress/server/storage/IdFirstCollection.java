package com.themepress.server.storage;

import java.util.Collection;
import java.util.regex.Pattern;

import org.h2.mvstore.MVMap;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.QueryResult;
import de.bwaldvogel.mongo.backend.h2.H2Collection;
import de.bwaldvogel.mongo.bson.BsonRegularExpression;
import de.bwaldvogel.mongo.bson.Document;

/**
 * An H2 collection that answers a query naming one {@code _id} from the {@code _id} index, and checks the
 * query's other fields on that one document. The wire server uses an index only when its keys are exactly
 * the query's, so {@code {_id, revision}} (every optimistic-locking update and delete Spring Data sends)
 * read the whole collection: at 108,000 addon versions each quota refusal's delete of its version took
 * half a second and held the collection meanwhile (issue 25). MongoDB picks the {@code _id} index for such
 * a query itself, so this only brings the embedded server's plan to what a real one does; the answer is
 * the same, since every document found is still matched against the whole query.
 */
final class IdFirstCollection extends H2Collection {

    private static final String ID = "_id";

    private final Runnable scanned;

    /** @param scanned told of each query answered by reading the whole collection */
    IdFirstCollection(MongoDatabase database, String name, CollectionOptions options, MVMap<Object, Document> documents,
            MVMap<String, Object> meta, CursorRegistry cursors, Runnable scanned) {
        super(database, name, options, documents, meta, cursors);
        this.scanned = scanned;
    }

    @Override
    protected QueryResult matchDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
            Document fieldSelector) {
        scanned.run();
        return super.matchDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    @Override
    protected QueryResult queryDocuments(Document query, Document orderBy, int numberToSkip, int limit, int batchSize,
            Document fieldSelector) {
        if (query.size() > 1 && namesOneValue(query.get(ID))) {
            Document byId = new Document(ID, query.get(ID));
            for (Index<Object> index : getIndexes()) {
                if (index.getKeys().size() == 1 && index.canHandle(byId)) {
                    return matchDocuments(query, index.getPositions(byId), orderBy, numberToSkip, limit, batchSize, fieldSelector);
                }
            }
        }
        return super.queryDocuments(query, orderBy, numberToSkip, limit, batchSize, fieldSelector);
    }

    /** A plain value: not an operator document, an array, a regular expression or null (which also matches a missing field). */
    static boolean namesOneValue(Object id) {
        return id != null && !(id instanceof Document) && !(id instanceof Collection<?>) && !(id instanceof BsonRegularExpression)
                && !(id instanceof Pattern);
    }
}
