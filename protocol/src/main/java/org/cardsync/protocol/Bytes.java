package org.cardsync.protocol;

import java.io.ByteArrayOutputStream;

/** Big-endian readers and writers for the fixed layouts of protocol.md. */
final class Bytes {
    private Bytes() {
    }

    static final class Reader {
        private final byte[] buf;
        private int pos;

        Reader(byte[] buf) {
            this.buf = buf;
        }

        int position() {
            return pos;
        }

        int remaining() {
            return buf.length - pos;
        }

        private void need(int n, String what) {
            if (remaining() < n) {
                throw new ProtocolException(ProtocolError.WRONG_LENGTH, "message too short for " + what);
            }
        }

        int u8(String what) {
            need(1, what);
            return buf[pos++] & 0xFF;
        }

        int u16(String what) {
            need(2, what);
            int v = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
            pos += 2;
            return v;
        }

        long u32(String what) {
            need(4, what);
            long v = ((long) (buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16)
                    | ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
            pos += 4;
            return v;
        }

        byte[] bytes(int n, String what) {
            need(n, what);
            byte[] out = new byte[n];
            System.arraycopy(buf, pos, out, 0, n);
            pos += n;
            return out;
        }

        void end(String what) {
            if (remaining() != 0) {
                throw new ProtocolException(ProtocolError.WRONG_LENGTH, what + " has " + remaining() + " extra bytes");
            }
        }
    }

    static final class Writer {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Writer u8(int v) {
            out.write(v);
            return this;
        }

        Writer u16(int v) {
            out.write(v >>> 8);
            out.write(v);
            return this;
        }

        Writer u32(long v) {
            if (v < 0 || v > 0xFFFFFFFFL) {
                throw new IllegalArgumentException("not a 32-bit unsigned value: " + v);
            }
            out.write((int) (v >>> 24));
            out.write((int) (v >>> 16));
            out.write((int) (v >>> 8));
            out.write((int) v);
            return this;
        }

        Writer bytes(byte[] b) {
            out.writeBytes(b);
            return this;
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
