package com.themepress.server.events.delivery;

import com.themepress.model.manifest.AddonManifest;

/** How an event reaches a subscribing addon; the bus decides what an attempt's outcome means for the event. */
@FunctionalInterface
interface SubscriberDelivery {

    /** Delivers one envelope; never throws for a failed delivery, answers it instead. */
    Attempt deliver(AddonManifest subscriber, byte[] envelope);

    /**
     * @param acknowledged the subscriber answered 2xx
     * @param permanent    retrying cannot help (the addon itself rejected the event): dead-letter at once
     * @param detail       what happened, for logs and the dead-letter record
     */
    record Attempt(boolean acknowledged, boolean permanent, String detail) {

        static Attempt acknowledged(String detail) {
            return new Attempt(true, false, detail);
        }

        static Attempt failed(String detail) {
            return new Attempt(false, false, detail);
        }

        static Attempt rejected(String detail) {
            return new Attempt(false, true, detail);
        }
    }
}
