package com.themepress.examples.email;

import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import com.themepress.sdk.Call;
import com.themepress.sdk.Event;
import com.themepress.sdk.Json;
import com.themepress.sdk.ProblemException;
import com.themepress.sdk.Result;

/** The email addon's endpoints and its {@code payment.completed} subscription. */
final class EmailEndpoints {

    private final Mailbox base;

    EmailEndpoints(Mailbox mailbox) {
        this.base = mailbox;
    }

    /** Validates and records the message; it is not sent (the sandbox has no route out). */
    Result sendEmail(Call call) {
        String to = EmailAddress.require(call.text("to"), "/to");
        String subject = call.text("subject").strip();
        String body = call.text("body", "");
        if (subject.isEmpty() || subject.length() > 200 || subject.contains("\n")) {
            throw new ProblemException(400, "/subject must be one line of 1 to 200 characters");
        }
        if (body.length() > 100_000) {
            throw new ProblemException(400, "/body may have at most 100000 characters");
        }
        Mailbox.Message message = base.forCall(call.site().orElse(null), call.host()).record(to, subject, body, "manual");
        return Result.ok(Json.object("messageId", message.id(), "to", to, "status", "recorded"));
    }

    /** {@code {email, name}}: the public sign-up; it answers only about the address it was given. */
    Result subscribe(Call call) {
        String email = EmailAddress.require(call.text("email"), "/email");
        String name = call.text("name", "").strip();
        if (name.length() > 100) {
            throw new ProblemException(400, "/name may have at most 100 characters");
        }
        boolean added = base.forCall(call.site().orElse(null), call.host()).subscribe(email, name).isPresent();
        return Result.status(added ? 201 : 200, Json.object("email", email, "subscribed", true, "new", added));
    }

    /** {@code {action: add|remove|list, email, name}}: needs a key, since {@code list} reads every address. */
    Result manageSubscribers(Call call) {
        String action = call.text("action");
        switch (action) {
            case "add" -> {
                return subscribe(call);
            }
            case "remove" -> {
                String email = EmailAddress.require(call.text("email"), "/email");
                if (!base.forCall(call.site().orElse(null), call.host()).unsubscribe(email)) {
                    return Result.notFound("'" + email + "' is not subscribed");
                }
                return Result.ok(Json.object("email", email, "subscribed", false));
            }
            case "list" -> {
                List<Mailbox.Subscriber> all = base.forCall(call.site().orElse(null), call.host()).subscribers();
                long limit = call.integer("limit", 100);
                if (limit < 1 || limit > 1000) {
                    throw new ProblemException(400, "/limit must be from 1 to 1000");
                }
                return Result.ok(Json.object("count", all.size(), "subscribers",
                        all.stream().limit(limit).map(s -> Json.object("email", s.email(), "name", s.name(),
                                "subscribedAt", s.subscribedAt().toString())).toList()));
            }
            default -> throw new ProblemException(400, "/action must be one of add, remove, list");
        }
    }

    /** The recorded messages, newest first, optionally for one address. */
    Result outbox(Call call) {
        String to = call.optionalText("to").map(address -> EmailAddress.require(address, "/to")).orElse(null);
        long limit = call.integer("limit", 50);
        if (limit < 1 || limit > Mailbox.LISTED) {
            throw new ProblemException(400, "/limit must be from 1 to " + Mailbox.LISTED);
        }
        List<ObjectNode> messages = base.forCall(call.site().orElse(null), call.host()).outbox(to, (int) limit).stream()
                .map(EmailEndpoints::toJson)
                .toList();
        return Result.ok(Json.object("messages", messages));
    }

    private static ObjectNode toJson(Mailbox.Message message) {
        return Json.object("messageId", message.id(), "to", message.to(), "subject", message.subject(),
                "body", message.body(), "kind", message.kind(), "recordedAt", message.recordedAt().toString());
    }

    /**
     * Records a receipt for a completed payment that names an email address. A payment without
     * one, or with an unusable one, is acknowledged and skipped: retrying would not fix it.
     */
    void onPaymentCompleted(Event event) {
        JsonNode data = event.data();
        String email = data.path("email").isString() ? data.path("email").stringValue().trim() : "";
        Mailbox mailbox = base.forCall(event.site(), event.host());
        if (!EmailAddress.isValid(email) || !mailbox.firstDelivery(event.id())) {
            return;
        }
        String amount = data.path("amount").isNumber() ? data.path("amount").decimalValue().toPlainString() : "?";
        String currency = data.path("currency").asString("");
        String transaction = data.path("transactionId").asString("");
        mailbox.record(EmailAddress.require(email, "/data/email"), "Your receipt for " + amount + " " + currency,
                "Thank you for your payment of " + amount + " " + currency + ".\nTransaction: " + transaction + "\n",
                "receipt");
    }
}
