package com.themepress.examples.email;

import java.util.Locale;
import java.util.regex.Pattern;

import com.themepress.sdk.ProblemException;

/**
 * A pragmatic address check: one {@code @}, no spaces, a dotted domain, at most 254 characters.
 * Full RFC 5322 is not the point; rejecting what can never be delivered to is.
 */
final class EmailAddress {

    private static final Pattern SHAPE = Pattern.compile("^[^@\\s<>\"]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+$");

    private EmailAddress() {
    }

    static boolean isValid(String address) {
        return address.length() <= 254 && SHAPE.matcher(address).matches();
    }

    /** The address with its domain lower-cased (the local part is the mailbox owner's business); 400 if invalid. */
    static String require(String address, String pointer) {
        String trimmed = address.trim();
        if (!isValid(trimmed)) {
            throw new ProblemException(400, pointer + " is not a valid email address");
        }
        int at = trimmed.lastIndexOf('@');
        return trimmed.substring(0, at) + trimmed.substring(at).toLowerCase(Locale.ROOT);
    }
}
