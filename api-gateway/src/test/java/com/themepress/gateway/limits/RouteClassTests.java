package com.themepress.gateway.limits;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RouteClassTests {

    @Test
    void widgetsExecuteRegistrationAndEventsAreToldApartFromTheRest() {
        assertThat(RouteClass.of("GET", "/api/widgets/shop/card")).isEqualTo(RouteClass.WIDGETS);
        assertThat(RouteClass.of("POST", "/api/addons/shop/execute")).isEqualTo(RouteClass.EXECUTE);
        assertThat(RouteClass.of("POST", "/api/addons/register")).isEqualTo(RouteClass.REGISTRATION);
        assertThat(RouteClass.of("GET", "/api/events/dead-letters")).isEqualTo(RouteClass.EVENTS);
        assertThat(RouteClass.of("POST", "/api/events")).isEqualTo(RouteClass.EVENTS);
        assertThat(RouteClass.of("GET", "/api/widgets")).as("the catalogue").isEqualTo(RouteClass.OTHER);
        assertThat(RouteClass.of("POST", "/api/addons/shop/versions/execute")).isEqualTo(RouteClass.OTHER);
        assertThat(RouteClass.of("GET", "/api/addons/shop/execute")).isEqualTo(RouteClass.OTHER);
        assertThat(RouteClass.of("GET", "/api/sites/shop")).isEqualTo(RouteClass.OTHER);
    }

    @Test
    void aGraphQlRequestCountsAsAnExecuteForItMayHoldOne() {
        assertThat(RouteClass.of("POST", "/graphql")).isEqualTo(RouteClass.EXECUTE);
        assertThat(RouteClass.of("GET", "/graphql")).isEqualTo(RouteClass.EXECUTE);
    }

    @Test
    void onlyApiRequestsAreLimited() {
        assertThat(RouteClass.of("GET", "/actuator/health")).isNull();
        assertThat(RouteClass.of("GET", "/")).isNull();
    }
}
