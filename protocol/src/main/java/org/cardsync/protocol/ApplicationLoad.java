package org.cardsync.protocol;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A LOAD_APPLICATION request as script payloads (protocol.md sections 6.1 and 6.3): the record cut into
 * blocks of at most 128 bytes, then one activation carrying its length and SHA-256. Each payload is one
 * action and one counter step, so a card pulled out in the middle of a load resumes at the first block
 * that did not run.
 */
public record ApplicationLoad(int appId, byte[] record) {
    /** An application record holds at most 256 bytes (merit failure {@code 07} above). */
    public static final int MAX_RECORD_LENGTH = 256;

    public ApplicationLoad {
        if (appId < 0 || appId > ActionPayload.LoadApplicationBlock.MAX_APP_ID) {
            throw new ProtocolException(ProtocolError.BAD_VALUE, "an app id is 0 to 65535, not " + appId);
        }
        if (record.length < 1 || record.length > MAX_RECORD_LENGTH) {
            throw new ProtocolException(ProtocolError.WRONG_LENGTH,
                    "an application record is 1 to " + MAX_RECORD_LENGTH + " bytes, not " + record.length);
        }
        record = record.clone();
    }

    @Override
    public byte[] record() {
        return record.clone();
    }

    /** The blocks, in load order, then the activation. */
    public List<ActionPayload> payloads() {
        List<ActionPayload> out = new ArrayList<>(blocks());
        out.add(activation());
        return out;
    }

    /** The record in blocks of {@link ActionPayload.LoadApplicationBlock#MAX_DATA_LENGTH} bytes, indexed from 0. */
    public List<ActionPayload.LoadApplicationBlock> blocks() {
        int size = ActionPayload.LoadApplicationBlock.MAX_DATA_LENGTH;
        List<ActionPayload.LoadApplicationBlock> out = new ArrayList<>();
        for (int index = 0, from = 0; from < record.length; index++, from += size) {
            out.add(new ActionPayload.LoadApplicationBlock(appId, index,
                    Arrays.copyOfRange(record, from, Math.min(from + size, record.length))));
        }
        return out;
    }

    /** The activation the card checks against what it loaded: total length and SHA-256 of the record. */
    public ActionPayload.LoadApplicationActivate activation() {
        return new ActionPayload.LoadApplicationActivate(appId, record.length, sha256(record));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApplicationLoad l && l.appId == appId && Arrays.equals(l.record, record);
    }

    @Override
    public int hashCode() {
        return 31 * appId + Arrays.hashCode(record);
    }

    @Override
    public String toString() {
        return "ApplicationLoad[appId=" + appId + ", " + record.length + " bytes]";
    }
}
