package com.themepress.server.sites;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.server.cluster.ClusterBroadcasts;
import com.themepress.server.keys.KeyProperties;

/** Creates sites, changes their name and origins, and rotates their keys; each change is audited and broadcast. */
@Service
class SiteService {

    static final int KEPT_REVOKED = 10;

    private final SiteDirectory sites;
    private final SiteKeys keys;
    private final SiteAudit audit;
    private final ClusterBroadcasts broadcasts;
    private final Duration confirmWait;
    private final Clock clock;

    SiteService(SiteDirectory sites, SiteKeys keys, SiteAudit audit, ClusterBroadcasts broadcasts, KeyProperties keyProperties, Clock clock) {
        this.confirmWait = keyProperties.revocationConfirmTimeout();
        this.sites = sites;
        this.keys = keys;
        this.audit = audit;
        this.broadcasts = broadcasts;
        this.clock = clock;
    }

    /** The new site, with its two keys in clear text: the only time they are shown. */
    record Created(SiteDocument site, String secretKey, String publishableKey) {
    }

    Created create(SiteRequests.Create request) {
        Instant now = clock.instant();
        SiteKeys.Issued secret = keys.issue(request.id(), KeyKind.SECRET, now);
        SiteKeys.Issued publishable = keys.issue(request.id(), KeyKind.PUBLISHABLE, now);
        SiteDocument site = new SiteDocument(request.id(), request.name(), request.origins(), List.of(secret.stored(), publishable.stored()),
                now, now, null);
        try {
            site = sites.insert(site);
        } catch (DuplicateKeyException e) {
            throw new PlatformException(ProblemType.ALREADY_EXISTS, "A site '" + request.id() + "' exists already.");
        }
        // another replica may remember "no such site" from a key tried before the site existed
        broadcasts.publishAndConfirm(new SiteChanged(site.id()), confirmWait);
        audit.record(site.id(), SiteAccess.OPERATOR, "site-created", null, "name '" + site.name() + "', origins " + site.origins());
        return new Created(site, secret.text(), publishable.text());
    }

    SiteDocument update(String id, SiteRequests.Patch patch, String actor) {
        SiteDocument site = sites.require(id);
        SiteDocument changed = site.with(patch.name() != null ? patch.name() : site.name(),
                patch.origins() != null ? patch.origins() : site.origins(), site.keys(), clock.instant());
        SiteDocument saved = save(changed);
        audit.record(id, actor, "site-updated", null, "name '" + saved.name() + "', origins " + saved.origins());
        return saved;
    }

    /** Replaces key {@code keyId} by a new one of its kind; the old one stops working at once. */
    SiteKeys.Issued rotate(String id, String keyId, String actor) {
        SiteDocument site = sites.require(id);
        SiteKey old = site.keys().stream().filter(key -> key.id().equals(keyId) && key.active()).findFirst()
                .orElseThrow(() -> new PlatformException(ProblemType.NOT_FOUND, "Site '" + id + "' has no active key '" + keyId + "'."));
        Instant now = clock.instant();
        SiteKeys.Issued fresh = keys.issue(id, old.kind(), now);
        List<SiteKey> updated = new ArrayList<>();
        for (SiteKey key : site.keys()) {
            updated.add(key.id().equals(keyId) ? key.revokedAt(now) : key);
        }
        updated.add(fresh.stored());
        // revoked keys stay listed for the admin, the newest few: rotation must not grow the document without bound
        List<SiteKey> revoked = updated.stream().filter(key -> !key.active()).toList();
        if (revoked.size() > KEPT_REVOKED) {
            updated.removeAll(revoked.subList(0, revoked.size() - KEPT_REVOKED));
        }
        save(site.with(site.name(), site.origins(), List.copyOf(updated), now));
        audit.record(id, actor, "key-rotated", null, old.kind().name().toLowerCase(java.util.Locale.ROOT) + " key " + keyId
                + " replaced by " + fresh.stored().id());
        return fresh;
    }

    private SiteDocument save(SiteDocument site) {
        try {
            SiteDocument saved = sites.save(site);
            // as for a revoked developer key: answered once every replica dropped the old keys and origins
            broadcasts.publishAndConfirm(new SiteChanged(site.id()), confirmWait);
            return saved;
        } catch (OptimisticLockingFailureException e) {
            throw new PlatformException(ProblemType.CONCURRENT_MODIFICATION, "Site '" + site.id() + "' changed meanwhile; read it and try again.");
        }
    }
}
