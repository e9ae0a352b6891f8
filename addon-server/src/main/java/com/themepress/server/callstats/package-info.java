/**
 * Per-addon execute calls as this replica saw them (count, refusals, errors, latency), for the addon's
 * developer: {@code GET /api/addons/{name}/stats}. Prometheus holds the fleet-wide history; this answers
 * "is my addon being called, and does it fail" without one.
 */
@NullMarked
package com.themepress.server.callstats;

import org.jspecify.annotations.NullMarked;
