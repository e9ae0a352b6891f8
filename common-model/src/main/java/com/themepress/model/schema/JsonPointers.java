package com.themepress.model.schema;

import com.networknt.schema.path.NodePath;

/** RFC 6901 pointers, built from the validator's paths so that they do not depend on its path style. */
public final class JsonPointers {

    private JsonPointers() {
    }

    public static String of(NodePath path) {
        StringBuilder pointer = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            pointer.append('/').append(escape(String.valueOf(path.getElement(i))));
        }
        return pointer.toString();
    }

    public static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }
}
