/**
 * Publishing events ({@code POST /api/events}, and events carried by execute answers) and reading the
 * event log and subscriber backlog ({@code GET /api/events}, {@code /api/events/subscribers}).
 */
@NullMarked
package com.themepress.server.events.publishing;

import org.jspecify.annotations.NullMarked;
