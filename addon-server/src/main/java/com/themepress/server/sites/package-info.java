/**
 * Sites and their keys (spec section 14): a site's secret key ({@code sk_…}) is its admin's, for
 * server-side calls; its publishable key ({@code pk_…}) is for its pages, honoured only from the
 * site's origins. Keys are stored as SHA-256 hashes and carry the site's id, so a lookup is one
 * cached read by id.
 */
@NullMarked
package com.themepress.server.sites;

import org.jspecify.annotations.NullMarked;
