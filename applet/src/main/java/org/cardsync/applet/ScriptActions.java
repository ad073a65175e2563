package org.cardsync.applet;

/**
 * The actions a script command can carry (protocol.md section 6.1), in two halves so that the EXECUTE
 * handler can keep rule 5's transaction pure:
 * <ul>
 *   <li>{@link #check} validates the action on its merits and prepares its effect in transient memory,
 *       changing nothing persistent; it returns the merit failure reason (SW {@code 94rr}) or
 *       {@link ProtocolConstants#REASON_NONE};</li>
 *   <li>{@link #apply}, called inside the transaction that also increments CA, writes the prepared
 *       effect. It neither validates nor throws.</li>
 * </ul>
 */
final class ScriptActions {

    private static final short CREDIT_PAYLOAD_LENGTH = 4;

    private final LifeCycle lifeCycle;
    private final Purse purse;
    private final ParameterStore parameters;
    private final ApplicationTable applications;
    private final CardholderPin pin;

    ScriptActions(LifeCycle lifeCycle, Purse purse, ParameterStore parameters, ApplicationTable applications,
                  CardholderPin pin) {
        this.lifeCycle = lifeCycle;
        this.purse = purse;
        this.parameters = parameters;
        this.applications = applications;
        this.pin = pin;
    }

    /**
     * Checks an action on its merits and prepares its effect. {@code offset} and {@code length} delimit
     * the payload. Returns the reason code, {@link ProtocolConstants#REASON_NONE} when it may run.
     */
    byte check(byte action, byte[] payload, short offset, short length) {
        switch (action) {
            case ProtocolConstants.ACTION_CREDIT:
                if (length != CREDIT_PAYLOAD_LENGTH || Uint32.isZero(payload, offset)) {
                    return ProtocolConstants.REASON_BAD_PAYLOAD;
                }
                return purse.prepareCredit(payload, offset);
            case ProtocolConstants.ACTION_WRITE_PARAMETER:
                return checkWriteParameter(payload, offset, length);
            case ProtocolConstants.ACTION_LOAD_APPLICATION_BLOCK:
                return applications.checkBlock(payload, offset, length);
            case ProtocolConstants.ACTION_LOAD_APPLICATION_ACTIVATE:
                return applications.checkActivate(payload, offset, length);
            case ProtocolConstants.ACTION_BLOCK:
                // On a BLOCKED application EXECUTE already refused everything but UNBLOCK (reason 0A).
                return length != 0 ? ProtocolConstants.REASON_BAD_PAYLOAD : ProtocolConstants.REASON_NONE;
            case ProtocolConstants.ACTION_UNBLOCK:
                if (length != 0) {
                    return ProtocolConstants.REASON_BAD_PAYLOAD;
                }
                return lifeCycle.isBlocked() ? ProtocolConstants.REASON_NONE : ProtocolConstants.REASON_NOT_BLOCKED;
            case ProtocolConstants.ACTION_RESET_PIN_TRIES:
                return length != 0 ? ProtocolConstants.REASON_BAD_PAYLOAD : ProtocolConstants.REASON_NONE;
            default:
                return ProtocolConstants.REASON_UNKNOWN_ACTION;
        }
    }

    /** Writes the effect that the last {@link #check} of the same action prepared. Inside a transaction only. */
    void apply(byte action, byte[] payload, short offset, short length) {
        switch (action) {
            case ProtocolConstants.ACTION_CREDIT:
                purse.applyPrepared();
                break;
            case ProtocolConstants.ACTION_WRITE_PARAMETER:
                parameters.writeStaged(payload[offset], (short) (length - 1));
                break;
            case ProtocolConstants.ACTION_LOAD_APPLICATION_BLOCK:
                applications.applyBlock(payload, offset, length);
                break;
            case ProtocolConstants.ACTION_LOAD_APPLICATION_ACTIVATE:
                applications.applyActivate();
                break;
            case ProtocolConstants.ACTION_BLOCK:
                lifeCycle.block();
                break;
            case ProtocolConstants.ACTION_UNBLOCK:
                lifeCycle.unblock();
                break;
            case ProtocolConstants.ACTION_RESET_PIN_TRIES:
                pin.resetTries();
                break;
            default:
                // check() refused every other action type; nothing reaches here.
                break;
        }
    }

    /** WRITE_PARAMETER payload: slot (1) then value (0 to 32). */
    private byte checkWriteParameter(byte[] payload, short offset, short length) {
        if (length == 0) {
            return ProtocolConstants.REASON_BAD_PAYLOAD;
        }
        short slot = (short) (payload[offset] & 0xFF);
        if (!ParameterStore.isSlot(slot)) {
            return ProtocolConstants.REASON_UNKNOWN_PARAMETER;
        }
        short valueLength = (short) (length - 1);
        if (valueLength > ProtocolConstants.PARAMETER_MAX_LENGTH) {
            return ProtocolConstants.REASON_BAD_PARAMETER_LENGTH;
        }
        parameters.stage(payload, (short) (offset + 1), valueLength);
        return ProtocolConstants.REASON_NONE;
    }
}
