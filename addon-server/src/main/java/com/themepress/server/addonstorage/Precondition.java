package com.themepress.server.addonstorage;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

/**
 * A write's condition: {@code If-Match: "<version>"} (only over that version), {@code If-None-Match: *}
 * (only if absent), or none (last writer wins).
 */
record Precondition(@Nullable Long version, boolean absent) {

    static final Precondition NONE = new Precondition(null, false);

    static Precondition of(@Nullable String ifMatch, @Nullable String ifNoneMatch) {
        if (ifNoneMatch != null) {
            if (!"*".equals(ifNoneMatch.strip())) {
                throw invalid("/headers/If-None-Match", "only * (create, never overwrite)");
            }
            return new Precondition(null, true);
        }
        if (ifMatch == null) {
            return NONE;
        }
        String text = ifMatch.strip();
        if (text.startsWith("W/")) {
            text = text.substring(2);
        }
        if (text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1);
        }
        try {
            return new Precondition(Long.parseLong(text), false);
        } catch (NumberFormatException e) {
            throw invalid("/headers/If-Match", "a document version, as its ETag gave it");
        }
    }

    /** 412 unless the document's current version (null: absent) meets the condition. */
    void require(@Nullable Long current) {
        if (absent && current != null) {
            throw changed("The document exists already (If-None-Match: *).");
        }
        if (version != null && !version.equals(current)) {
            throw changed(current == null ? "The document does not exist (If-Match: \"" + version + "\")."
                    : "The document is at version " + current + ", not " + version + ".");
        }
    }

    static PlatformException changed(String detail) {
        return new PlatformException(ProblemType.PRECONDITION_FAILED, detail + " Read it again and retry.");
    }

    private static PlatformException invalid(String pointer, String message) {
        return new PlatformException(ProblemType.INVALID_REQUEST, "The precondition header cannot be read.",
                List.of(new FieldError(pointer, message)));
    }
}
