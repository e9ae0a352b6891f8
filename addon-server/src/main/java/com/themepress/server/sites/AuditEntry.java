package com.themepress.server.sites;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One change to a site or its installations: who ({@code operator} or {@code site-key:<id>}), what
 * ({@code action}), on which addon, and a short human description of the change.
 */
@Document("site_audit")
public record AuditEntry(@Id String id, String site, Instant at, String actor, String action, @Nullable String addon,
        String detail) {
}
