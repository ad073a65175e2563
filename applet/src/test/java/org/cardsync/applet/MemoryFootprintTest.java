package org.cardsync.applet;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

import com.licel.jcardsim.base.SimulatorRuntime;
import com.licel.jcardsim.base.TransientMemory;
import com.licel.jcardsim.smartcardio.CardSimulator;
import javacard.framework.AID;
import javacard.framework.Applet;
import javacard.framework.JCSystem;
import javacard.security.AESKey;
import org.junit.jupiter.api.Test;

/**
 * Measures what one instance of the applet allocates, for docs/applet.md, and checks that the page
 * states these numbers.
 *
 * <p>jcardsim's {@code JCSystem.getAvailableMemory} answers a constant 32767 whatever is allocated
 * (checked below), so the measurement counts instead: transient arrays through a {@link TransientMemory}
 * that records each allocation, persistent data by walking the installed instance's object graph.
 * Object headers and the crypto engines' internal state depend on the card and are listed, not sized.
 */
class MemoryFootprintTest {

    /**
     * Bytes of CLEAR_ON_DESELECT and CLEAR_ON_RESET arrays that the applet's own code asks for, as a card
     * counts them (boolean = 1 byte). jcardsim's crypto also makes transient arrays, on every
     * {@code Cipher.init}: a simulator artefact, counted apart.
     */
    static final class CountingTransientMemory extends TransientMemory {
        int clearOnDeselectBytes;
        int clearOnResetBytes;
        int arrays;
        int simulatorArrays;

        @Override
        protected void storeArray(Object array, byte event) {
            super.storeArray(array, event);
            if (!requestedByTheApplet()) {
                simulatorArrays++;
                return;
            }
            int bytes = array instanceof short[] shorts ? 2 * shorts.length : java.lang.reflect.Array.getLength(array);
            if (event == JCSystem.CLEAR_ON_DESELECT) {
                clearOnDeselectBytes += bytes;
            } else {
                clearOnResetBytes += bytes;
            }
            arrays++;
        }

        /** Whether the frame that called JCSystem.makeTransient*Array is the applet's code. */
        private static boolean requestedByTheApplet() {
            StackTraceElement[] stack = new Throwable().getStackTrace();
            for (int i = 0; i < stack.length - 1; i++) {
                if (stack[i].getClassName().equals(JCSystem.class.getName())) {
                    return stack[i + 1].getClassName().startsWith("org.cardsync.applet.");
                }
            }
            return false;
        }
    }

    /** A runtime that lets the test reach an installed applet instance. */
    static final class InspectableRuntime extends SimulatorRuntime {
        InspectableRuntime(TransientMemory memory) {
            super(memory);
        }

        Applet instance(AID aid) {
            return getApplet(aid);
        }
    }

    /** Persistent bytes of one instance, by kind. */
    record Footprint(int fieldBytes, int arrayBytes, int arrays, int keyBytes, int keys, int objects,
                     int cryptoEngines) {
        int dataBytes() {
            return fieldBytes + arrayBytes + keyBytes;
        }
    }

    @Test
    void oneInstance_allocatesTheTransientAndPersistentMemoryThatDocsAppletMdStates() throws Exception {
        CountingTransientMemory memory = new CountingTransientMemory();
        InspectableRuntime runtime = new InspectableRuntime(memory);
        CardSimulator simulator = new CardSimulator(runtime);
        short persistentBefore = JCSystem.getAvailableMemory(JCSystem.MEMORY_TYPE_PERSISTENT);

        AID aid = install(simulator, IssuedCard.AID);
        int deselectPerInstance = memory.clearOnDeselectBytes;
        Footprint footprint = persistentFootprint(runtime.instance(aid), memory);

        // jcardsim cannot measure: its answer does not move.
        assertThat(JCSystem.getAvailableMemory(JCSystem.MEMORY_TYPE_PERSISTENT)).isEqualTo(persistentBefore)
                .isEqualTo((short) 32767);
        // A second instance allocates exactly as much again, and nothing is shared.
        install(simulator, IssuedCard.SECOND_AID);
        assertThat(memory.clearOnDeselectBytes).isEqualTo(2 * deselectPerInstance);
        assertThat(memory.clearOnResetBytes).isZero();

        assertThat(deselectPerInstance).isEqualTo(197);
        assertThat(memory.arrays).isEqualTo(2 * 11);
        assertThat(footprint).isEqualTo(new Footprint(5, 1364, 10, 32, 2, 13, 2));
        assertThat(footprint.dataBytes()).isEqualTo(1401);

        String page = Files.readString(Path.of(System.getProperty("cardsync.appletDoc")));
        assertThat(page)
                .contains("| transient (CLEAR_ON_DESELECT) | 197 bytes in 11 arrays |")
                .contains("| persistent arrays | 1364 bytes in 10 arrays |")
                .contains("| persistent fields | 5 bytes |")
                .contains("| key data | 32 bytes in 2 AES-128 keys |")
                .contains("| objects | 13 applet objects, 10 arrays, 2 keys, 2 crypto engines |")
                .contains("| total persistent data | 1401 bytes |");
    }

