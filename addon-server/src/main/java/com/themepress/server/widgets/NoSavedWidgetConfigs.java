package com.themepress.server.widgets;

import java.util.Optional;

import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;

/** Until installations exist no site has saved config: every widget renders with its schema defaults. */
@Component
class NoSavedWidgetConfigs implements SavedWidgetConfigs {

    @Override
    public Optional<JsonNode> find(String site, String addon, String widget) {
        return Optional.empty();
    }
}
