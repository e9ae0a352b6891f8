package com.themepress.model.problem;

/**
 * One thing wrong with a request body.
 *
 * @param pointer RFC 6901 JSON pointer to the offending value ("" is the whole document)
 * @param message what is wrong there, for a human
 */
public record FieldError(String pointer, String message) {
}
