package org.cardsync.agent.server;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The request types of protocol version 1 (docs/agent-protocol.md). A reply carries its request's type. */
public enum MessageType {
    HELLO("hello"),
    LIST_READERS("list-readers"),
    CONNECT("connect"),
    TRANSMIT("transmit"),
    TRANSMIT_BATCH("transmit-batch"),
    DISCONNECT("disconnect"),
    SIM_INSERT("sim-insert"),
    SIM_REMOVE("sim-remove");

    /** The type of an error reply. */
    public static final String ERROR = "error";
    /** The type of an unsolicited event. */
    public static final String EVENT = "event";

    private static final Map<String, MessageType> BY_WIRE_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(MessageType::wireName, Function.identity()));

    private final String wireName;

    MessageType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** The type of that wire name, or null. */
    public static MessageType fromWireName(String name) {
        return BY_WIRE_NAME.get(name);
    }
}
