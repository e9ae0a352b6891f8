package com.themepress.server.sites;

import java.util.List;
import java.util.TreeSet;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /internal/sites/origins}: every origin of every site, for the gateway's CORS policy. The
 * gateway polls it (every 10 s by default) and answers each request from memory, so this is read a few
 * times a minute per gateway replica, not per request. Behind the service key, as all {@code /internal/**}.
 */
@RestController
class SiteOriginsController {

    record SiteOrigins(List<String> origins) {
    }

    private final MongoTemplate mongo;

    SiteOriginsController(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    @GetMapping("/internal/sites/origins")
    SiteOrigins origins() {
        Query query = new Query();
        query.fields().include("origins");
        TreeSet<String> origins = new TreeSet<>();
        for (Document site : mongo.find(query, Document.class, mongo.getCollectionName(SiteDocument.class))) {
            if (site.get("origins") instanceof List<?> list) {
                list.forEach(origin -> origins.add(String.valueOf(origin)));
            }
        }
        return new SiteOrigins(List.copyOf(origins));
    }
}
