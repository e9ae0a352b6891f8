package com.themepress.runtime.pool;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.themepress.runtime.time.Ticker;

/** Shrinks an idle pool: instances unused for {@link PoolProperties#idleTimeout()} go, oldest first, down to minInstances. */
final class Reaper {

    private static final Logger log = LoggerFactory.getLogger(Reaper.class);

    private final PoolState state;
    private final PoolProperties props;
    private final Ticker ticker;
    private final PoolListener listener;

    Reaper(PoolState state, PoolProperties props, Ticker ticker, PoolListener listener) {
        this.state = state;
        this.props = props;
        this.ticker = ticker;
        this.listener = listener;
    }

    /** @return how many instances were removed */
    int reap() {
        state.lock.lock();
        try {
            if (state.closed()) {
                return 0;
            }
            Instant idleSince = ticker.instant().minus(props.idleTimeout());
            int surplus = state.count(state::liveCurrent) - state.spec().resources().minInstances();
            List<Instance> idle = state.instances().stream()
                    .filter(i -> state.current(i) && i.state() == InstanceState.READY && i.inFlight() == 0
                            && !i.lastUsed().isAfter(idleSince))
                    .sorted(Comparator.comparing(Instance::lastUsed))
                    .toList();
            int reaped = 0;
            for (Instance instance : idle) {
                if (reaped >= surplus) {
                    break;
                }
                state.remove(instance);
                listener.reaped(state.key);
                reaped++;
            }
            if (reaped > 0) {
                log.info("Reaped {} idle instance(s) of {}", reaped, state.key);
            }
            return reaped;
        } finally {
            state.lock.unlock();
        }
    }
}
