package com.themepress.examples.payment;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import tools.jackson.databind.JsonNode;

import com.themepress.sdk.Call;
import com.themepress.sdk.ProblemException;

/**
 * A validated {@code process-payment} call. {@code items} and {@code email} are passed through
 * untouched into {@code payment.completed}, where inventory and email-marketing pick them up.
 */
record PaymentRequest(BigDecimal amount, String currency, String method, @Nullable String cardDigits,
        @Nullable String orderId, @Nullable String email, JsonNode items) {

    static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000");
    static final Set<String> METHODS = Set.of("card", "paypal", "bank-transfer");
    private static final Pattern CURRENCY = Pattern.compile("^[A-Za-z]{3}$");

    static PaymentRequest from(Call call) {
        BigDecimal amount = call.number("amount");
        if (amount.signum() <= 0) {
            throw new ProblemException(400, "/amount must be greater than 0");
        }
        if (amount.compareTo(MAX_AMOUNT) > 0) {
            throw new ProblemException(400, "/amount must be at most 1000000");
        }
        if (amount.stripTrailingZeros().scale() > 2) {
            throw new ProblemException(400, "/amount must have at most 2 decimal places");
        }
        String currency = call.text("currency");
        if (!CURRENCY.matcher(currency).matches()) {
            throw new ProblemException(400, "/currency must be a 3-letter currency code such as USD");
        }
        String method = call.text("method");
        if (!METHODS.contains(method)) {
            throw new ProblemException(400, "/method must be one of card, paypal, bank-transfer");
        }
        String card = call.optionalText("cardNumber").map(Cards::normalize).orElse(null);
        if (card != null && !method.equals("card")) {
            throw new ProblemException(400, "/cardNumber only goes with method card");
        }
        JsonNode items = call.field("items");
        if (!items.isMissingNode() && !items.isNull() && !items.isArray()) {
            throw new ProblemException(400, "/items must be an array of {sku, quantity}");
        }
        return new PaymentRequest(amount, currency.toUpperCase(Locale.ROOT), method, card,
                call.optionalText("orderId").orElse(null), call.optionalText("email").orElse(null), items);
    }
}
