package org.cardsync.agent.sim;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketOption;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.cardsync.agent.wire.Hex;
import org.cardsync.protocol.apdu.ApduTransportException;

/**
 * Puts a {@link SimulatedCard} into a virtual reader of vsmartcard's vpcd, the pcscd driver, so that
 * every PC/SC program on the PC (the agent's real PC/SC path included) sees it as a card in a reader.
 *
 * <p>vpcd listens, we connect (reader 0 on port 35963, reader 1 on 35964 with Debian's
 * /etc/reader.conf.d/vpcd). Each frame is a 2-byte big-endian length and a payload; a 1-byte payload is
 * a control (0 power off, 1 power on, 2 reset, 4 get ATR, which is answered with the ATR), a longer one
 * a command APDU, answered with the response APDU. While we are connected, the reader holds a card;
 * closing the connection is pulling the card out.
 *
 * <p>Latency: vpcd writes a frame, then waits for our answer. Linux delays the ACK of a small segment
 * (up to 40 ms) hoping to piggyback it, and Nagle holds our small answer until that ACK: the ping-pong
 * costs ~40 ms per APDU. TCP_NODELAY on our side and TCP_QUICKACK re-armed before every read (Linux
 * clears it by itself) bring an APDU to well under a millisecond.
 */
public final class VpcdCardHost implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(VpcdCardHost.class.getName());

    /** vpcd's port for its first virtual reader in Debian's configuration. */
    public static final int DEFAULT_PORT = 0x8C7B;

    private static final int CONTROL_POWER_OFF = 0;
    private static final int CONTROL_POWER_ON = 1;
    private static final int CONTROL_RESET = 2;
    private static final int CONTROL_GET_ATR = 4;

    private static final long RETRY_MILLIS = 500;
    /** ISO/IEC 7816-4 "wrong length": a card's answer to bytes that are no well-formed APDU. */
    static final byte[] SW_WRONG_LENGTH = {0x67, 0x00};
    /** ISO/IEC 7816-4 "no precise diagnosis": the simulated card failed inside. */
    static final byte[] SW_NO_PRECISE_DIAGNOSIS = {0x6F, 0x00};

    private static final SocketOption<Boolean> QUICKACK = quickAckOption();

    private final SimulatedCard card;
    private final String host;
    private final int port;
    private final boolean logApduData;
    private final Object lock = new Object();
    private Thread thread;
    private Socket socket;
    private boolean inserted = true;
    private boolean running;
    private volatile boolean connected;

    public VpcdCardHost(SimulatedCard card, String host, int port, boolean logApduData) {
        this.card = card;
        this.host = host;
        this.port = port;
        this.logApduData = logApduData;
    }

    private static SocketOption<Boolean> quickAckOption() {
        try {
            Class<?> options = Class.forName("jdk.net.ExtendedSocketOptions");
            @SuppressWarnings("unchecked")
            SocketOption<Boolean> option = (SocketOption<Boolean>) options.getField("TCP_QUICKACK").get(null);
            return option;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // not Linux, or no jdk.net module: just slower
        }
    }

    public void start() {
        synchronized (lock) {
            if (thread != null) {
                throw new IllegalStateException("already started");
            }
            running = true;
            thread = new Thread(this::run, "cardsync-vpcd-host-" + port);
            thread.setDaemon(true);
            thread.start();
        }
    }

    /** Whether vpcd has our card right now. */
    public boolean isConnected() {
        return connected;
    }

    /** Pulls the card out of the virtual reader: the connection to vpcd closes and the card loses power. */
    public void remove() {
        synchronized (lock) {
            inserted = false;
            closeSocketLocked();
            lock.notifyAll();
        }
    }

    /** Puts the card back: the host reconnects to vpcd. */
    public void insert() {
        synchronized (lock) {
            inserted = true;
            lock.notifyAll();
        }
    }

    private void run() {
        boolean waitingLogged = false;
        while (true) {
            Socket s;
            synchronized (lock) {
                while (running && !inserted) {
                    try {
                        lock.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (!running) {
                    return;
                }
                s = new Socket();
                socket = s;
            }
            try {
                s.connect(new InetSocketAddress(host, port), (int) RETRY_MILLIS);
                s.setTcpNoDelay(true);
                connected = true;
                waitingLogged = false;
                LOG.info("simulated card " + card.cardId() + " inserted into vpcd reader at " + host + ":" + port);
                serve(s);
            } catch (IOException e) {
                if (!connected && !waitingLogged) {
                    LOG.warning("waiting for vpcd at " + host + ":" + port + " (" + e.getMessage() + "); is pcscd"
                            + " running with vsmartcard-vpcd installed?");
                    waitingLogged = true;
                } else if (connected) {
                    LOG.info("vpcd connection ended: " + e.getMessage());
                }
            } finally {
                boolean wasConnected = connected;
                connected = false;
                synchronized (lock) {
                    closeSocketLocked();
                }
                if (wasConnected) {
                    powerOff();
                }
            }
            // vpcd went away (pcscd stopped) or never came: retry calmly rather than spin.
            synchronized (lock) {
                if (running && inserted) {
                    try {
                        lock.wait(RETRY_MILLIS);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }
    }

    private void serve(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream()));
        OutputStream out = s.getOutputStream();
        while (true) {
            quickAck(s);
            int length;
            try {
                length = in.readUnsignedShort();
            } catch (EOFException e) {
                throw new IOException("vpcd closed the connection", e);
            }
            byte[] payload = new byte[length];
            in.readFully(payload);
            if (length == 1) {
                byte[] answer = control(payload[0] & 0xFF);
                if (answer != null) {
                    write(out, answer);
                }
            } else if (length > 1) {
                byte[] response = execute(payload);
                if (logApduData && LOG.isLoggable(Level.FINE)) {
                    LOG.fine("vpcd > " + Hex.encode(payload) + " < " + Hex.encode(response));
                }
                write(out, response);
            }
        }
    }

    /**
     * The card's answer to a command APDU. Whatever pcscd relays, the card answers with a status word, as
     * a real card would, rather than this host's thread dying and the card vanishing from the reader.
     */
    private byte[] execute(byte[] command) throws IOException {
        try {
            return card.transmit(command);
        } catch (ApduTransportException e) {
            LOG.info("vpcd sent a malformed command APDU (" + command.length + " bytes), answered 6700: "
                    + e.getMessage());
            return SW_WRONG_LENGTH.clone();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "simulated card " + card.cardId() + " failed on a command APDU, answered 6F00", e);
            return SW_NO_PRECISE_DIAGNOSIS.clone();
        }
    }

    private byte[] control(int code) throws IOException {
        switch (code) {
            case CONTROL_POWER_OFF:
            case CONTROL_RESET:
                card.reset();
                return null;
            case CONTROL_POWER_ON:
                return null; // powered off (and so reset) already, or never touched since the last reset
            case CONTROL_GET_ATR:
                return card.atr();
            default:
                LOG.fine("vpcd control " + code + " ignored");
                return null;
        }
    }

    private static void write(OutputStream out, byte[] payload) throws IOException {
        byte[] frame = new byte[2 + payload.length];
        frame[0] = (byte) (payload.length >> 8);
        frame[1] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 2, payload.length);
        out.write(frame); // one write: one segment
        out.flush();
    }

    private static void quickAck(Socket s) {
        if (QUICKACK == null) {
            return;
        }
        try {
            s.setOption(QUICKACK, true);
        } catch (IOException | UnsupportedOperationException e) {
            // Linux only; elsewhere the host is merely slower.
        }
    }

    private void powerOff() {
        try {
            card.reset();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "could not record the power-off of the simulated card", e);
        }
    }

    private void closeSocketLocked() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing anyway
            }
            socket = null;
        }
    }

    /** Stops the host (the card leaves the reader); the card itself stays open for its owner to close. */
    @Override
    public void close() {
        Thread t;
        synchronized (lock) {
            running = false;
            closeSocketLocked();
            lock.notifyAll();
            t = thread;
        }
        if (t != null) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
