package com.themepress.server.web;

import tools.jackson.databind.JsonNode;

/**
 * A request body that has been size-checked, type-checked and strictly parsed. Declare it as a
 * controller parameter; {@link JsonBodyResolver} fills it or answers the matching 4xx.
 */
public record JsonBody(byte[] raw, JsonNode json) {
}
