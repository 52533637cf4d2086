package dev.jcompose.runtime.ports;

/** A bound userland proxy for one published port. */
interface Proxy extends AutoCloseable {
    PublishedPort port();

    /** Starts forwarding; the socket was already bound so that conflicts showed before the container started. */
    void start();

    @Override
    void close();
}
