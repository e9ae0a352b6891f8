package com.themepress.sdk;

import java.math.BigDecimal;
import java.util.Optional;

import tools.jackson.databind.JsonNode;

/**
 * One call of an endpoint. The typed readers answer 400 naming the field's JSON pointer when a
 * value is missing or of the wrong type, so validation reads as a list of fields.
 *
 * @param endpoint the endpoint's name
 * @param data     the call's data as sent (an empty object when the body was empty)
 * @param addon    this container's identity and addon-level config
 * @param site     the site the call is made for ({@code X-Themepress-Site}), empty for a call of no site
 *                 (the developer testing, a call from the operator)
 * @param settings that site's settings for this addon ({@code X-Themepress-Settings}), an empty object when none
 * @param host     the host API for this call: storage, events and site data of its site
 */
public record Call(String endpoint, JsonNode data, AddonInfo addon, Optional<String> site, JsonNode settings, HostApi host) {

    /** A call of no site. */
    public Call(String endpoint, JsonNode data, AddonInfo addon) {
        this(endpoint, data, addon, Optional.empty(), Json.object());
    }

    /** A call without a host API (tests that need none). */
    public Call(String endpoint, JsonNode data, AddonInfo addon, Optional<String> site, JsonNode settings) {
        this(endpoint, data, addon, site, settings, HostApi.none());
    }

    /** This addon's documents on the call's site. */
    public Storage storage() {
        return host.storage();
    }

    /** Publishing events from this call's site. */
    public Events events() {
        return host.events();
    }

    /** The site's public data (needs {@code site.read}); {@link #site()} is only its id. */
    public JsonNode siteData() {
        return host.site();
    }

    /** A required string field. */
    public String text(String field) {
        return Fields.text(data, field);
    }

    /** An optional string field. */
    public String text(String field, String fallback) {
        return Fields.text(data, field, fallback);
    }

    /** An optional string field, empty when absent or null. */
    public Optional<String> optionalText(String field) {
        return Optional.ofNullable(Fields.textOrNull(data, field));
    }

    /** A required number field, exactly as sent (no binary rounding). */
    public BigDecimal number(String field) {
        return Fields.number(data, field);
    }

    /** An optional number field, empty when absent or null. */
    public Optional<BigDecimal> optionalNumber(String field) {
        JsonNode value = Fields.field(data, field);
        return value.isMissingNode() || value.isNull() ? Optional.empty() : Optional.of(number(field));
    }

    /** A required integer field. */
    public long integer(String field) {
        return Fields.integer(data, field);
    }

    /** An optional integer field. */
    public long integer(String field, long fallback) {
        return Fields.integer(data, field, fallback);
    }

    /** An optional boolean field. */
    public boolean bool(String field, boolean fallback) {
        return Fields.bool(data, field, fallback);
    }

    /** Any field as a node; a missing node when absent. */
    public JsonNode field(String field) {
        return Fields.field(data, field);
    }
}
