package com.themepress.runtime.kubernetes;

import java.time.Duration;
import java.util.List;

import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/**
 * Where the Kubernetes driver makes pods and what their NetworkPolicies admit
 * ({@code themepress.runtime.kubernetes.*}). The runtime id, container port, user and {@code /tmp} size
 * are the sandbox's settings, shared with the Docker driver. Every default lives here.
 *
 * @param namespace where addon pods and their NetworkPolicies live; the runtime's Role covers only this
 * @param runtimeNamespace the namespace the runtime itself runs in: the policies admit traffic from there only
 * @param runtimeSelector labels of the runtime's own pods ({@code k=v,k=v}): only they may call instances,
 *        and instances may reach them only on the host API's port
 * @param runtimeClassName a RuntimeClass for addon pods (gVisor's {@code gvisor}, Kata's {@code kata}); empty for
 *        the cluster's default runtime
 * @param imagePullPolicy {@code IfNotPresent}, {@code Always} or {@code Never}
 * @param hostApiAddress this runtime's own pod IP (the downward API's {@code status.podIP}): the host API listens
 *        there and instances are told so; empty: no host API for pods
 * @param outboundExcept what an instance granted {@code network.outbound} still may not reach: by default the
 *        private ranges (the cluster itself) and link-local (cloud metadata)
 * @param adoptionGrace how long pods left by an earlier run of this runtime id wait to be adopted by a
 *        deployment PUT again; those still unclaimed then are removed
 */
@ConfigurationProperties("themepress.runtime.kubernetes")
@Validated
public record KubernetesProperties(
        @DefaultValue("themepress-addons") @NotNull @Pattern(regexp = DNS_LABEL) String namespace,
        @DefaultValue("themepress") @NotNull @Pattern(regexp = DNS_LABEL) String runtimeNamespace,
        @DefaultValue("app.kubernetes.io/name=addon-runtime") @NotNull @Pattern(regexp = SELECTOR) String runtimeSelector,
        @DefaultValue("") @NotNull @Pattern(regexp = "|" + DNS_LABEL) String runtimeClassName,
        @DefaultValue("IfNotPresent") @NotNull @Pattern(regexp = "IfNotPresent|Always|Never") String imagePullPolicy,
        @DefaultValue("") @NotNull @Pattern(regexp = "|\\d{1,3}(\\.\\d{1,3}){3}") String hostApiAddress,
        @DefaultValue({"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16"})
        @NotNull List<@Pattern(regexp = CIDR) String> outboundExcept,
        @DefaultValue("2m") @NotNull @DurationMin(millis = 0) Duration adoptionGrace) {

    static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";
    private static final String LABEL_KEY = "([a-z0-9.-]+/)?[A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?";
    private static final String LABEL_VALUE = "([A-Za-z0-9]([A-Za-z0-9_.-]*[A-Za-z0-9])?)?";
    private static final String SELECTOR = LABEL_KEY + "=" + LABEL_VALUE + "(," + LABEL_KEY + "=" + LABEL_VALUE + ")*";
    private static final String CIDR = "\\d{1,3}(\\.\\d{1,3}){3}/\\d{1,2}";
}