    /** The applet's part; NoAllocationAfterInstallTest checks every allocation site statically. */
    @Test
    void noCommand_makesATransientArray() {
        CountingTransientMemory memory = new CountingTransientMemory();
        CardSimulator simulator = new CardSimulator(new InspectableRuntime(memory));
        install(simulator, IssuedCard.AID);
        int arraysAfterInstall = memory.arrays;

        for (com.fasterxml.jackson.databind.JsonNode step : TestVectors.load().get("cardScenario").get("steps")) {
            simulator.transmitCommand(org.cardsync.protocol.Hex.decode(step.get("command").asText()));
        }

        assertThat(memory.arrays).isEqualTo(arraysAfterInstall);
    }

    private static AID install(CardSimulator simulator, byte[] aidBytes) {
        byte[] parameters = new byte[aidBytes.length + 1];
        parameters[0] = (byte) aidBytes.length;
        System.arraycopy(aidBytes, 0, parameters, 1, aidBytes.length);
        AID aid = new AID(aidBytes, (short) 0, (byte) aidBytes.length);
        simulator.installApplet(aid, CardsyncApplet.class, parameters, (short) 0, (byte) parameters.length);
        return aid;
    }

    /** Walks the applet's own objects (package org.cardsync.applet) and sums what they hold persistently. */
    private static Footprint persistentFootprint(Applet applet, TransientMemory memory) throws IllegalAccessException {
        Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        int[] totals = new int[7];
        walk(applet, memory, seen, totals);
        return new Footprint(totals[0], totals[1], totals[2], totals[3], totals[4], totals[5], totals[6]);
    }

    private static void walk(Object object, TransientMemory memory, Set<Object> seen, int[] totals)
            throws IllegalAccessException {
        seen.add(object);
        totals[5]++;
        for (Class<?> type = object.getClass(); type != Applet.class && type != Object.class;
                type = type.getSuperclass()) {
            for (Field field : type.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                field.setAccessible(true);
                Class<?> fieldType = field.getType();
                Object value = field.get(object);
                if (fieldType == byte.class || fieldType == boolean.class) {
                    totals[0] += 1;
                } else if (fieldType == short.class) {
                    totals[0] += 2;
                } else if (fieldType.isPrimitive()) {
                    throw new AssertionError("field " + field + " has a type a card does not have");
                } else if (value == null || seen.contains(value)) {
                    continue;
                } else if (value.getClass().getPackageName().equals("org.cardsync.applet")) {
                    walk(value, memory, seen, totals);
                } else {
                    seen.add(value);
                    if (fieldType.isArray()) {
                        if (memory.isTransient(value) == JCSystem.NOT_A_TRANSIENT_OBJECT) {
                            totals[1] += value instanceof short[] shorts ? 2 * shorts.length
                                    : java.lang.reflect.Array.getLength(value);
                            totals[2]++;
                        }
                    } else if (value instanceof AESKey key) {
                        totals[3] += key.getSize() / 8;
                        totals[4]++;
                    } else {
                        totals[6]++;
                    }
                }
            }
        }
    }
}
