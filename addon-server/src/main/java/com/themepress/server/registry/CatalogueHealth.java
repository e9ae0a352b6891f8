package com.themepress.server.registry;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Out of service until the catalogue's first load has finished: before that, browsing waits and then
 * gets 503, so a replica should not be sent traffic (and platform.sh does not call it healthy).
 */
@Component("catalogueHealthIndicator")
class CatalogueHealth implements HealthIndicator {

    private final CatalogueIndex catalogue;

    CatalogueHealth(CatalogueIndex catalogue) {
        this.catalogue = catalogue;
    }

    @Override
    public Health health() {
        Health.Builder health = catalogue.isLoaded() ? Health.up() : Health.outOfService().withDetail("loading", true);
        return health.withDetail("bytes", catalogue.heldBytes()).build();
    }
}
