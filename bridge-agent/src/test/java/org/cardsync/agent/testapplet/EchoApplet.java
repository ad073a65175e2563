package org.cardsync.agent.testapplet;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javacard.framework.APDU;
import javacard.framework.Applet;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;
import javacard.framework.JCSystem;
import javacard.framework.Util;

/**
 * A tiny test-only applet that exercises the agent's machinery without the project's applet: echo,
 * responses that need GET RESPONSE (61xx) or a corrected Le (6Cxx), a persistent counter (for the
 * journal), a transient flag (for resets), a chosen status word (for batches) and a command that blocks
 * until the test releases it (for a card pulled out mid-command).
 */
public final class EchoApplet extends Applet {

    public static final byte INS_ECHO = 0x01;
    public static final byte INS_CHAINED = 0x02;
    public static final byte INS_EXACT_LE = 0x03;
    public static final byte INS_INCREMENT = 0x04;
    public static final byte INS_READ = 0x05;
    public static final byte INS_SET_FLAG = 0x06;
    public static final byte INS_BLOCK = 0x07;
    public static final byte INS_STATUS = 0x08;
    public static final byte INS_PERSONALISE = 0x10;
    public static final byte INS_GET_RESPONSE = (byte) 0xC0;

    /** INS_BLOCK counts this down on entry, then waits for {@link #release}. Tests set both. */
    public static volatile CountDownLatch entered = new CountDownLatch(0);
    public static volatile CountDownLatch release = new CountDownLatch(0);

    private final byte[] personalisation = new byte[16];
    private short personalisationLength = -1;
    private short counter;
    /** [0] flag, [1..2] chained bytes remaining, [3..4] chained offset. */
    private final byte[] session = JCSystem.makeTransientByteArray((short) 5, JCSystem.CLEAR_ON_RESET);

    public static void install(byte[] bArray, short bOffset, byte bLength) {
        new EchoApplet().register(bArray, (short) (bOffset + 1), bArray[bOffset]);
    }

    @Override
    public void process(APDU apdu) {
        if (selectingApplet()) {
            return;
        }
        byte[] buf = apdu.getBuffer();
        switch (buf[ISO7816.OFFSET_INS]) {
            case INS_ECHO: {
                short len = apdu.setIncomingAndReceive();
                Util.arrayCopyNonAtomic(buf, ISO7816.OFFSET_CDATA, buf, (short) 0, len);
                apdu.setOutgoingAndSend((short) 0, len);
                break;
            }
            case INS_CHAINED: {
                short total = Util.getShort(buf, ISO7816.OFFSET_P1);
                Util.setShort(session, (short) 1, total);
                Util.setShort(session, (short) 3, (short) 0);
                ISOException.throwIt((short) (0x6100 | (total >= 256 ? 0 : total)));
                break;
            }
            case INS_GET_RESPONSE:
                sendChainedPart(apdu);
                break;
            case INS_EXACT_LE: {
                short le = apdu.setOutgoing();
                if (le != 16) {
                    ISOException.throwIt((short) 0x6C10);
                }
                for (short i = 0; i < 16; i++) {
                    buf[i] = (byte) (0xA0 + i);
                }
                apdu.setOutgoingLength((short) 16);
                apdu.sendBytes((short) 0, (short) 16);
                break;
            }
            case INS_INCREMENT:
                counter++;
                Util.setShort(buf, (short) 0, counter);
                apdu.setOutgoingAndSend((short) 0, (short) 2);
                break;
            case INS_READ: {
                Util.setShort(buf, (short) 0, counter);
                buf[2] = session[0];
                short n = personalisationLength < 0 ? 0 : personalisationLength;
                Util.arrayCopyNonAtomic(personalisation, (short) 0, buf, (short) 3, n);
                apdu.setOutgoingAndSend((short) 0, (short) (3 + n));
                break;
            }
            case INS_SET_FLAG:
                session[0] = buf[ISO7816.OFFSET_P1];
                break;
            case INS_BLOCK:
                counter++;
                block();
                break;
            case INS_STATUS: {
                short sw = Util.getShort(buf, ISO7816.OFFSET_P1);
                if (sw != ISO7816.SW_NO_ERROR) {
                    ISOException.throwIt(sw);
                }
                break;
            }
            case INS_PERSONALISE: {
                if (personalisationLength >= 0) {
                    ISOException.throwIt(ISO7816.SW_CONDITIONS_NOT_SATISFIED);
                }
                short len = apdu.setIncomingAndReceive();
                if (len > 16) {
                    ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
                }
                Util.arrayCopy(buf, ISO7816.OFFSET_CDATA, personalisation, (short) 0, len);
                personalisationLength = len;
                break;
            }
            default:
                ISOException.throwIt(ISO7816.SW_INS_NOT_SUPPORTED);
        }
    }

    private void sendChainedPart(APDU apdu) {
        short remaining = Util.getShort(session, (short) 1);
        short offset = Util.getShort(session, (short) 3);
        if (remaining <= 0) {
            ISOException.throwIt(ISO7816.SW_CONDITIONS_NOT_SATISFIED);
        }
        short le = apdu.setOutgoing();
        short n = remaining < le ? remaining : le;
        byte[] buf = apdu.getBuffer();
        for (short i = 0; i < n; i++) {
            buf[i] = (byte) (offset + i);
        }
        apdu.setOutgoingLength(n);
        apdu.sendBytes((short) 0, n);
        remaining -= n;
        Util.setShort(session, (short) 1, remaining);
        Util.setShort(session, (short) 3, (short) (offset + n));
        if (remaining > 0) {
            ISOException.throwIt((short) (0x6100 | (remaining >= 256 ? 0 : remaining)));
        }
    }

    private static void block() {
        entered.countDown();
        try {
            if (!release.await(60, TimeUnit.SECONDS)) {
                ISOException.throwIt(ISO7816.SW_UNKNOWN);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
