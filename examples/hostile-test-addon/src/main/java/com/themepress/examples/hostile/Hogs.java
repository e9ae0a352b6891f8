package com.themepress.examples.hostile;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import com.themepress.sdk.Call;
import com.themepress.sdk.Json;
import com.themepress.sdk.ProblemException;
import com.themepress.sdk.Result;

/**
 * TEST FIXTURE: resource exhaustion. What these take is held on purpose after the call returns
 * (unless {@code release} is set), because a hostile addon would not give it back either.
 * {@code max}/{@code maxMb}/{@code ms} only exist so unit tests can run them bounded.
 */
final class Hogs {

    private static final int PAGE = 4096;

    /** Kept reachable so the garbage collector cannot undo an attack. */
    private final List<Object> held = new ArrayList<>();

    /** Starts parked threads until the pids limit (or memory) stops it; answers how many started. */
    Result forkBomb(Call call) {
        long max = call.integer("max", Long.MAX_VALUE);
        CountDownLatch park = new CountDownLatch(1);
        long started = 0;
        String error = null;
        try {
            while (started < max) {
                // small stacks: the point is to hit the pids limit, not the memory limit first
                Thread thread = new Thread(null, () -> awaitQuietly(park), "fork-bomb-" + started, 64 * 1024);
                thread.setDaemon(true);
                thread.start();
                started++;
            }
        } catch (Throwable refused) { // OutOfMemoryError: unable to create native thread
            error = refused.toString();
        }
        boolean release = call.bool("release", false);
        if (release) {
            park.countDown();
        } else {
            synchronized (held) {
                held.add(park);
            }
        }
        return Result.ok(Json.object("threads", started, "error", error, "released", release));
    }

    /**
     * Allocates {@code chunkMb} at a time and writes every page, so the memory is really resident:
     * untouched allocations would only reserve address space and never meet the cgroup limit.
     * {@code native} (default) is outside the JVM's own limits, so only the kernel can stop it.
     */
    Result memoryHog(Call call) {
        String mode = call.text("mode", "native");
        long chunkMb = call.integer("chunkMb", 8);
        long maxMb = call.integer("maxMb", Long.MAX_VALUE / (1024 * 1024));
        if (!List.of("native", "direct", "heap").contains(mode) || chunkMb < 1 || chunkMb > 256) {
            throw new ProblemException(400, "/mode must be native, direct or heap and /chunkMb 1..256");
        }
        List<Object> taken = new ArrayList<>();
        long allocatedMb = 0;
        String error = null;
        try {
            while (allocatedMb + chunkMb <= maxMb) {
                taken.add(allocate(mode, (int) chunkMb * 1024 * 1024));
                allocatedMb += chunkMb;
            }
        } catch (OutOfMemoryError refused) {
            error = refused.toString();
        }
        boolean release = call.bool("release", false);
        if (release) {
            taken.forEach(Hogs::free);
        } else {
            synchronized (held) {
                held.addAll(taken);
            }
        }
        return Result.ok(Json.object("mode", mode, "allocatedMb", allocatedMb, "error", error, "released", release));
    }

    /** Spins one CPU and ignores interrupts: only the platform's timeout and replacement can stop it. */
    Result infiniteLoop(Call call) {
        long ms = call.integer("ms", -1);
        long deadline = ms < 0 ? Long.MAX_VALUE : System.nanoTime() + ms * 1_000_000;
        long spins = 0;
        while (System.nanoTime() < deadline) {
            spins++;
        }
        return Result.ok(Json.object("spunMs", ms, "spins", spins));
    }

    /**
     * Answers a JSON array that never ends (chunked, 64 KiB a write) until the caller hangs up, so
     * only the platform's answer limit stops it; {@code maxMb} bounds it for unit tests.
     */
    void flood(Call call, OutputStream body) throws IOException {
        long maxBytes = call.integer("maxMb", Long.MAX_VALUE / (1024 * 1024)) * 1024 * 1024;
        byte[] chunk = new byte[64 * 1024];
        Arrays.fill(chunk, (byte) ' ');
        body.write('[');
        for (long written = 0; written < maxBytes; written += chunk.length) {
            body.write(chunk);
        }
        body.write(']');
    }

    private static Object allocate(String mode, int bytes) {
        switch (mode) {
            case "heap" -> {
                byte[] block = new byte[bytes];
                Arrays.fill(block, (byte) 0x5A);
                return block;
            }
            case "direct" -> {
                ByteBuffer block = ByteBuffer.allocateDirect(bytes);
                for (int i = 0; i < bytes; i += PAGE) {
                    block.put(i, (byte) 0x5A);
                }
                return block;
            }
            default -> {
                return NativeMemory.allocateTouched(bytes);
            }
        }
    }

    private static void free(Object block) {
        if (block instanceof NativeMemory.Block nativeBlock) {
            NativeMemory.free(nativeBlock);
        }
    }

    private static void awaitQuietly(CountDownLatch park) {
        try {
            park.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
