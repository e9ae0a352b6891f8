package com.themepress.sdk;

/** Serves {@code POST /execute/{endpoint}}. May throw {@link ProblemException} to answer a problem. */
@FunctionalInterface
public interface EndpointHandler {

    Result handle(Call call) throws Exception;
}
