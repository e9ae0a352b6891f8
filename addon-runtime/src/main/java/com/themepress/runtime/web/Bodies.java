package com.themepress.runtime.web;

import java.io.IOException;
import java.io.InputStream;

import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

import jakarta.servlet.http.HttpServletRequest;

/** Reads request bodies with a hard limit, so a chunked upload cannot make the runtime buffer more. */
public final class Bodies {

    private Bodies() {
    }

    public static byte[] read(HttpServletRequest request, long maxBytes) throws IOException {
        if (request.getContentLengthLong() > maxBytes) {
            throw tooLarge(maxBytes);
        }
        byte[] raw;
        try (InputStream in = request.getInputStream()) {
            raw = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        }
        if (raw.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return raw;
    }

    private static PlatformException tooLarge(long maxBytes) {
        return new PlatformException(ProblemType.PAYLOAD_TOO_LARGE, "Request body exceeds the limit of " + maxBytes + " bytes.");
    }
}
