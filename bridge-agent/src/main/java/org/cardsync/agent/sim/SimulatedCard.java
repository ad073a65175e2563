package org.cardsync.agent.sim;

import com.licel.jcardsim.base.Simulator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;
import javacard.framework.AID;
import javacard.framework.Applet;
import org.cardsync.agent.apdu.Hex;
import org.cardsync.agent.apdu.ResponseApdu;

/**
 * A card on jcardsim whose persistent state lives in a {@link CardJournal}: the first start issues the
 * card (installs one applet instance per application of the personalisation file and sends its
 * personalisation APDUs), later starts replay the journal. Every command is journalled before its
 * response is returned, so a response that reached anybody is never forgotten.
 *
 * <p>Thread-safe; every method blocks for the time of one APDU at most.
 */
public final class SimulatedCard implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(SimulatedCard.class.getName());

    /** The project's applet, used when nothing else is asked for. */
    public static final String DEFAULT_APPLET_CLASS = "org.cardsync.applet.CardsyncApplet";

    /**
     * jcardsim activates "the current runtime" through static state, so two simulators must not run a
     * command at the same time anywhere in this JVM.
     */
    private static final Object JCARDSIM = new Object();

    private static final int SW_OK = 0x9000;
    private static final long LARGE_JOURNAL_RECORDS = 200_000;

    private final String cardId;
    private final Simulator simulator;
    private final CardJournal journal;
    /** Whether anything reached the card since the last reset: a reset of an idle card is not journalled. */
    private boolean touched;

    private SimulatedCard(String cardId, Simulator simulator, CardJournal journal) {
        this.cardId = cardId;
        this.simulator = simulator;
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
        CardJournal journal = CardJournal.open(file, fsync);
        try {
            SimulatedCard card;
            synchronized (JCARDSIM) {
                card = new SimulatedCard(personalisation.cardId(), new Simulator(), journal);
                if (journal.recovered().isEmpty()) {
                    card.issue(personalisation, appletClass);
                } else {
                    card.replay();
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
            install(app.aid(), applet);
            journal.append(new CardJournal.Install(app.aid(), appletClass));
            requireOk(app.aid(), "SELECT", transmitLocked(select(app.aid())));
            int i = 0;
            for (byte[] apdu : app.apdus()) {
                requireOk(app.aid(), "personalisation APDU " + i++, transmitLocked(apdu));
            }
        }
        LOG.info("issued simulated card " + cardId + " (" + personalisation.applications().size()
                + " application(s)) into " + journal.file());
    }

    private void replay() throws IOException {
        var records = journal.recovered();
        if (!(records.get(0) instanceof CardJournal.CardIdentity identity) || !identity.cardId().equals(cardId)) {
            throw new CardJournal.JournalCorruptedException(journal.file() + " does not start with card " + cardId);
        }
        int diverged = 0;
        long firstDivergence = -1;
        for (int i = 1; i < records.size(); i++) {
            CardJournal.Record record = records.get(i);
            if (record instanceof CardJournal.Install install) {
                install(install.aid(), loadApplet(install.appletClass()));
            } else if (record instanceof CardJournal.Apdu apdu) {
                byte[] response = simulator.transmitCommand(apdu.command());
                touched = true;
                if (CardJournal.crcOf(response) != apdu.responseCrc()) {
                    diverged++;
                    if (firstDivergence < 0) {
                        firstDivergence = i;
                    }
                }
            } else if (record instanceof CardJournal.Reset) {
                simulator.reset();
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

    private void install(byte[] aid, Class<? extends Applet> applet) {
        // GlobalPlatform INSTALL [for install] parameters: LV instance AID, LV privileges, LV params.
        byte[] params = new byte[aid.length + 4];
        params[0] = (byte) aid.length;
        System.arraycopy(aid, 0, params, 1, aid.length);
        params[aid.length + 1] = 1;
        params[aid.length + 2] = 0;
        params[aid.length + 3] = 0;
        simulator.installApplet(new AID(aid, (short) 0, (byte) aid.length), applet, params, (short) 0,
                (byte) params.length);
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

    private static byte[] select(byte[] aid) {
        byte[] apdu = new byte[5 + aid.length + 1];
        apdu[1] = (byte) 0xA4;
        apdu[2] = 0x04;
        apdu[4] = (byte) aid.length;
        System.arraycopy(aid, 0, apdu, 5, aid.length);
        return apdu;
    }

    private void requireOk(byte[] aid, String what, byte[] response) {
        ResponseApdu r = ResponseApdu.of(response);
        if (r.sw() != SW_OK) {
            throw new IllegalStateException("issuing card " + cardId + ": " + what + " for application "
                    + Hex.encode(aid) + " answered " + r.swHex() + ", not 9000");
        }
    }

    public String cardId() {
        return cardId;
    }

    public byte[] atr() {
        synchronized (JCARDSIM) {
            return simulator.getATR();
        }
    }

    /** Executes one command APDU and journals it before returning the response. */
    public byte[] transmit(byte[] command) throws IOException {
        synchronized (JCARDSIM) {
            return transmitLocked(command);
        }
    }

    private byte[] transmitLocked(byte[] command) throws IOException {
        byte[] response = simulator.transmitCommand(command);
        // Journal first, answer second: an answer nobody saw may be lost in a crash (like a card pulled
        // out before it could reply), an answer somebody saw never is.
        journal.append(new CardJournal.Apdu(command, CardJournal.crcOf(response)));
        touched = true;
        return response;
    }

    /** Power off or warm reset: transient memory cleared, no applet selected. */
    public void reset() throws IOException {
        synchronized (JCARDSIM) {
            if (!touched) {
                return;
            }
            simulator.reset();
            journal.append(new CardJournal.Reset());
            touched = false;
        }
    }

    public Path journalFile() {
        return journal.file();
    }

    @Override
    public void close() throws IOException {
        synchronized (JCARDSIM) {
            journal.close();
        }
    }
}
