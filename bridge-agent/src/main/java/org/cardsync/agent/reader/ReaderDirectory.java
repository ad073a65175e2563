package org.cardsync.agent.reader;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * All readers the agent offers, from every {@link ReaderSource}, and the events that tell a page how
 * they change: a reader added or removed, a card inserted or removed. Each source reports its whole
 * list; the directory compares it with the previous one, so events come out the same whichever way a
 * change was noticed (monitor thread, an explicit list, a simulated removal).
 */
public final class ReaderDirectory implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ReaderDirectory.class.getName());

    /** The kinds of event on the wire. */
    public enum EventType {
        READER_ADDED("reader-added"),
        READER_REMOVED("reader-removed"),
        CARD_INSERTED("card-inserted"),
        CARD_REMOVED("card-removed"),
        /** A reader that stopped answering (READER_TIMEOUT) answered again; its card was reset. */
        READER_FREE("reader-free");

        private final String wireName;

        EventType(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    public record ReaderEvent(EventType type, String reader) {
    }

    private final List<ReaderSource> sources;
    private final Map<ReaderSource, List<ReaderInfo>> bySource = new LinkedHashMap<>();
    private final Consumer<ReaderEvent> listener;

    /**
     * @param listener receives events in order, on the thread that noticed the change; it must not block
     */
    public ReaderDirectory(List<ReaderSource> sources, Consumer<ReaderEvent> listener) {
        this.sources = List.copyOf(sources);
        this.listener = listener;
        for (ReaderSource source : this.sources) {
            bySource.put(source, List.of());
        }
    }

    public void start() {
        for (ReaderSource source : sources) {
            source.start(readers -> update(source, readers));
        }
    }

    /** Asks every source afresh (blocking) and returns all readers. */
    public List<ReaderInfo> list() throws ReaderException {
        ReaderException unavailable = null;
        for (ReaderSource source : sources) {
            try {
                update(source, source.list());
            } catch (ReaderException e) {
                update(source, List.of());
                if (e.failure() != ReaderFailure.PCSC_UNAVAILABLE) {
                    throw e;
                }
                unavailable = e;
            }
        }
        List<ReaderInfo> all = snapshot();
        if (all.isEmpty() && unavailable != null) {
            throw unavailable;
        }
        return all;
    }

    /** The readers as last seen, without asking anybody. */
    public synchronized List<ReaderInfo> snapshot() {
        List<ReaderInfo> all = new ArrayList<>();
        bySource.values().forEach(all::addAll);
        return all;
    }

    /** Connects to a reader of any source (blocking). */
    public CardConnection connect(String readerName) throws ReaderException {
        ReaderSource owner = ownerOf(readerName);
        if (owner == null) {
            list(); // perhaps just plugged in
            owner = ownerOf(readerName);
        }
        if (owner == null) {
            throw new ReaderException(ReaderFailure.NO_SUCH_READER, "no reader named \"" + readerName + "\"");
        }
        return owner.connect(readerName);
    }

    private synchronized ReaderSource ownerOf(String readerName) {
        for (Map.Entry<ReaderSource, List<ReaderInfo>> e : bySource.entrySet()) {
            for (ReaderInfo r : e.getValue()) {
                if (r.name().equals(readerName)) {
                    return e.getKey();
                }
            }
        }
        return null;
    }

    private synchronized void update(ReaderSource source, List<ReaderInfo> now) {
        List<ReaderInfo> before = bySource.put(source, List.copyOf(now));
        for (ReaderInfo old : before) {
            ReaderInfo current = find(now, old.name());
            if (current == null) {
                if (old.cardPresent()) {
                    emit(EventType.CARD_REMOVED, old.name());
                }
                emit(EventType.READER_REMOVED, old.name());
            } else if (old.cardPresent() && !current.cardPresent()) {
                emit(EventType.CARD_REMOVED, old.name());
            } else if (!old.cardPresent() && current.cardPresent()) {
                emit(EventType.CARD_INSERTED, old.name());
            }
        }
        for (ReaderInfo r : now) {
            if (find(before, r.name()) == null) {
                emit(EventType.READER_ADDED, r.name());
                if (r.cardPresent()) {
                    emit(EventType.CARD_INSERTED, r.name());
                }
            }
        }
    }

    /**
     * Tells the pages that {@code reader}, held since one of its calls overran the command timeout, answered
     * again: the card was reset and the reader can be connected to.
     */
    public void readerFree(String reader) {
        emit(EventType.READER_FREE, reader);
    }

    private void emit(EventType type, String reader) {
        LOG.info(type.wireName() + ": " + reader);
        try {
            listener.accept(new ReaderEvent(type, reader));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "reader event listener failed", e);
        }
    }

    private static ReaderInfo find(List<ReaderInfo> readers, String name) {
        for (ReaderInfo r : readers) {
            if (r.name().equals(name)) {
                return r;
            }
        }
        return null;
    }

    @Override
    public void close() {
        for (ReaderSource source : sources) {
            source.close();
        }
    }
}
