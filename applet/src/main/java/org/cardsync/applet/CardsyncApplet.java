package org.cardsync.applet;

import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacard.security.AESKey;
import javacard.security.KeyBuilder;
import javacardx.apdu.ExtendedLength;

/**
 * One card application of cardsync: an action counter CA, a transaction counter ATC, an action chain H,
 * two AES keys, a purse, parameters and an application table, driven by the byte-level contract of
 * docs/protocol.md.
 *
 * <p>Each instance (one per AID) owns all of its state; several instances on one card share nothing.
 * Everything is allocated here, at install; nothing is allocated afterwards.
 *
 * <p>Every handler follows the same discipline: check everything first, changing nothing persistent;
 * then {@code JCSystem.beginTransaction()}, writes only, {@code JCSystem.commitTransaction()}; then
 * transient bookkeeping and the response. No handler throws or catches with a transaction open.
 *
 * <p>It implements {@link ExtendedLength} for PERSONALISE only: a record with all 8 parameters at 32
 * bytes is 340 bytes, more than a short APDU carries. All other commands fit in short APDUs.
 */
public final class CardsyncApplet extends Applet implements ExtendedLength {

    private final LifeCycle lifeCycle;
    private final byte[] cardId;
    /** K_UP: MACs of the card's messages (protocol.md section 1). */
    private final AESKey upKey;
    /** K_DN: MACs of the server's script commands. */
    private final AESKey downKey;
    /** CA: the number of actions executed, rules 4 and 5. */
    private final SaturatingCounter actionCounter;
    /** ATC: the number of messages signed, rule 3. */
    private final SaturatingCounter transactionCounter;
    /** H: which actions were executed, in order (protocol.md section 1.3). */
    private final ActionChain actionChain;
    private final Purse purse;
    private final ParameterStore parameters;
    private final ApplicationTable applications;
    private final CardholderPin pin;
    private final ScriptActions actions;
    private final Session session;
    private final AesCmac cmac;
    private final MessageSigner signer;
    /**
     * This instance's AID as it appears in messages and MACs: length (1), then the AID. Fetched from
     * the runtime by each command that needs it, into transient memory.
     */
    private final byte[] aidRecord;

    private CardsyncApplet() {
        lifeCycle = new LifeCycle();
        cardId = new byte[ProtocolConstants.CARD_ID_LENGTH];
        upKey = (AESKey) KeyBuilder.buildKey(KeyBuilder.TYPE_AES, KeyBuilder.LENGTH_AES_128, false);
        downKey = (AESKey) KeyBuilder.buildKey(KeyBuilder.TYPE_AES, KeyBuilder.LENGTH_AES_128, false);
        actionCounter = new SaturatingCounter();
        transactionCounter = new SaturatingCounter();
        actionChain = new ActionChain();
        purse = new Purse();
        parameters = new ParameterStore();
        applications = new ApplicationTable();
        pin = new CardholderPin();
        actions = new ScriptActions(lifeCycle, purse, parameters, applications, pin);
        session = new Session();
        cmac = new AesCmac();
        signer = new MessageSigner(cardId, upKey, transactionCounter, actionCounter, actionChain, cmac);
        aidRecord = JCSystem.makeTransientByteArray((short) (1 + ProtocolConstants.AID_MAX_LENGTH),
                JCSystem.CLEAR_ON_DESELECT);
    }

    /**
     * Creates an instance. The install parameters are the standard ones of GlobalPlatform INSTALL [for
     * install]: Li, the instance AID, then control and application data, which this applet does not use.
     * Without an instance AID (a bare simulator install), the runtime's AID is used.
     */
    public static void install(byte[] parameters, short offset, byte length) {
        CardsyncApplet applet = new CardsyncApplet();
        if (length > 0 && parameters[offset] > 0) {
            applet.register(parameters, (short) (offset + 1), parameters[offset]);
        } else {
            applet.register();
        }
    }

