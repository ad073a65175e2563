package org.cardsync.agent.wire;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every message type of protocol version 1 (docs/agent-protocol.md sections 2 to 4): the requests a page
 * sends (a result carries its request's type), the error reply and the unsolicited event.
 */
public enum MessageType {
    HELLO("hello"),
    LIST_READERS("list-readers"),
    CONNECT("connect"),
    TRANSMIT("transmit"),
    TRANSMIT_BATCH("transmit-batch"),
    DISCONNECT("disconnect"),
    SIM_INSERT("sim-insert"),
    SIM_REMOVE("sim-remove"),
    /** The reply to a request the agent refused or could not carry out. */
    ERROR("error"),
    /** A change of readers or cards, sent to every page with no id. */
    EVENT("event");

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
