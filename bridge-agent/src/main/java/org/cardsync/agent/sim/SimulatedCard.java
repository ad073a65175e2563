package org.cardsync.agent.sim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;
import javacard.framework.Applet;
import org.cardsync.cardsim.JcardsimCard;
import org.cardsync.protocol.CardCommands;
import org.cardsync.protocol.Hex;
import org.cardsync.protocol.apdu.ApduTransportException;
import org.cardsync.protocol.apdu.ResponseApdu;

/**
 * A card on card-sim's {@link JcardsimCard} whose persistent state lives in a {@link CardJournal}: the
 * first start issues the card (installs one applet instance per application of the personalisation file
 * and sends its personalisation APDUs), later starts replay the journal. Every command is journalled
 * before its response is returned, so a response that reached anybody is never forgotten.
 *
 * <p>Thread-safe; every method blocks for the time of one APDU at most. Each card has a jcardsim
 * runtime of its own (JcardsimCard's threading rule), so cards do not wait for each other; this card's
 * lock keeps its journal in the order its commands ran.
 */
public final class SimulatedCard implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SimulatedCard.class.getName());

    /** The project's applet, used when nothing else is asked for. */
    public static final String DEFAULT_APPLET_CLASS = "org.cardsync.applet.CardsyncApplet";

    private static final long LARGE_JOURNAL_RECORDS = 200_000;

    /** ISO/IEC 7816-4 "memory failure": what a card answers when it could not write its persistent memory. */
    static final byte[] SW_MEMORY_FAILURE = {0x65, (byte) 0x81};

    private final String cardId;
    /** The card in memory; rebuilt from the journal when a write to the journal failed. */
    private JcardsimCard card = JcardsimCard.blank();
    private final CardJournal journal;
    /** Whether anything reached the card since the last reset: a reset of an idle card is not journalled. */
    private boolean touched;
    /**
     * The card in memory could not be brought back to the card on disk after a failed write: it executes nothing
     * more (every command answers 6581) until the agent starts it again from the disk.
     */
    private boolean outOfService;

    private SimulatedCard(String cardId, CardJournal journal) {
        this.cardId = cardId;
        this.journal = journal;
    }

    /**
     * Opens the card {@code personalisation} describes, with its state in {@code stateDir}: issued afresh
     * if that directory holds no journal for its card id, otherwise restored by replay.
     *
     * @param appletClass the applet to install when the card is issued (a restored card keeps the class
     *     its journal names)
     * @param fsync whether each command is forced to the disk before its response is returned
     */
    public static SimulatedCard open(Personalisation personalisation, Path stateDir, String appletClass,
            boolean fsync) throws IOException {
        Path file = journalFile(stateDir, personalisation.cardId());
        return open(personalisation, appletClass, CardJournal.open(file, fsync));
    }

    /** As {@link #open(Personalisation, Path, String, boolean)}, on a journal already opened. */
    static SimulatedCard open(Personalisation personalisation, String appletClass, CardJournal journal)
            throws IOException {
        Path file = journal.file();
        try {
            SimulatedCard card = new SimulatedCard(personalisation.cardId(), journal);
            synchronized (card) {
                if (journal.recovered().isEmpty()) {
                    card.issue(personalisation, appletClass);
                } else {
                    card.replay(journal.recovered());
                }
                // Starting the agent is powering the card up: nothing selected, transient state cleared.
                card.reset();
            }
            if (journal.recordCount() > LARGE_JOURNAL_RECORDS) {
                LOG.warning(file + " holds " + journal.recordCount() + " records; starts replay them all."
                        + " `cardsync-agent reset-card` issues the card afresh.");
            }
            return card;
        } catch (IOException | RuntimeException e) {
            boolean fresh = journal.recovered().isEmpty();
            journal.close();
            if (fresh) {
                // A card whose issuance failed was never issued: leave no half-issued journal behind.
                Files.deleteIfExists(file);
            }
            throw e;
        }
    }

    /** Where the journal of card {@code cardId} lives inside {@code stateDir}. */
    public static Path journalFile(Path stateDir, String cardId) {
        return stateDir.resolve("card-" + cardId.toUpperCase() + ".journal");
    }

    private void issue(Personalisation personalisation, String appletClass) throws IOException {
        journal.append(new CardJournal.CardIdentity(personalisation.cardId()));
        Class<? extends Applet> applet = loadApplet(appletClass);
        for (Personalisation.Application app : personalisation.applications()) {
            card.install(applet, app.aid());
            journal.append(new CardJournal.Install(app.aid(), appletClass));
            requireOk(app.aid(), "SELECT", transmitLocked(CardCommands.select(app.aid()).bytes()));
            int i = 0;
            for (byte[] apdu : app.apdus()) {
                requireOk(app.aid(), "personalisation APDU " + i++, transmitLocked(apdu));
            }
        }
        LOG.info("issued simulated card " + cardId + " (" + personalisation.applications().size()
                + " application(s)) into " + journal.file());
    }

    private void replay(java.util.List<CardJournal.Record> records) throws IOException {
        if (!(records.get(0) instanceof CardJournal.CardIdentity identity) || !identity.cardId().equals(cardId)) {
            throw new CardJournal.JournalCorruptedException(journal.file() + " does not start with card " + cardId);
        }
        int diverged = 0;
        long firstDivergence = -1;
        for (int i = 1; i < records.size(); i++) {
            CardJournal.Record record = records.get(i);
            if (record instanceof CardJournal.Install install) {
                card.install(loadApplet(install.appletClass()), install.aid());
            } else if (record instanceof CardJournal.Apdu apdu) {
                byte[] response;
                try {
                    response = card.transmit(apdu.command());
                    touched = true;
                } catch (ApduTransportException e) {
                    // the host now refuses bytes an older one executed: one more divergence, not a lost card
                    response = null;
                }
                if (response == null || CardJournal.crcOf(response) != apdu.responseCrc()) {
                    diverged++;
                    if (firstDivergence < 0) {
                        firstDivergence = i;
                    }
                }
            } else if (record instanceof CardJournal.Reset) {
                card.removeAndReinsert();
                touched = false;
            } else {
                throw new CardJournal.JournalCorruptedException(journal.file() + ": second card identity record");
            }
        }
        if (diverged > 0) {
            LOG.warning(journal.file() + ": replay gave " + diverged + " response(s) different from the"
                    + " original run, first at record " + firstDivergence + "; the applet is not deterministic"
                    + " (or changed since the card was issued) and the card's state may differ from before");
        }
        LOG.info("restored simulated card " + cardId + " from " + records.size() + " journal records");
    }

    @SuppressWarnings("unchecked")
    private static Class<? extends Applet> loadApplet(String className) {
        Class<?> c;
        try {
            c = Class.forName(className, true, SimulatedCard.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("applet class " + className + " is not in this agent build", e);
        }
        if (!Applet.class.isAssignableFrom(c)) {
            throw new IllegalStateException(className + " is not a javacard.framework.Applet");
        }
        return (Class<? extends Applet>) c;
    }

    private void requireOk(byte[] aid, String what, byte[] response) {
        ResponseApdu r = ResponseApdu.of(response);
        if (!r.isOk()) {
            throw new IllegalStateException("issuing card " + cardId + ": " + what + " for application "
                    + Hex.encode(aid) + " answered " + r.swHex() + ", not 9000");
        }
    }

    public String cardId() {
        return cardId;
    }

    public byte[] atr() {
        return card.atr();
    }

    /**
     * Executes one command APDU and journals it before returning the response.
     *
     * @throws org.cardsync.protocol.apdu.ApduTransportException if the bytes are not a well-formed APDU
     *     (nothing is executed or journalled)
     */
    public synchronized byte[] transmit(byte[] command) throws IOException {
        return transmitLocked(command);
    }

    private byte[] transmitLocked(byte[] command) throws IOException {
        if (outOfService) {
            return SW_MEMORY_FAILURE.clone();
        }
        byte[] response = card.transmit(command);
        // Journal first, answer second: an answer nobody saw may be lost in a crash (like a card pulled
        // out before it could reply), an answer somebody saw never is.
        try {
            journal.append(new CardJournal.Apdu(command, CardJournal.crcOf(response)));
        } catch (IOException e) {
            // The disk is full (or failing): the command ran in memory but is not on disk. Undo it, as a real card
            // aborts the transaction whose write failed, so that the card in memory stays the card on disk; else
            // the next start would replay a card without this command, and every answer after it would be a lie.
            rollBack(e);
            return SW_MEMORY_FAILURE.clone();
        }
        touched = true;
        return response;
    }

    /** Brings the card in memory back to the journal on disk, by replaying it; out of service if that fails. */
    private void rollBack(IOException cause) {
        LOG.warning("simulated card " + cardId + ": the journal could not record a command (" + cause.getMessage()
                + "); the command is undone and answers 6581 (memory failure)");
        try {
            if (cause instanceof CardJournal.JournalBrokenException) {
                throw cause;
            }
            java.util.List<CardJournal.Record> onDisk = journal.readBack();
            card = JcardsimCard.blank();
            touched = false;
            replay(onDisk);
        } catch (IOException | RuntimeException e) {
            outOfService = true;
            LOG.severe("simulated card " + cardId + " is out of service until the agent restarts: its memory cannot"
                    + " be brought back to its journal (" + e.getMessage() + ")");
        }
    }

    /** Power off or warm reset: transient memory cleared, no applet selected. */
    public synchronized void reset() throws IOException {
        if (!touched || outOfService) {
            return;
        }
        card.removeAndReinsert();
        touched = false;
        try {
            journal.append(new CardJournal.Reset());
        } catch (IOException e) {
            // The reset happened (the power was cut) but is not on disk: memory and disk differ from here on.
            outOfService = true;
            LOG.severe("simulated card " + cardId + " is out of service until the agent restarts: its reset could"
                    + " not be recorded (" + e.getMessage() + ")");
            throw e;
        }
    }

    public Path journalFile() {
        return journal.file();
    }

    @Override
    public synchronized void close() throws IOException {
        journal.close();
    }
}
