package com.themepress.server.addonstorage;

import java.util.List;
import java.util.regex.Pattern;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

/** Names in storage paths and queries: collections, document ids, and field paths inside a document. */
final class StorageNames {

    private static final Pattern COLLECTION = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    /** Ids may not start with '_', so that {@code _query} and later verbs never read as one. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,199}");
    /** Up to five dotted names; no '$', so a field is never an operator. */
    private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9_-]{1,64}(\\.[A-Za-z0-9_-]{1,64}){0,4}");

    private StorageNames() {
    }

    static String collection(String name) {
        return check(COLLECTION, name, "/collection", "1-63 lower-case letters, digits, '_' or '-', starting with a letter or digit");
    }

    static String id(String id) {
        return check(ID, id, "/id", "1-200 letters, digits, '.', '_', ':', '@' or '-', starting with a letter or digit");
    }

    static String field(String field, String pointer) {
        return check(FIELD, field, pointer, "a field path: up to five dotted names of letters, digits, '_' or '-'");
    }

    private static String check(Pattern pattern, String value, String pointer, String rule) {
        if (!pattern.matcher(value).matches()) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "'" + (value.length() > 64 ? value.substring(0, 64) + "…" : value)
                    + "' is not a valid name here.", List.of(new FieldError(pointer, rule)));
        }
        return value;
    }
}
