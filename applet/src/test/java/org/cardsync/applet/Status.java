package org.cardsync.applet;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.cardsync.protocol.Hex;

/** The GET STATUS record (docs/protocol.md section 7), parsed. */
record Status(int state, String cardIdHex, String aidHex, long ca, long atc, long balance, long purseLimit,
              int pinTriesRemaining, int flags, List<Application> applications) {

    static final int NEW = 1;
    static final int ACTIVE = 2;
    static final int BLOCKED = 3;

    record Application(int appId, int state, int length) {
    }

    static Status parse(byte[] data) {
        ByteBuffer in = ByteBuffer.wrap(data);
        if (in.get() != 1) {
            throw new IllegalArgumentException("status version");
        }
        int state = in.get() & 0xFF;
        byte[] cardId = new byte[8];
        in.get(cardId);
        byte[] aid = new byte[in.get() & 0xFF];
        in.get(aid);
        long ca = in.getInt() & 0xFFFFFFFFL;
        long atc = in.getInt() & 0xFFFFFFFFL;
        long balance = in.getInt() & 0xFFFFFFFFL;
        long limit = in.getInt() & 0xFFFFFFFFL;
        int tries = in.get() & 0xFF;
        int flags = in.get() & 0xFF;
        int count = in.get() & 0xFF;
        List<Application> applications = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            applications.add(new Application(in.getShort() & 0xFFFF, in.get() & 0xFF, in.getShort() & 0xFFFF));
        }
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("trailing bytes in status");
        }
        return new Status(state, Hex.encode(cardId), Hex.encode(aid), ca, atc, balance, limit, tries, flags,
                List.copyOf(applications));
    }

    boolean caSaturated() {
        return (flags & 0x01) != 0;
    }

    boolean atcSaturated() {
        return (flags & 0x02) != 0;
    }

    boolean sessionOpen() {
        return (flags & 0x04) != 0;
    }

    boolean pinValidated() {
        return (flags & 0x08) != 0;
    }
}
