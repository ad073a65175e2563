package org.cardsync.agent.server;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * A WebSocket client at the byte level, for what a browser never sends and Vert.x's client will not
 * write: duplicated headers, absolute-form request lines, invalid UTF-8, oversized and fragmented frames.
 */
final class RawClient implements AutoCloseable {

    static final int TEXT = 1;
    static final int CONTINUATION = 0;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(20_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** A correct handshake of a page of {@code origin}; returns the status code. */
    int handshake(String origin) throws IOException {
        return request("GET / HTTP/1.1", "Host: 127.0.0.1:" + socket.getPort(), "Origin: " + origin);
    }

    /** Sends a WebSocket upgrade with the given request line and headers; returns the status code. */
    int request(String requestLine, String... headers) throws IOException {
        StringBuilder head = new StringBuilder(requestLine).append("\r\n");
        for (String h : headers) {
            head.append(h).append("\r\n");
        }
        head.append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
                .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String status = readLine();
        int code = Integer.parseInt(status.split(" ")[1]);
        String line;
        int length = 0;
        while (!(line = readLine()).isEmpty()) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        in.skipNBytes(length);
        return code;
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new EOFException("connection closed in the HTTP head");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    /** Writes one masked frame, as a client must. */
    void frame(int opcode, boolean fin, byte[] payload) throws IOException {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            f.write(0x80 | payload.length);
        } else if (payload.length < 65536) {
            f.write(0x80 | 126);
            f.write(payload.length >> 8);
            f.write(payload.length);
        } else {
            f.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                f.write((int) ((long) payload.length >> shift));
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        f.write(mask);
        byte[] masked = new byte[payload.length];
        for (int i = 0; i < payload.length; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        f.write(masked);
        try {
            out.write(f.toByteArray());
            out.flush();
        } catch (IOException e) {
            // the agent may close while a big frame is still being written: the close code tells the rest
        }
    }

    /** Reads frames until a close frame and returns its status; -1 when the connection ends without one. */
    int closeStatus() throws IOException {
        while (true) {
            int b0;
            int b1;
            try {
                b0 = in.readUnsignedByte();
                b1 = in.readUnsignedByte();
            } catch (EOFException e) {
                return -1;
            }
            long length = b1 & 0x7f;
            if (length == 126) {
                length = in.readUnsignedShort();
            } else if (length == 127) {
                length = in.readLong();
            }
            byte[] payload = in.readNBytes((int) length);
            if ((b0 & 0x0f) == 8) {
                return payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
            }
        }
    }

    /** Reads one whole text frame (the agent never fragments). */
    String readText() throws IOException {
        int b0 = in.readUnsignedByte();
        int b1 = in.readUnsignedByte();
        long length = b1 & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        if ((b0 & 0x0f) != TEXT) {
            throw new IOException("expected a text frame, got opcode " + (b0 & 0x0f));
        }
        return new String(in.readNBytes((int) length), StandardCharsets.UTF_8);
    }

    /** True when the agent closed the TCP connection (read returns end of stream). */
    boolean endedByPeer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException e) {
            return true; // reset by the agent
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
