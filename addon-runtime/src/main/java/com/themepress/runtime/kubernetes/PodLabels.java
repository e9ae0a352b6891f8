package com.themepress.runtime.kubernetes;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.themepress.runtime.pool.DeploymentKey;
import com.themepress.runtime.sandbox.Labels;

/**
 * The labels and annotations on every addon pod, with the Docker driver's keys. Labels select (this runtime's
 * pods, an addon's pods for its NetworkPolicy); a label value holds at most 63 characters of a narrow set, so
 * the exact values adoption compares (version, the 64-digit spec hash) are annotations.
 */
final class PodLabels {

    /** {@code true} on pods whose deployment was granted {@code network.outbound}; the outbound policy selects it. */
    static final String OUTBOUND = "themepress.outbound";
    /** Annotation: the host API address the pod was told, empty for none; a pod told another cannot be adopted. */
    static final String HOST_API = "themepress.host-api";
    private static final int MAX_VALUE = 63;
    private static final int MAX_NAME = 253;

    private PodLabels() {
    }

    static Map<String, String> labels(String runtimeId, DeploymentKey key, String instanceId, boolean outbound) {
        return Map.of(Labels.RUNTIME, runtimeId, Labels.ADDON, value(key.name()), Labels.VERSION, value(key.version()),
                Labels.INSTANCE, instanceId, OUTBOUND, Boolean.toString(outbound));
    }

    static Map<String, String> annotations(DeploymentKey key, String specHash, Optional<String> hostApiUrl) {
        return Map.of(Labels.ADDON, key.name(), Labels.VERSION, key.version(), Labels.SPEC, specHash,
                HOST_API, hostApiUrl.orElse(""));
    }

    /** Readable in {@code kubectl get pods}; the instance id makes it unique. */
    static String podName(String runtimeId, DeploymentKey key, String instanceId) {
        String name = ("tp-" + runtimeId + "-" + key.name() + "-" + instanceId).toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9.-]", "-");
        return name.length() <= MAX_NAME ? name : name.substring(name.length() - MAX_NAME).replaceFirst("^[^a-z0-9]+", "");
    }

    /** A label value made of the given text: other characters become {@code _}, cut to 63, alphanumeric at both ends. */
    static String value(String text) {
        String value = text.replaceAll("[^A-Za-z0-9_.-]", "_");
        if (value.length() > MAX_VALUE) {
            value = value.substring(0, MAX_VALUE);
        }
        return value.replaceAll("^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "");
    }

    /** Whether the text is a label value as it stands (the runtime id must be, since pods are selected by it). */
    static boolean isValue(String text) {
        return text.equals(value(text)) && !text.isEmpty();
    }
}
