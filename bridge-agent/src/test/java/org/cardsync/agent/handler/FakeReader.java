package org.cardsync.agent.handler;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.cardsync.agent.reader.CardConnection;
import org.cardsync.agent.reader.ReaderException;
import org.cardsync.agent.reader.ReaderFailure;
import org.cardsync.agent.reader.ReaderInfo;
import org.cardsync.agent.reader.ReaderSource;

/**
 * One reader with a scripted card: each command (upper-case hex) gets the response given for it, else
 * {@code 9000}; the command given to {@link #hangOn} hangs in the reader, as a stuck driver does, until
 * {@link #unhang}. Records what the card received and how often it was reset.
 *
 * <p>Its calls are serialised as pcsc-lite serialises the calls of one PC/SC context (javax.smartcardio uses one):
 * while a command hangs, every other call of the reader (a connect, a reset) waits behind it. It counts the calls
 * in the reader (running or waiting), and logs in order what reached the card: connects, commands, resets.
 */
final class FakeReader implements ReaderSource {

    static final String NAME = "Fake Reader 00";
    static final String ATR = "3B00";
    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private final Map<String, String> responses;
    private final List<String> received = new ArrayList<>();
    private int resets;
    private final List<String> log = new ArrayList<>();
    /** pcsc-lite's per-context lock, held for the whole of a call. */
    private final Object context = new Object();
    private final AtomicInteger callsInReader = new AtomicInteger();
    private volatile String hangingCommand;
    private volatile boolean connectsHang;
    private final CountDownLatch unhung = new CountDownLatch(1);

    FakeReader(Map<String, String> responses) {
        this.responses = Map.copyOf(responses);
    }

    synchronized List<String> received() {
        return List.copyOf(received);
    }

    synchronized int resets() {
        return resets;
    }

    /** What reached the card, in order: "connect", each command's hex, "reset". */
    synchronized List<String> log() {
        return List.copyOf(log);
    }

    /** Calls now in the reader: running, or waiting behind a running one. */
    int callsInReader() {
        return callsInReader.get();
    }

    private synchronized void record(String what) {
        log.add(what);
    }

    /** Runs {@code call} as pcsc-lite runs a call: one at a time. */
    private <T, E extends Exception> T serialised(Call<T, E> call) throws E {
        callsInReader.incrementAndGet();
        try {
            synchronized (context) {
                return call.run();
            }
        } finally {
            callsInReader.decrementAndGet();
        }
    }

    @FunctionalInterface
    private interface Call<T, E extends Exception> {
        T run() throws E;
    }

    /** From now on, {@code command} never gets an answer until {@link #unhang}. */
    void hangOn(String command) {
        hangingCommand = command;
    }

    /** From now on, a connect never returns until {@link #unhang}, as a driver stuck in SCardConnect. */
    void hangConnects() {
        connectsHang = true;
    }

    /** Lets the hanging commands return, so that their threads end with the test. */
    void unhang() {
        unhung.countDown();
    }

    @Override
    public List<ReaderInfo> list() {
        return List.of(new ReaderInfo(NAME, true, false));
    }

    @Override
    public CardConnection connect(String readerName) throws ReaderException {
        if (!NAME.equals(readerName)) {
            throw new ReaderException(ReaderFailure.NO_SUCH_READER, "no reader named " + readerName);
        }
        return serialised(() -> {
            record("connect");
            if (connectsHang) {
                awaitUnhung();
            }
            return connection();
        });
    }

    private CardConnection connection() {
        return new CardConnection() {
            @Override
            public String readerName() {
                return NAME;
            }

            @Override
            public byte[] atr() {
                return HEX.parseHex(ATR);
            }

            @Override
            public byte[] transmit(byte[] command) {
                return serialised(() -> {
                    String hex = HEX.formatHex(command);
                    synchronized (FakeReader.this) {
                        received.add(hex);
                        log.add(hex);
                    }
                    if (hex.equals(hangingCommand)) {
                        awaitUnhung();
                    }
                    return HEX.parseHex(responses.getOrDefault(hex, "9000"));
                });
            }

            @Override
            public void disconnect(boolean reset) {
                serialised(() -> {
                    if (reset) {
                        synchronized (FakeReader.this) {
                            resets++;
                            log.add("reset");
                        }
                    }
                    return null;
                });
            }
        };
    }

    private void awaitUnhung() {
        try {
            unhung.await();
        } catch (InterruptedException e) {
            // a native PC/SC call ignores interruption; so does this one
            awaitUnhung();
        }
    }

    @Override
    public void start(Consumer<List<ReaderInfo>> onChange) {
        onChange.accept(list());
    }

    @Override
    public void close() {
    }
}
