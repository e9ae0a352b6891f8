package com.themepress.model.schema;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;

import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses untrusted JSON bodies: duplicate keys, trailing tokens and absurd nesting are refused up
 * front, so later stages (schema validation, storage) only ever see sane trees.
 */
public final class StrictJson {

    /** Deep enough for any real manifest or config, shallow enough that recursive code stays safe. */
    public static final int MAX_NESTING = 64;

    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_NESTING)
                            .maxStringLength(1 << 20)
                            .maxNumberLength(100)
                            .build())
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StrictJson() {
    }

    /** Jackson appends where the source was (redacted); the line and column already say it. */
    private static String withoutSourceNote(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int note = message.indexOf(" (start marker at [Source");
        if (note < 0) {
            note = message.indexOf("\n at [Source");
        }
        return note < 0 ? message : message.substring(0, note);
    }

    public static JsonMapper mapper() {
        return MAPPER;
    }

    /**
     * JSON on the wire is UTF-8 (RFC 8259). Decoding strictly here, instead of letting the parser
     * guess, refuses UTF-16 and byte-order marks and says where broken bytes are.
     */
    private static String decodeUtf8(byte[] body) {
        if (body.length >= 3 && (body[0] & 0xFF) == 0xEF && (body[1] & 0xFF) == 0xBB && (body[2] & 0xFF) == 0xBF) {
            throw new PlatformException(ProblemType.MALFORMED_JSON, "Request body starts with a byte-order mark; send plain UTF-8.");
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(body);
        try {
            return decoder.decode(in).toString();
        } catch (CharacterCodingException e) {
            throw new PlatformException(ProblemType.MALFORMED_JSON,
                    "Request body is not valid UTF-8 (near byte " + in.position() + ").");
        }
    }

    /** The document, or a MALFORMED_JSON problem that says where parsing stopped. */
    public static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            throw new PlatformException(ProblemType.MALFORMED_JSON, "Request body is empty; a JSON document is required.");
        }
        String text = decodeUtf8(body);
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new PlatformException(ProblemType.MALFORMED_JSON, "Request body holds no JSON value.");
            }
            return node;
        } catch (JacksonException e) {
            String where = Optional.ofNullable(e.getLocation())
                    .map(l -> " at line " + l.getLineNr() + ", column " + l.getColumnNr())
                    .orElse("");
            String reason = withoutSourceNote(e.getOriginalMessage());
            throw new PlatformException(ProblemType.MALFORMED_JSON,
                    "Request body is not valid JSON" + where + ": " + reason,
                    List.of(new FieldError("", reason)));
        }
    }
}
