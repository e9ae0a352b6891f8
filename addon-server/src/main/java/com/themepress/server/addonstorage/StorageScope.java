package com.themepress.server.addonstorage;

/** One addon's storage on one site: the unit of isolation, quotas and retention. */
record StorageScope(String addon, String site) {

    /** Key of the scope's usage and retention records; '/' is in neither name. */
    String key() {
        return addon + "/" + site;
    }

    String documentKey(String collection, String id) {
        return key() + "/" + collection + "/" + id;
    }
}
