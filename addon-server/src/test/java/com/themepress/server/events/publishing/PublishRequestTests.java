package com.themepress.server.events.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.themepress.model.problem.FieldError;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.schema.StrictJson;

class PublishRequestTests {

    static PublishRequest parse(String json) {
        return PublishRequest.parse(StrictJson.mapper().readTree(json));
    }

    @Test
    void acceptsTheSpecsEnvelopeFieldsAndDefaultsData() {
        PublishRequest request = parse("{\"type\":\"payment.completed\",\"source\":\"payment-gateway\",\"site\":\"site_1.eu\"}");
        assertThat(request.type()).isEqualTo("payment.completed");
        assertThat(request.site()).isEqualTo("site_1.eu");
        assertThat(request.data().isObject()).isTrue();
        assertThat(parse("{\"type\":\"a\",\"source\":\"ab\",\"site\":null,\"data\":[1]}").site()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Payment.completed", "payment..completed", ".payment", "payment.", "payment.*", "pay ment", "1payment", "payment/x", ""})
    void refusesTypesThatAreNotDotSeparatedLowercaseSegments(String type) {
        assertThatThrownBy(() -> parse("{\"type\":\"" + type + "\",\"source\":\"shop\"}"))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.errors()).extracting(FieldError::pointer).containsExactly("/type"));
    }

    @Test
    void escapesOddMemberNamesInPointers() {
        assertThatThrownBy(() -> parse("{\"type\":\"a.b\",\"source\":\"shop\",\"a/b~c\":1}"))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.errors()).extracting(FieldError::pointer).containsExactly("/a~1b~0c"));
    }
}
