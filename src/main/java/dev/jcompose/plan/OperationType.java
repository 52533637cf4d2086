package dev.jcompose.plan;

/** One kind of atomic step; the executor maps each to exactly one engine call. */
public enum OperationType {
    CREATE_NETWORK,
    REMOVE_NETWORK,
    CONNECT_NETWORK,
    DISCONNECT_NETWORK,
    CREATE_VOLUME,
    REMOVE_VOLUME,
    CREATE_CONTAINER,
    START_CONTAINER,
    STOP_CONTAINER,
    RESTART_CONTAINER,
    UNPAUSE_CONTAINER,
    REMOVE_CONTAINER,
    RENAME_CONTAINER,
    REMOVE_IMAGE
}
