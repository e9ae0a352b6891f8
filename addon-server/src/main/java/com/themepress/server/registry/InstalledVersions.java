package com.themepress.server.registry;

import java.util.List;

/** Which sites have a version installed: a version installed anywhere cannot be withdrawn. Installations answer it. */
public interface InstalledVersions {

    /** Ids of sites with {@code addon@version} installed, in any order. */
    List<String> sitesWith(String addon, String version);
}
