package com.themepress.runtime.kubernetes;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * A client-side schema check: each document is read into fabric8's typed model for its apiVersion and kind, and
 * anything the model has no field for (a misspelt key, a field at the wrong level) or whose value has the wrong
 * type lands in some object's {@code additionalProperties}, which fabric8 keeps instead of failing; here any
 * such entry, and any kind the model does not know, is an error naming its path.
 */
final class StrictModel {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private StrictModel() {
    }

    /** The typed object; throws naming every unknown field, or an unknown kind. */
    static HasMetadata parse(String document) {
        Object parsed = SERIALIZATION.unmarshal(document);
        if (parsed instanceof GenericKubernetesResource generic) {
            throw new IllegalArgumentException("unknown kind " + generic.getApiVersion() + "/" + generic.getKind());
        }
        HasMetadata object = (HasMetadata) parsed;
        List<String> unknown = new ArrayList<>();
        walk(object, object.getKind() + " " + object.getMetadata().getName(), unknown);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("fields the schema does not have: " + unknown);
        }
        return object;
    }

    private static void walk(Object node, String path, List<String> unknown) {
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> walk(value, path + "." + key, unknown));
            return;
        }
        if (!(node instanceof KubernetesResource) && !node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value = invoke(getter, node);
            if (value == null) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) value).keySet().forEach(key -> unknown.add(path + "." + key));
            } else if (!(value instanceof String || value instanceof Number || value instanceof Boolean || value instanceof Enum<?>)) {
                walk(value, path + "." + property(getter), unknown);
            }
        }
    }

    private static String property(Method getter) {
        String name = getter.getName().substring(3);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    private static Object invoke(Method getter, Object node) {
        try {
            return getter.invoke(node);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(getter + " on " + node.getClass(), e);
        }
    }
}
