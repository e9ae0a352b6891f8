package com.themepress.examples.payment;

import java.util.Map;
import java.util.Optional;

import com.themepress.sdk.ProblemException;

/** Card number checks and the gateway's test cards (the well-known numbers payment sandboxes decline). */
final class Cards {

    /** Luhn-valid numbers that always decline, with the reason the gateway reports. */
    private static final Map<String, String> DECLINED = Map.of(
            "4000000000000002", "card_declined",
            "4000000000009995", "insufficient_funds",
            "4000000000000069", "expired_card");

    private Cards() {
    }

    /** The digits of a card number as typed (spaces and dashes allowed); 400 when it cannot be a card. */
    static String normalize(String typed) {
        String digits = typed.replaceAll("[ -]", "");
        if (!digits.matches("[0-9]{12,19}") || !luhn(digits)) {
            throw new ProblemException(400, "/cardNumber is not a valid card number");
        }
        return digits;
    }

    static Optional<String> declineReason(String digits) {
        return Optional.ofNullable(DECLINED.get(digits));
    }

    static String last4(String digits) {
        return digits.substring(digits.length() - 4);
    }

    private static boolean luhn(String digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (doubled) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }
}
