package com.themepress.server.permissions;

import java.util.List;

import org.springframework.stereotype.Component;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.EndpointSpec;
import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

/**
 * Who may call an addon's endpoint ({@code POST /api/addons/{name}/execute}). A {@code public} endpoint
 * is for pages, so anyone may call it. Any other endpoint (also every endpoint of the short manifest
 * form, which cannot say {@code public}) answers only the operator's key and the key of the addon's
 * developer: without a key 401, with another developer's key 403. The sites issue adds site keys as
 * {@link EndpointCaller} kinds and their rule here.
 */
@Component
public class EndpointAccess {

    private final AddonOwners owners;

    public EndpointAccess(AddonOwners owners) {
        this.owners = owners;
    }

    /** Whether anyone may call {@code endpoint}, without a key. */
    public boolean isOpen(EndpointSpec endpoint) {
        return endpoint.isPublic();
    }

    /** Returns when {@code caller} may call {@code endpoint} of {@code addon}; throws the 401 or 403 otherwise. */
    public void requireMayCall(AddonManifest addon, EndpointSpec endpoint, EndpointCaller caller) {
        if (isOpen(endpoint) || caller instanceof EndpointCaller.Operator || caller instanceof EndpointCaller.SiteAdmin) {
            return;
        }
        List<FieldError> at = List.of(new FieldError("/action", "endpoint is not public"));
        if (caller instanceof EndpointCaller.SitePage page) {
            throw new PlatformException(ProblemType.FORBIDDEN, "Endpoint '" + endpoint.name() + "' of '" + addon.name()
                    + "' is not public; a page's publishable key calls only public endpoints (site '" + page.site()
                    + "' calls it server side with its secret key).", at);
        }
        if (caller instanceof EndpointCaller.Developer developer) {
            if (owners.owns(developer.developer(), addon.name())) {
                return;
            }
            throw new PlatformException(ProblemType.FORBIDDEN, "Endpoint '" + endpoint.name() + "' of '" + addon.name()
                    + "' is not public; only the key of the addon's developer may call it.", at);
        }
        throw new PlatformException(ProblemType.UNAUTHENTICATED, "Endpoint '" + endpoint.name() + "' of '" + addon.name()
                + "' is not public; call it with the key of the addon's developer in the X-API-Key header.", at);
    }
}