    /** A selection ends any open session and any PIN validation (rule 4: session state is transient). */
    @Override
    public boolean select() {
        session.close();
        pin.clearValidated();
        return true;
    }

    /**
     * Gates and dispatches. The class gate: {@code CLA 00} only for SELECT and VERIFY PIN (else 6E00),
     * {@code CLA 80} only for the proprietary instructions (else 6D00), any other class 6E00. Each handler
     * then checks the life-cycle state it needs on its first lines.
     */
    @Override
    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        byte[] buffer = apdu.getBuffer();
        assertClassMatchesInstruction(buffer);
        switch (buffer[ISO7816.OFFSET_INS]) {
            case ProtocolConstants.INS_SELECT:
                processSelectOther();
                break;
            case ProtocolConstants.INS_PERSONALISE:
                processPersonalise(apdu);
                break;
            case ProtocolConstants.INS_GET_STATUS:
                processGetStatus(apdu);
                break;
            case ProtocolConstants.INS_READ_PARAMETER:
                processReadParameter(apdu);
                break;
            case ProtocolConstants.INS_VERIFY_PIN:
                processVerifyPin(apdu);
                break;
            case ProtocolConstants.INS_REQUEST:
                processRequest(apdu);
                break;
            case ProtocolConstants.INS_EXECUTE:
                processExecute(apdu);
                break;
            case ProtocolConstants.INS_ACK:
                processReport(apdu, ProtocolConstants.MESSAGE_ACK);
                break;
            case ProtocolConstants.INS_INFO:
                processReport(apdu, ProtocolConstants.MESSAGE_INFO);
                break;
            default:
                ISOException.throwIt(ProtocolConstants.SW_INS_NOT_SUPPORTED);
        }
    }

    /**
     * Process a SELECT ({@code 00 A4 04 00}) that the runtime passed on because it names no applet on the
     * card. The selection stays as it was; nothing changes.
     *
     * <p>Status words: 6A82 always. Not in docs/protocol.md, which does not cover this case.
     */
    private void processSelectOther() {
        ISOException.throwIt(ProtocolConstants.SW_APPLICATION_NOT_FOUND);
    }

    /**
     * Process PERSONALISE ({@code 80 10 00 00}, docs/protocol.md section 3): card id, keys, purse, initial
     * CA and ATC, PIN and parameters, all checked before the single transaction that writes them and
     * makes the application ACTIVE. Never again afterwards: a terminal cannot re-key an issued application.
     *
     * <p>Status words: 9000; 6986 not NEW; 6A86 P1/P2 not 00 00; 6700 fields do not add up to Lc, or the
     * record does not fit the card's APDU buffer; 6A80 a field out of range.
     */
    private void processPersonalise(APDU apdu) {
        if (!lifeCycle.isNew()) {
            ISOException.throwIt(ProtocolConstants.SW_ALREADY_PERSONALISED);
        }
        byte[] buffer = apdu.getBuffer();
        assertP1P2(buffer, (byte) 0, (byte) 0);
        short length = receiveAll(apdu);
        short data = apdu.getOffsetCdata();
        PersonalisationRecord.validate(buffer, data, length);

        // In state NEW nothing has been used yet: if this transaction is torn, the state stays NEW and
        // the whole record can simply be sent again.
        JCSystem.beginTransaction();
        Util.arrayCopy(buffer, (short) (data + ProtocolConstants.PERSO_CARD_ID), cardId, (short) 0,
                ProtocolConstants.CARD_ID_LENGTH);
        upKey.setKey(buffer, (short) (data + ProtocolConstants.PERSO_K_UP));
        downKey.setKey(buffer, (short) (data + ProtocolConstants.PERSO_K_DN));
        purse.personalise(buffer, (short) (data + ProtocolConstants.PERSO_PURSE_LIMIT),
                (short) (data + ProtocolConstants.PERSO_BALANCE));
        actionCounter.set(buffer, (short) (data + ProtocolConstants.PERSO_CA));
        transactionCounter.set(buffer, (short) (data + ProtocolConstants.PERSO_ATC));
        pin.personalise(buffer, (short) (data + ProtocolConstants.PERSO_PIN),
                PersonalisationRecord.pinLength(buffer, data), PersonalisationRecord.pinTryLimit(buffer, data));
        PersonalisationRecord.writeParameters(buffer, data, parameters);
        lifeCycle.activate();
        JCSystem.commitTransaction();
    }

    /**
     * Process GET STATUS ({@code 80 30 00 00}, docs/protocol.md section 7): the public, unauthenticated
     * status record, in every state.
     *
     * <p>Status words: 9000; 6A86 P1/P2 not 00 00.
     */
    private void processGetStatus(APDU apdu) {
        byte[] buffer = apdu.getBuffer();
        assertP1P2(buffer, (byte) 0, (byte) 0);
        short aidLength = loadAid();
        buffer[0] = ProtocolConstants.VERSION;
        buffer[1] = lifeCycle.state();
        short offset = Util.arrayCopyNonAtomic(cardId, (short) 0, buffer, (short) 2, ProtocolConstants.CARD_ID_LENGTH);
        offset = Util.arrayCopyNonAtomic(aidRecord, (short) 0, buffer, offset, (short) (1 + aidLength));
        offset = actionCounter.copyTo(buffer, offset);
        offset = transactionCounter.copyTo(buffer, offset);
        offset = purse.copyBalanceTo(buffer, offset);
        offset = purse.copyLimitTo(buffer, offset);
        buffer[offset] = pin.triesRemaining();
        buffer[(short) (offset + 1)] = statusFlags();
        offset = applications.writeStatus(buffer, (short) (offset + 2));
        apdu.setOutgoingAndSend((short) 0, offset);
    }

    /**
     * Process READ PARAMETER ({@code 80 32 0s 00}, docs/protocol.md section 2): the value of slot s.
     *
     * <p>Status words: 9000; 6985 NEW; 6A86 slot above 7 or P2 not 00.
     */
    private void processReadParameter(APDU apdu) {
        assertPersonalised();
        byte[] buffer = apdu.getBuffer();
        short slot = (short) (buffer[ISO7816.OFFSET_P1] & 0xFF);
        if (!ParameterStore.isSlot(slot) || buffer[ISO7816.OFFSET_P2] != 0) {
            ISOException.throwIt(ProtocolConstants.SW_WRONG_P1P2);
        }
        apdu.setOutgoingAndSend((short) 0, parameters.read(slot, buffer, (short) 0));
    }

    /**
     * Process VERIFY PIN ({@code 00 20 00 80}, docs/protocol.md section 2). A validation is good for one
     * PURCHASE: the next REQUEST clears it, as do a selection and a failed try.
     *
     * <p>Status words: 9000; 6985 NEW; 6A95 BLOCKED; 6A86 P1/P2 not 00 80; 6700 PIN not 4 to 8 bytes;
     * 6983 no tries left; 63Cx wrong PIN, x tries left.
     */
    private void processVerifyPin(APDU apdu) {
        assertPersonalised();
        assertNotBlocked();
        byte[] buffer = apdu.getBuffer();
        assertP1P2(buffer, (byte) 0, ProtocolConstants.P2_VERIFY_PIN);
        short length = receiveAll(apdu);
        if (length < ProtocolConstants.PIN_MIN_LENGTH || length > ProtocolConstants.PIN_MAX_LENGTH) {
            ISOException.throwIt(ProtocolConstants.SW_WRONG_LENGTH);
        }
        if (pin.isBlocked()) {
            ISOException.throwIt(ProtocolConstants.SW_PIN_BLOCKED);
        }
        if (!pin.check(buffer, apdu.getOffsetCdata(), length)) {
            ISOException.throwIt((short) (ProtocolConstants.SW_PIN_WRONG | pin.triesRemaining()));
        }
    }

    /**
     * Process REQUEST ({@code 80 40 00 00}, docs/protocol.md section 4.1): counts and signs a transaction
     * request, debits the purse for a PURCHASE, and opens a new session bound to the new ATC (rules 2
     * and 4). The response is the signed REQUEST message (section 5.1).
     *
     * <p>Status words, in the order checked: 6985 NEW; 6A86 P1/P2 not 00 00; 6700 data not 25 bytes;
     * 6A80 unknown type, or amount 0 for PURCHASE or not 0 for another type; 6A95 PURCHASE while BLOCKED;
     * 6A94 ATC saturated; 6982 PURCHASE without a verified PIN; 6A96 amount above the balance; 9000.
     */
    private void processRequest(APDU apdu) {
        assertPersonalised();
        byte[] buffer = apdu.getBuffer();
        assertP1P2(buffer, (byte) 0, (byte) 0);
        if (receiveAll(apdu) != ProtocolConstants.REQUEST_DATA_LENGTH) {
            ISOException.throwIt(ProtocolConstants.SW_WRONG_LENGTH);
        }
        short data = apdu.getOffsetCdata();
        byte type = buffer[(short) (data + ProtocolConstants.REQUEST_TYPE)];
        short amount = (short) (data + ProtocolConstants.REQUEST_AMOUNT);
        boolean purchase = type == ProtocolConstants.TX_PURCHASE;
        if ((type != ProtocolConstants.TX_SYNC && !purchase && type != ProtocolConstants.TX_AUTHENTICATE)
                || purchase == Uint32.isZero(buffer, amount)) {
            ISOException.throwIt(ProtocolConstants.SW_WRONG_DATA);
        }
        if (purchase && lifeCycle.isBlocked()) {
            ISOException.throwIt(ProtocolConstants.SW_APPLICATION_BLOCKED);
        }
        assertCanSign();
        if (purchase && !pin.isValidated()) {
            ISOException.throwIt(ProtocolConstants.SW_PIN_REQUIRED);
        }
        if (purchase && !purse.prepareDebit(buffer, amount)) {
            ISOException.throwIt(ProtocolConstants.SW_INSUFFICIENT_FUNDS);
        }

        JCSystem.beginTransaction();
        transactionCounter.increment();
        if (purchase) {
            purse.applyPrepared();
        }
        JCSystem.commitTransaction();

        session.open(transactionCounter, actionCounter);
        pin.clearValidated();

        // Body (section 5.1): the 25 request bytes echoed, balance, state, PIN tries, reserved.
        short aidLength = loadAid();
        short body = MessageSigner.bodyOffset(aidLength);
        moveUp(buffer, data, body, ProtocolConstants.REQUEST_DATA_LENGTH);
        short offset = purse.copyBalanceTo(buffer, (short) (body + ProtocolConstants.REQUEST_DATA_LENGTH));
        buffer[offset] = lifeCycle.state();
        buffer[(short) (offset + 1)] = pin.triesRemaining();
        Util.setShort(buffer, (short) (offset + 2), (short) 0);
        short length = signer.seal(buffer, ProtocolConstants.MESSAGE_REQUEST, aidRecord,
                ProtocolConstants.REQUEST_BODY_LENGTH);
        apdu.setOutgoingAndSend((short) 0, length);
    }

    /**
     * Process EXECUTE ({@code 80 42 00 00}, docs/protocol.md section 6): one script command, one action.
     * It runs only if its MAC verifies, it belongs to the open session and s = CA + 1 (rule 4); then the
     * action's effect, CA + 1 and the action chain moved over the command's MAC are written in one
     * transaction (rule 5, section 1.3). Any refusal changes nothing persistent, H included; from step 4 on, the session records the first refusal, and a merit failure halts the
     * session so that the rest of the script is refused too.
     *
     * <p>Status words, in the order checked (section 6.0): 6985 NEW; 6A86 P1/P2 not 00 00; 6700 length
     * not 27 + P or P above 228; 6A80 version; 6988 bad MAC; 6A90 no open session or another session's
     * ATC; 6A93 session halted; 6A94 CA or ATC saturated (or 65535 actions in this session); 6A91 s &le; CA;
     * 6A92 s &gt; CA + 1; 940A BLOCKED and not UNBLOCK; 94rr the action's merit failure; 9000.
     */
    private void processExecute(APDU apdu) {
        assertPersonalised();
        byte[] buffer = apdu.getBuffer();
        assertP1P2(buffer, (byte) 0, (byte) 0);
        short length = receiveAll(apdu);
        short command = apdu.getOffsetCdata();
        if (length < ProtocolConstants.CMD_MIN_LENGTH) {
            ISOException.throwIt(ProtocolConstants.SW_WRONG_LENGTH);
        }
        short payloadLength = (short) (buffer[(short) (command + ProtocolConstants.CMD_PAYLOAD_LENGTH)] & 0xFF);
        if (payloadLength > ProtocolConstants.CMD_MAX_PAYLOAD
                || length != (short) (ProtocolConstants.CMD_MIN_LENGTH + payloadLength)) {
            ISOException.throwIt(ProtocolConstants.SW_WRONG_LENGTH);
        }
        if (buffer[(short) (command + ProtocolConstants.CMD_VERSION)] != ProtocolConstants.VERSION) {
            ISOException.throwIt(ProtocolConstants.SW_WRONG_DATA);
        }
        assertScriptCommandMac(buffer, command, payloadLength);
        // Rule 4: a command is bound to the session it was issued for. Commands of a closed session,
        // from before a reset, a REQUEST, an ACK or an INFO, stop here, unrecorded (terminal noise).
        if (!session.isOpenWithAtc(buffer, (short) (command + ProtocolConstants.CMD_SESSION_ATC))) {
            ISOException.throwIt(ProtocolConstants.SW_WRONG_SESSION);
        }
        short sequence = (short) (command + ProtocolConstants.CMD_SEQUENCE);
        if (session.isHalted()) {
            refuse(buffer, sequence, ProtocolConstants.REFUSAL_SESSION_HALTED, ProtocolConstants.SW_SESSION_HALTED);
        }
        // Rule 9: at CA = max nothing more can be counted; at ATC = max (a REQUEST took the last value) no ACK
        // or INFO can ever report what would run, so nothing runs unreported.
        if (actionCounter.isSaturated() || transactionCounter.isSaturated() || session.isExecutedCountSaturated()) {
            refuse(buffer, sequence, ProtocolConstants.REFUSAL_COUNTER_SATURATED,
                    ProtocolConstants.SW_COUNTER_SATURATED);
        }
        // Rule 4: exactly s = CA + 1. A replay (s <= CA) can never run twice; a command whose predecessor
        // did not run (s > CA + 1) cannot jump the queue.
        byte position = actionCounter.classifySequence(buffer, sequence);
        if (position == SaturatingCounter.SEQUENCE_ALREADY_APPLIED) {
            refuse(buffer, sequence, ProtocolConstants.REFUSAL_ALREADY_APPLIED, ProtocolConstants.SW_ALREADY_APPLIED);
        }
        if (position == SaturatingCounter.SEQUENCE_OUT_OF_ORDER) {
            refuse(buffer, sequence, ProtocolConstants.REFUSAL_OUT_OF_ORDER, ProtocolConstants.SW_OUT_OF_ORDER);
        }
        byte action = buffer[(short) (command + ProtocolConstants.CMD_ACTION)];
        short payload = (short) (command + ProtocolConstants.CMD_PAYLOAD);
        if (lifeCycle.isBlocked() && action != ProtocolConstants.ACTION_UNBLOCK) {
            refuseOnMerits(buffer, sequence, ProtocolConstants.REASON_APPLICATION_BLOCKED);
        }
        byte reason = actions.check(action, buffer, payload, payloadLength);
        if (reason != ProtocolConstants.REASON_NONE) {
            refuseOnMerits(buffer, sequence, reason);
        }

        // Section 1.3: H' over this command's MAC, computed before the transaction (which holds writes only).
        actionChain.prepareNext(cmac, upKey, buffer, (short) (payload + payloadLength));

        // Rule 5: the effect, CA + 1 and H' in one transaction; power loss leaves all three or none.
        JCSystem.beginTransaction();
        actions.apply(action, buffer, payload, payloadLength);
        actionCounter.increment();
        actionChain.applyPrepared();
        JCSystem.commitTransaction();

        session.countExecuted();
    }

    /**
     * Process ACK ({@code 80 44 00 00}) and INFO ({@code 80 46 00 00}), docs/protocol.md section 4.2:
     * counts and signs a report on the open session (for INFO with none open, an empty report) and closes
     * the session, so that the CA it carries is settled (rule 2): no action of that session can run
     * after the server has seen it.
     *
     * <p>Status words: 6985 NEW; 6A86 P1/P2 not 00 00; 6A90 ACK with no open session; 6A94 ATC
     * saturated; 9000 with the signed ACK or INFO (section 5.2).
     */
    private void processReport(APDU apdu, byte type) {
        assertPersonalised();
        byte[] buffer = apdu.getBuffer();
        assertP1P2(buffer, (byte) 0, (byte) 0);
        if (type == ProtocolConstants.MESSAGE_ACK && !session.isOpen()) {
            ISOException.throwIt(ProtocolConstants.SW_WRONG_SESSION);
        }
        assertCanSign();

        JCSystem.beginTransaction();
        transactionCounter.increment();
        JCSystem.commitTransaction();

        short aidLength = loadAid();
        short body = MessageSigner.bodyOffset(aidLength);
        short offset = session.writeReport(buffer, body, actionCounter);
        session.close();
        offset = purse.copyBalanceTo(buffer, offset);
        buffer[offset] = lifeCycle.state();
        buffer[(short) (offset + 1)] = pin.triesRemaining();
        short length = signer.seal(buffer, type, aidRecord, ProtocolConstants.REPORT_BODY_LENGTH);
        apdu.setOutgoingAndSend((short) 0, length);
    }

    // --- guards ---------------------------------------------------------------------------------------

    /** CLA 00 carries only SELECT and VERIFY PIN, CLA 80 only the proprietary commands (protocol.md 2). */
    private static void assertClassMatchesInstruction(byte[] buffer) {
        byte ins = buffer[ISO7816.OFFSET_INS];
        boolean isoInstruction = ins == ProtocolConstants.INS_SELECT || ins == ProtocolConstants.INS_VERIFY_PIN;
        byte cla = buffer[ISO7816.OFFSET_CLA];
        if (cla == ProtocolConstants.CLA_PROPRIETARY) {
            if (isoInstruction) {
                ISOException.throwIt(ProtocolConstants.SW_INS_NOT_SUPPORTED);
            }
        } else if (cla != ProtocolConstants.CLA_ISO || !isoInstruction) {
            ISOException.throwIt(ProtocolConstants.SW_CLA_NOT_SUPPORTED);
        }
    }

    private static void assertP1P2(byte[] buffer, byte p1, byte p2) {
        if (buffer[ISO7816.OFFSET_P1] != p1 || buffer[ISO7816.OFFSET_P2] != p2) {
            ISOException.throwIt(ProtocolConstants.SW_WRONG_P1P2);
        }
    }

    private void assertPersonalised() {
        if (lifeCycle.isNew()) {
            ISOException.throwIt(ProtocolConstants.SW_NOT_PERSONALISED);
        }
    }

    private void assertNotBlocked() {
        if (lifeCycle.isBlocked()) {
            ISOException.throwIt(ProtocolConstants.SW_APPLICATION_BLOCKED);
        }
    }

    /** Rule 9: at ATC = 0xFFFFFFFF the card signs nothing more, so no message can reuse an ATC. */
    private void assertCanSign() {
        if (transactionCounter.isSaturated()) {
            ISOException.throwIt(ProtocolConstants.SW_COUNTER_SATURATED);
        }
    }

    /**
     * Rule 4: the command's MAC, under K_DN, covers card id, AID and every command byte before it, so a
     * command cannot be altered, forged, or moved to another card or card application.
     */
    private void assertScriptCommandMac(byte[] buffer, short command, short payloadLength) {
        short aidLength = loadAid();
        short signedLength = (short) (ProtocolConstants.CMD_PAYLOAD + payloadLength);
        cmac.begin(downKey);
        cmac.update(cardId, (short) 0, ProtocolConstants.CARD_ID_LENGTH);
        cmac.update(aidRecord, (short) 0, (short) (1 + aidLength));
        cmac.update(buffer, command, signedLength);
        if (!cmac.verify(buffer, (short) (command + signedLength))) {
            ISOException.throwIt(ProtocolConstants.SW_BAD_MAC);
        }
    }

    // --- refusals -----------------------------------------------------------------------------------

    /** Refuses an authenticated command of the open session, recording it if it is the first refusal. */
    private void refuse(byte[] buffer, short sequence, byte code, short statusWord) {
        session.recordRefusal(buffer, sequence, code);
        ISOException.throwIt(statusWord);
    }

    /** Refuses an action on its merits: recorded, and the session halts (rule 5). SW 94rr. */
    private void refuseOnMerits(byte[] buffer, short sequence, byte reason) {
        session.halt();
        refuse(buffer, sequence, reason, (short) (ProtocolConstants.SW_MERIT_FAILURE | reason));
    }

    // --- helpers ------------------------------------------------------------------------------------

    /**
     * Receives the whole command data into the APDU buffer, also for an extended-length command sent in
     * several blocks; returns its length. 6700 if it does not fit in this card's APDU buffer.
     */
    private static short receiveAll(APDU apdu) {
        byte[] buffer = apdu.getBuffer();
        short received = apdu.setIncomingAndReceive();
        short length = apdu.getIncomingLength();
        short offset = apdu.getOffsetCdata();
        // A card's arrays are at most 32767 bytes, so room is never negative there; jcardsim's
        // extended APDU buffer is 32777 bytes, and a negative room means "more than enough".
        short room = (short) (buffer.length - offset);
        if (room >= 0 && length > room) {
            ISOException.throwIt(ProtocolConstants.SW_WRONG_LENGTH);
        }
        while (received < length) {
            received = (short) (received + apdu.receiveBytes((short) (offset + received)));
        }
        return length;
    }

    /**
     * Moves {@code length} bytes of {@code buffer} from {@code from} to a higher offset {@code to}, last
     * byte first, so that overlapping regions come out right without relying on how a card's
     * {@code Util.arrayCopyNonAtomic} treats an overlap within one array.
     */
    private static void moveUp(byte[] buffer, short from, short to, short length) {
        for (short i = (short) (length - 1); i >= 0; i--) {
            buffer[(short) (to + i)] = buffer[(short) (from + i)];
        }
    }

    /** Writes this instance's AID record (length, AID) into {@link #aidRecord}; returns the AID's length. */
    private short loadAid() {
        short length = JCSystem.getAID().getBytes(aidRecord, (short) 1);
        aidRecord[0] = (byte) length;
        return length;
    }

    private byte statusFlags() {
        byte flags = 0;
        if (actionCounter.isSaturated()) {
            flags |= ProtocolConstants.FLAG_CA_SATURATED;
        }
        if (transactionCounter.isSaturated()) {
            flags |= ProtocolConstants.FLAG_ATC_SATURATED;
        }
        if (session.isOpen()) {
            flags |= ProtocolConstants.FLAG_SESSION_OPEN;
        }
        if (pin.isValidated()) {
            flags |= ProtocolConstants.FLAG_PIN_VALIDATED;
        }
        return flags;
    }
}
