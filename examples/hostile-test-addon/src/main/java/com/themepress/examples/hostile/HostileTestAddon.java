package com.themepress.examples.hostile;

import com.themepress.sdk.Addon;

/**
 * TEST FIXTURE for the sandbox tests, not an example: every endpoint attempts something a
 * sandboxed addon must not be able to do (or must not be able to do harm with), and reports what
 * it managed, so a test can assert the limit held. Never install it on a real site.
 *
 * <ul>
 *   <li>{@code echo}: the call data, the instance id and the {@code ADDON_NAME} it sees</li>
 *   <li>{@code inspect}: user, capabilities, no-new-privs and cgroup limits as the container sees them</li>
 *   <li>{@code fork-bomb}: starts threads until that fails; answers how many it got</li>
 *   <li>{@code memory-hog}: allocates and touches native memory until the kernel kills the container</li>
 *   <li>{@code write-root}: tries to write {@code /etc/hacked}, {@code /app/x} and {@code /tmp/ok}</li>
 *   <li>{@code infinite-loop}: spins a CPU forever; {@code sleep}: sleeps {@code ms}</li>
 *   <li>{@code flood}: answers a body that never ends, until the caller hangs up</li>
 *   <li>{@code net-out}: a TCP connect to {@code host:port} with a 2 s timeout</li>
 *   <li>{@code crash}: {@code System.exit(3)}; {@code status}: answers the status it is given</li>
 *   <li>{@code emit}: answers with the event it is given, to test the platform's event filtering</li>
 *   <li>{@code host-call}: one request to the host API with its own, the last or a given token; {@code host-bench}: timed
 *       storage puts and gets ({@link HostCalls})</li>
 * </ul>
 * The {@code probe} widget counts its renders (cache tests) and {@code escape-attempt} renders
 * markup, style and script that try to reach outside the widget (fragment-scoping tests).
 * Events of {@code test.*} are recorded for {@code received-events}; one whose data has
 * {@code "fail": true} is refused with 500 (retry and dead-letter tests).
 */
public final class HostileTestAddon {

    private HostileTestAddon() {
    }

    public static void main(String[] args) {
        addon(new Attacks(System.getenv(), System::exit), new Hogs(), new Probes(), new HostCalls(System.getenv())).start();
    }

    static Addon addon(Attacks attacks, Hogs hogs, Probes probes, HostCalls hostCalls) {
        return Addon.builder()
                .name("hostile-test-addon")
                .version("1.0.0")
                .endpoint("echo", attacks::echo)
                .endpoint("inspect", attacks::inspect)
                .endpoint("fork-bomb", hogs::forkBomb)
                .endpoint("memory-hog", hogs::memoryHog)
                .endpoint("write-root", attacks::writeRoot)
                .endpoint("infinite-loop", hogs::infiniteLoop)
                .endpoint("sleep", attacks::sleep)
                .endpoint("net-out", attacks::netOut)
                .endpoint("crash", attacks::crash)
                .endpoint("status", attacks::status)
                .endpoint("emit", probes::emit)
                .endpoint("received-events", probes::receivedEvents)
                .endpoint("host-call", hostCalls::hostCall)
                .endpoint("host-bench", hostCalls::hostBench)
                .streamingEndpoint("flood", hogs::flood)
                .widget("probe", probes::probe)
                .widget("escape-attempt", probes::escapeAttempt)
                .on("test.*", probes::onTestEvent)
                .build();
    }
}
