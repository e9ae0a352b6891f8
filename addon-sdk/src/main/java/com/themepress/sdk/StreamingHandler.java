package com.themepress.sdk;

import java.io.OutputStream;

/**
 * Serves {@code POST /execute/{endpoint}} by writing the answer as it is made: 200
 * {@code application/json}, chunked. For answers too large to build in memory first; the platform
 * still reads at most its answer limit (2 MiB by default) and answers 502 beyond it. Once writing
 * has begun no problem can be answered any more: a failure then ends the answer early.
 */
@FunctionalInterface
public interface StreamingHandler {

    void write(Call call, OutputStream body) throws Exception;
}
