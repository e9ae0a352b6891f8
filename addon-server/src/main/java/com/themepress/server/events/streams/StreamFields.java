package com.themepress.server.events.streams;

/** Fields of a stream entry: the filterable attributes beside the envelope, so delivery need not parse JSON to filter. */
public final class StreamFields {

    public static final String TYPE = "type";
    public static final String SOURCE = "source";
    public static final String SITE = "site";
    public static final String EVENT = "event";

    private StreamFields() {
    }
}
