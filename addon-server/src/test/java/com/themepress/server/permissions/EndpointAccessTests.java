package com.themepress.server.permissions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.themepress.model.manifest.AddonManifest;
import com.themepress.model.manifest.EndpointSpec;
import com.themepress.model.manifest.ManifestParser;
import com.themepress.model.problem.PlatformException;
import com.themepress.model.problem.ProblemType;
import com.themepress.model.schema.StrictJson;

class EndpointAccessTests {

    /** Only {@code acme} owns {@code mail}. */
    final EndpointAccess access = new EndpointAccess((developer, addon) -> developer.equals("acme") && addon.equals("mail"));

    final AddonManifest mail = new ManifestParser().parse(StrictJson.mapper().readTree("""
            {"name":"mail","version":"1.0.0",
             "endpoints":[{"name":"subscribe","public":true},{"name":"outbox","public":false},{"name":"export"},"purge"]}
            """));

    EndpointSpec endpoint(String name) {
        return mail.endpoint(name).orElseThrow();
    }

    @Test
    void anyoneMayCallAPublicEndpoint() {
        for (EndpointCaller caller : new EndpointCaller[] {EndpointCaller.ANONYMOUS, EndpointCaller.developer("stranger"),
                EndpointCaller.developer("acme"), EndpointCaller.OPERATOR}) {
            assertThatCode(() -> access.requireMayCall(mail, endpoint("subscribe"), caller)).doesNotThrowAnyException();
        }
    }

    /** {@code public: false}, {@code public} left out, and the short form all mean: not public. */
    @Test
    void anEndpointThatIsNotPublicRefusesAnonymousCallersWith401() {
        for (String name : new String[] {"outbox", "export", "purge"}) {
            assertThatThrownBy(() -> access.requireMayCall(mail, endpoint(name), EndpointCaller.ANONYMOUS))
                    .isInstanceOfSatisfying(PlatformException.class,
                            e -> assertThat(e.problemType()).isEqualTo(ProblemType.UNAUTHENTICATED));
        }
    }

    @Test
    void onlyTheOwnersKeyAndTheOperatorsCallIt() {
        assertThatCode(() -> access.requireMayCall(mail, endpoint("outbox"), EndpointCaller.developer("acme")))
                .doesNotThrowAnyException();
        assertThatCode(() -> access.requireMayCall(mail, endpoint("purge"), EndpointCaller.OPERATOR)).doesNotThrowAnyException();
        assertThatThrownBy(() -> access.requireMayCall(mail, endpoint("outbox"), EndpointCaller.developer("stranger")))
                .isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.problemType()).isEqualTo(ProblemType.FORBIDDEN));
    }
}
