package com.themepress.runtime.wasm;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.stereotype.Component;

import com.dylibso.chicory.runtime.ChicoryInterruptedException;
import com.dylibso.chicory.wasm.ChicoryException;

import jakarta.annotation.PreDestroy;

/**
 * Runs one call on one instance of a module deployment, within its limits: a slot in the
 * deployment's bulkhead (waiting at most the queue wait), the time limit (the call's thread is
 * interrupted, which Chicory checks at every call and backward branch), the stack (each call runs on
 * a thread of {@code stack-size}; the recursion that exhausts it ends the call) and the memory (the
 * instance's page cap). Every failure drops the instance it happened on; the runtime goes on.
 */
@Component
public class WasmAddonRunner {

    private static final int PAGES_PER_MB = 16;

    private final ThreadPoolExecutor threads;

    public WasmAddonRunner(WasmProperties props) {
        long stack = props.stackSize().toBytes();
        AtomicLong serial = new AtomicLong();
        // Unbounded here because each deployment's bulkhead bounds its calls; idle threads go after a minute.
        this.threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
            Thread thread = new Thread(null, runnable, "wasm-call-" + serial.incrementAndGet(), stack);
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        threads.shutdownNow();
    }

    /** One call's request: the operation, its JSON envelope, the limits that apply and the host API it may use. */
    public record Request(String operation, byte[] input, long queueNanos, long timeoutNanos, long maxAnswer, HostBridge host) {
    }

    /** The operation's answer bytes, or a {@link WasmFailure} saying which limit or fault ended it. */
    public byte[] call(WasmPool pool, Request request) {
        try {
            if (!pool.admit(request.queueNanos())) {
                throw new WasmFailure(WasmFailure.Kind.BUSY, "every instance of " + pool.key() + " is busy");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WasmFailure(WasmFailure.Kind.BUSY, "interrupted while waiting for an instance");
        }
        try {
            WasmInstance instance;
            try {
                instance = pool.take();
            } catch (ChicoryException | WasmFailure e) {
                throw new WasmFailure(WasmFailure.Kind.FAILED, "could not be instantiated: " + e.getMessage());
            }
            return run(pool, instance, request);
        } finally {
            pool.leave();
        }
    }

    private byte[] run(WasmPool pool, WasmInstance instance, Request request) {
        Future<byte[]> running = threads.submit(() -> instance.call(request.operation(), request.input(), request.maxAnswer(),
                request.host()));
        try {
            byte[] answer = running.get(request.timeoutNanos(), TimeUnit.NANOSECONDS);
            pool.giveBack(instance);
            return answer;
        } catch (TimeoutException timeout) {
            running.cancel(true);
            pool.drop(instance, "timeout");
            throw new WasmFailure(WasmFailure.Kind.TIMEOUT, "did not answer in time; the call was interrupted");
        } catch (InterruptedException e) {
            running.cancel(true);
            pool.drop(instance, "interrupted");
            Thread.currentThread().interrupt();
            throw new WasmFailure(WasmFailure.Kind.FAILED, "interrupted");
        } catch (ExecutionException failed) {
            pool.drop(instance, "crash");
            WasmFailure failure = failure(failed.getCause());
            if (failure.kind() == WasmFailure.Kind.FAILED && instance.pages() > pool.maxPages() - PAGES_PER_MB) {
                // The usual end of unbounded growth: memory.grow answered -1 near the cap and the module trapped on it.
                throw new WasmFailure(WasmFailure.Kind.FAILED, failure.getMessage() + ", with its memory at "
                        + instance.pages() / PAGES_PER_MB + " MB of the limit of " + pool.maxPages() / PAGES_PER_MB
                        + " MB (resources.memoryMb)");
            }
            throw failure;
        }
    }

    private static WasmFailure failure(Throwable cause) {
        if (cause instanceof WasmFailure failure) {
            return failure;
        }
        if (cause instanceof ChicoryInterruptedException) {
            return new WasmFailure(WasmFailure.Kind.TIMEOUT, "did not answer in time; the call was interrupted");
        }
        if (cause instanceof StackOverflowError || cause.getCause() instanceof StackOverflowError) {
            return new WasmFailure(WasmFailure.Kind.FAILED, "exhausted its call stack (too deep a recursion)");
        }
        if (cause instanceof ChicoryException) {
            return new WasmFailure(WasmFailure.Kind.FAILED, "trapped: " + cause.getMessage());
        }
        return new WasmFailure(WasmFailure.Kind.FAILED, "failed: " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " " + cause.getMessage()));
    }
}
