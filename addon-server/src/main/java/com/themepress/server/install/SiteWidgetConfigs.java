package com.themepress.server.install;

import java.util.Optional;

import org.springframework.context.annotation.Primary;
import org.springframework.stereotype.Component;

import com.themepress.server.widgets.SavedWidgetConfigs;

import tools.jackson.databind.JsonNode;

/** A site's widget config is its installation's, defaults filled in when it was saved. */
@Primary
@Component
class SiteWidgetConfigs implements SavedWidgetConfigs {

    private final InstallationDirectory installations;

    SiteWidgetConfigs(InstallationDirectory installations) {
        this.installations = installations;
    }

    @Override
    public Optional<JsonNode> find(String site, String addon, String widget) {
        return installations.find(site, addon).map(installation -> InstallConfigs.parse(installation.config()).path("widgets").path(widget))
                .filter(JsonNode::isObject);
    }

    @Override
    public Optional<String> installedVersion(String site, String addon) {
        return installations.find(site, addon).map(InstallationDocument::version);
    }

    @Override
    public boolean pageScript(String site, String addon) {
        return installations.find(site, addon).map(installation -> installation.grant().contains(Grants.PAGE_SCRIPT)).orElse(false);
    }

    @Override
    public boolean isInstalled(String site, String addon) {
        return installations.find(site, addon).isPresent();
    }
}
