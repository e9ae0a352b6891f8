package com.themepress.sdk;

/** Serves {@code POST /widgets/{widget}/render}. May throw {@link ProblemException} to answer a problem. */
@FunctionalInterface
public interface WidgetHandler {

    Widget render(Render render) throws Exception;
}
