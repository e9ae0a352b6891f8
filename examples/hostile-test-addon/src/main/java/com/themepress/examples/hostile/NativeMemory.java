package com.themepress.examples.hostile;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * TEST FIXTURE: malloc'd memory through {@code sun.misc.Unsafe}, which neither the heap limit
 * nor {@code -XX:MaxDirectMemorySize} bounds, so {@code memory-hog} grows the process until the
 * cgroup's OOM killer ends it. Reflection keeps the compile free of the unsupported API.
 */
final class NativeMemory {

    record Block(long address, long bytes) {
    }

    private static final Object UNSAFE;
    private static final Method ALLOCATE;
    private static final Method SET;
    private static final Method FREE;

    static {
        try {
            Class<?> unsafe = Class.forName("sun.misc.Unsafe");
            Field instance = unsafe.getDeclaredField("theUnsafe");
            instance.setAccessible(true);
            UNSAFE = instance.get(null);
            ALLOCATE = unsafe.getMethod("allocateMemory", long.class);
            SET = unsafe.getMethod("setMemory", long.class, long.class, byte.class);
            FREE = unsafe.getMethod("freeMemory", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private NativeMemory() {
    }

    /** Allocates and writes every byte, so the pages are resident, not just reserved. */
    static Block allocateTouched(long bytes) {
        long address = (long) call(ALLOCATE, bytes);
        call(SET, address, bytes, (byte) 0x5A);
        return new Block(address, bytes);
    }

    static void free(Block block) {
        call(FREE, block.address());
    }

    private static Object call(Method method, Object... args) {
        try {
            return method.invoke(UNSAFE, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof OutOfMemoryError oom) {
                throw oom;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
