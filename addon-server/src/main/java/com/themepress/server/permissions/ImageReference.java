package com.themepress.server.permissions;

import java.util.regex.Pattern;

/**
 * An image as the Docker engine resolves it, reduced to what ownership is about: its repository.
 * Tag and digest are dropped, and the names Docker treats as the same repository are made one
 * ({@code docker.io/acme/shop} and {@code acme/shop}; {@code docker.io/library/redis} and {@code redis}),
 * so that a rule written for one spelling holds for the others.
 *
 * @param image      the reference as the manifest gives it
 * @param repository registry host (when not Docker Hub) and path, without tag or digest
 */
record ImageReference(String image, String repository) {

    private static final Pattern HEX = Pattern.compile("^[0-9a-f]+$");
    private static final String[] HUB_HOSTS = {"docker.io/", "index.docker.io/", "registry-1.docker.io/"};
    private static final String HUB_OFFICIAL = "library/";

    static ImageReference parse(String image) {
        String name = image;
        int digest = name.indexOf('@');
        if (digest >= 0) {
            name = name.substring(0, digest);
        }
        int tag = name.lastIndexOf(':');
        if (tag > name.lastIndexOf('/')) {
            name = name.substring(0, tag);
        }
        return new ImageReference(image, canonical(name));
    }

    /** {@code pattern} is a repository ({@code acme/shop}) or, ending in {@code /}, everything under a namespace ({@code acme/}). */
    boolean matches(String pattern) {
        if (pattern.endsWith("/")) {
            return repository.startsWith(canonical(pattern.substring(0, pattern.length() - 1)) + "/");
        }
        return repository.equals(canonical(pattern));
    }

    /**
     * Whether the engine would read this as an image id rather than a name ({@code sha256:…}, or a
     * bare hex string that it matches against id prefixes): an id names no owner, so it could be the
     * id of anyone's image, an internal one included.
     */
    boolean isImageId() {
        return image.startsWith("sha256:") || HEX.matcher(image).matches();
    }

    private static String canonical(String name) {
        String path = name;
        for (String host : HUB_HOSTS) {
            if (path.startsWith(host)) {
                path = path.substring(host.length());
                break;
            }
        }
        if (path.startsWith(HUB_OFFICIAL) && path.indexOf('/', HUB_OFFICIAL.length()) < 0) {
            path = path.substring(HUB_OFFICIAL.length());
        }
        return path;
    }
}
