package com.themepress.server.events.publishing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import com.themepress.model.names.Names;
import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A validated {@code POST /api/events} body: {@code {"type", "source", "site"?, "data"?}}, or an
 * array of them (a batch). The
 * platform assigns {@code id} and {@code time}; a body that sets them, or anything else unknown, is refused.
 */
public record PublishRequest(String type, String source, @Nullable String site, JsonNode data) {

    /** A concrete event type: dot-separated lowercase segments (the manifest's patterns without {@code *}). */
    public static final Pattern TYPE = Names.EVENT_TYPE.pattern();
    /** A type filter: a type or a manifest-style pattern such as {@code payment.*}. */
    public static final Pattern TYPE_PATTERN = Names.EVENT_PATTERN.pattern();
    /** Sources are addon names. */
    public static final Pattern SOURCE = Names.ADDON.pattern();
    public static final Pattern SITE = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$");
    static final int MAX_TYPE_LENGTH = 128;

    private static final Set<String> ASSIGNED = Set.of("id", "time", "specversion");
    private static final Set<String> KNOWN = Set.of("type", "source", "site", "data");

    static PublishRequest parse(JsonNode body) {
        List<FieldError> errors = new ArrayList<>();
        PublishRequest request = parse(body, "", errors);
        refuse(errors, "Invalid event");
        return request;
    }

    /**
     * A batch: a JSON array of 1 to {@code max} events. Every event is checked before any is
     * published; the pointers of a refusal name the event's index ({@code /3/type}).
     */
    static List<PublishRequest> parseBatch(JsonNode body, int max) {
        if (body.isEmpty() || body.size() > max) {
            throw new PlatformException(ProblemType.INVALID_REQUEST, "A batch holds 1 to " + max + " events; this one has "
                    + body.size() + ".", List.of(new FieldError("", "must hold 1 to " + max + " events")));
        }
        List<FieldError> errors = new ArrayList<>();
        List<PublishRequest> requests = new ArrayList<>(body.size());
        for (int i = 0; i < body.size(); i++) {
            requests.add(parse(body.get(i), "/" + i, errors));
        }
        refuse(errors, "Invalid batch, nothing was published");
        return requests;
    }

    private static void refuse(List<FieldError> errors, String what) {
        if (!errors.isEmpty()) {
            throw new PlatformException(ProblemType.INVALID_REQUEST,
                    what + ": " + errors.get(0).pointer() + " " + errors.get(0).message() + ".", List.copyOf(errors));
        }
    }

    private static @Nullable PublishRequest parse(JsonNode body, String at, List<FieldError> errors) {
        if (!body.isObject()) {
            errors.add(new FieldError(at, "must be an object {\"type\", \"source\", \"site\", \"data\"}"));
            return null;
        }
        int before = errors.size();
        for (String field : body.propertyNames()) {
            if (ASSIGNED.contains(field)) {
                errors.add(new FieldError(at + pointer(field), "is assigned by the platform; leave it out"));
            } else if (!KNOWN.contains(field)) {
                errors.add(new FieldError(at + pointer(field), "unknown field; an event has type, source, site and data"));
            }
        }
        String type = text(body, at, "type", true, errors);
        if (type != null) {
            checkType(type, at + "/type", errors);
        }
        String source = text(body, at, "source", true, errors);
        if (source != null && !SOURCE.matcher(source).matches()) {
            errors.add(new FieldError(at + "/source", "must be an addon name matching " + SOURCE.pattern()));
        }
        String site = text(body, at, "site", false, errors);
        if (site != null && !SITE.matcher(site).matches()) {
            errors.add(new FieldError(at + "/site", "must be 1-128 letters, digits, '.', '_' or '-', starting with a letter or digit"));
        }
        if (errors.size() > before) {
            return null;
        }
        JsonNode data = body.has("data") ? body.get("data") : JsonNodeFactory.instance.objectNode();
        return new PublishRequest(type, source, site, data);
    }

    static void checkType(String type, String pointer, List<FieldError> errors) {
        if (type.length() > MAX_TYPE_LENGTH) {
            errors.add(new FieldError(pointer, "must be at most " + MAX_TYPE_LENGTH + " characters"));
        } else if (!TYPE.matcher(type).matches()) {
            errors.add(new FieldError(pointer, "must be dot-separated lowercase segments like payment.completed"));
        }
    }

    static boolean isValidType(String type) {
        return type.length() <= MAX_TYPE_LENGTH && TYPE.matcher(type).matches();
    }

    private static @Nullable String text(JsonNode body, String at, String field, boolean required, List<FieldError> errors) {
        JsonNode value = body.get(field);
        if (value == null || (!required && value.isNull())) {
            if (required) {
                errors.add(new FieldError(at + "/" + field, "is required"));
            }
            return null;
        }
        if (!value.isString()) {
            errors.add(new FieldError(at + "/" + field, "must be a string"));
            return null;
        }
        return value.asString();
    }

    /** RFC 6901: '~' and '/' in a member name are escaped. */
    private static String pointer(String field) {
        String shown = field.length() > 64 ? field.substring(0, 64) : field;
        return "/" + shown.replace("~", "~0").replace("/", "~1");
    }
}
