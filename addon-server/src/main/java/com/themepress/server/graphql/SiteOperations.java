package com.themepress.server.graphql;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.ContextValue;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.graphql.data.method.annotation.SchemaMapping;
import org.springframework.stereotype.Controller;
import org.springframework.util.StringUtils;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.StrictJson;
import com.themepress.server.graphql.Nodes.InstallResult;
import com.themepress.server.graphql.Nodes.InstallationNode;
import com.themepress.server.graphql.Nodes.SiteNode;
import com.themepress.server.install.SiteInstallations;
import com.themepress.server.sites.KeyKind;
import com.themepress.server.sites.SiteAccess;
import com.themepress.server.sites.SiteDirectory;
import com.themepress.server.sites.SiteDocument;
import com.themepress.server.sites.SiteKeys;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

/**
 * A site admin's side: a site with its installations and grants, {@code installAddon} and
 * {@code updateAddonConfig}. Each passes {@link SiteAccess#requireManager} first, as the REST
 * controller does: the site's secret key or the admin key. The site is the key's own, so the seed's
 * {@code installAddon(id, config)} needs no site; the operator names one.
 */
@Controller
class SiteOperations {

    private final SiteAccess access;
    private final SiteKeys siteKeys;
    private final SiteDirectory sites;
    private final SiteInstallations installations;

    SiteOperations(SiteAccess access, SiteKeys siteKeys, SiteDirectory sites, SiteInstallations installations) {
        this.access = access;
        this.siteKeys = siteKeys;
        this.sites = sites;
        this.installations = installations;
    }

    @QueryMapping
    SiteNode site(@Argument String id, @ContextValue(name = CallerContext.KEY, required = false) @Nullable String key) {
        access.requireManager(id, key);
        SiteDocument site = sites.require(id);
        return new SiteNode(site.id(), site.name(), site.origins());
    }

    /** Only reached through {@code Query.site}, which checked the key. */
    @SchemaMapping(typeName = "Site")
    List<InstallationNode> installations(SiteNode site) {
        return installations.list(site.id()).stream().map(InstallationNode::of).toList();
    }

    @MutationMapping
    InstallResult installAddon(@Argument String id, @Argument @Nullable JsonNode config, @Argument @Nullable String version,
            @Argument @Nullable List<String> grant, @Argument @Nullable String site,
            @ContextValue(name = CallerContext.KEY, required = false) @Nullable String key) {
        String target = siteOf(site, key);
        String actor = access.requireManager(target, key);
        SiteInstallations.Installed installed = installations.install(target, id, version == null ? "*" : version, config,
                grant == null ? null : array(grant), actor);
        return new InstallResult(true, InstallationNode.of(installed));
    }

    @MutationMapping
    InstallationNode updateAddonConfig(@Argument String id, @Argument @Nullable JsonNode config, @Argument @Nullable List<String> grant,
            @Argument @Nullable String site, @ContextValue(name = CallerContext.KEY, required = false) @Nullable String key) {
        String target = siteOf(site, key);
        String actor = access.requireManager(target, key);
        return InstallationNode.of(installations.reconfigure(target, id, config, grant == null ? null : array(grant), actor));
    }

    /**
     * The site named, else the site key's own. Without a key this is the REST call's 401; the admin key
     * must name the site.
     */
    private String siteOf(@Nullable String site, @Nullable String key) {
        if (site != null) {
            return site;
        }
        if (!StringUtils.hasText(key)) {
            throw new PlatformException(ProblemType.UNAUTHENTICATED,
                    "Changing an installation needs the site's secret key (or the admin key) in the X-API-Key header.");
        }
        if (KeyKind.isSiteKey(key)) {
            return siteKeys.authenticate(key).site();
        }
        throw new PlatformException(ProblemType.INVALID_REQUEST, "Name the site (\"site\") when not using the site's secret key.",
                List.of(new FieldError("/site", "required with the admin key")));
    }

    private static ArrayNode array(List<String> values) {
        ArrayNode array = StrictJson.mapper().createArrayNode();
        values.forEach(array::add);
        return array;
    }
}
