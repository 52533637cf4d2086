package dev.jcompose.runtime.ports;

/** Small shared helpers of the proxies. */
final class Proxies {
    private Proxies() {
    }

    /**
     * Waits for a listener thread to end. Closing a socket that a virtual thread is blocked on only signals
     * that thread; the file descriptor is released when it wakes up, so "closed" means "joined".
     */
    static void join(Thread t) {
        if (t == null || t == Thread.currentThread()) {
            return;
        }
        try {
            t.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
