package org.cardsync.cardsim.tearing;

import java.lang.reflect.Field;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javacard.framework.APDU;
import javacard.framework.JCSystem;
import javacard.framework.Util;

/**
 * What the instrumented applet calls instead of its persistent stores and of the Java Card library
 * methods that write or that delimit transactions ({@link AppletInstrumenter} rewrites the calls). Each
 * method keeps the library's semantics (Java Card 3.0.5 API and Runtime Environment Specification,
 * chapter 7) and adds the journal's: a possible power cut just before each persistent write, and an undo
 * record for a write made inside a transaction. Public only because the applet's classes, in another
 * package and class loader, must be able to call it; nothing else should.
 */
public final class TearingHooks {

    /** Per applet class (each TearingCard loads its own copies), its fields by name, found once. */
    private static final ClassValue<Map<String, Field>> FIELDS = new ClassValue<>() {
        @Override
        protected Map<String, Field> computeValue(Class<?> type) {
            return new ConcurrentHashMap<>();
        }
    };

    private TearingHooks() {
    }

    // --- fields and array components (section 7.1: each update atomic by itself) -------------------

    /** Before {@code PUTFIELD owner.name} on {@code target}: every field of an applet object is persistent. */
    public static void beforePutField(Object target, Class<?> owner, String name) {
        beforeFieldWrite(target, owner, name);
    }

    /** Before {@code PUTSTATIC owner.name}: class fields are persistent. */
    public static void beforePutStatic(Class<?> owner, String name) {
        beforeFieldWrite(null, owner, name);
    }

    private static void beforeFieldWrite(Object target, Class<?> owner, String name) {
        Journal journal = Journal.current();
        journal.beforePersistentWrite();
        if (journal.inTransaction()) {
            Field field = field(owner, name);
            Object old = read(field, target);
            journal.recordUndo(() -> write(field, target, old));
        }
    }

    /** {@code BASTORE}: byte[] or boolean[]. */
    public static void bastore(Object array, int index, int value) {
        if (array instanceof boolean[] booleans) {
            boolean old = booleans[index];
            if (persistentWrite(array)) {
                Journal.current().recordUndo(() -> booleans[index] = old);
            }
            booleans[index] = (value & 1) != 0;
        } else {
            byte[] bytes = (byte[]) array;
            byte old = bytes[index];
            if (persistentWrite(array)) {
                Journal.current().recordUndo(() -> bytes[index] = old);
            }
            bytes[index] = (byte) value;
        }
    }

    public static void sastore(short[] array, int index, short value) {
        short old = array[index];
        if (persistentWrite(array)) {
            Journal.current().recordUndo(() -> array[index] = old);
        }
        array[index] = value;
    }

    public static void iastore(int[] array, int index, int value) {
        int old = array[index];
        if (persistentWrite(array)) {
            Journal.current().recordUndo(() -> array[index] = old);
        }
        array[index] = value;
    }

    public static void aastore(Object[] array, int index, Object value) {
        Object old = array[index];
        if (persistentWrite(array)) {
            Journal.current().recordUndo(() -> array[index] = old);
        }
        array[index] = value;
    }

    // --- Util ---------------------------------------------------------------------------------------

    /** Util.arrayCopy: into a persistent array, one atomic update (all bytes or none), conditional in a transaction. */
    public static short arrayCopy(byte[] src, short srcOff, byte[] dest, short destOff, short length) {
        if (!fits(src, srcOff, length) || !fits(dest, destOff, length)) {
            return Util.arrayCopy(src, srcOff, dest, destOff, length);
        }
        atomicBlock(dest, destOff, length);
        return Util.arrayCopyNonAtomic(src, srcOff, dest, destOff, length);
    }

    /** Util.arrayFill (the atomic fill): as {@link #arrayCopy}. */
    public static short arrayFill(byte[] array, short offset, short length, byte value) {
        if (!fits(array, offset, length)) {
            return Util.arrayFillNonAtomic(array, offset, length, value);
        }
        atomicBlock(array, offset, length);
        return Util.arrayFillNonAtomic(array, offset, length, value);
    }

    /** Util.setShort: into a persistent array, atomic (API: "performed atomically"), conditional in a transaction. */
    public static short setShort(byte[] array, short offset, short value) {
        if (!fits(array, offset, (short) 2)) {
            return Util.setShort(array, offset, value);
        }
        atomicBlock(array, offset, (short) 2);
        return Util.setShort(array, offset, value);
    }

    /**
     * Util.arrayCopyNonAtomic: byte by byte, so power can fail part-way (API: "a partially changed
     * destination array could result"), and never undone, transaction or not (API: "does not use the
     * transaction facility ... even if a transaction is in progress"). Inside a transaction, into a
     * persistent array, it is an applet defect, reported: RE spec 7.7 makes such bytes unpredictable
     * after an abort or a tear, which no model can check.
     */
    public static short arrayCopyNonAtomic(byte[] src, short srcOff, byte[] dest, short destOff, short length) {
        if (!fits(src, srcOff, length) || !fits(dest, destOff, length) || !Journal.current().isPersistent(dest)) {
            return Util.arrayCopyNonAtomic(src, srcOff, dest, destOff, length);
        }
        refuseInTransaction("Util.arrayCopyNonAtomic");
        byte[] copy = new byte[length];
        System.arraycopy(src, srcOff, copy, 0, length);
        for (int i = 0; i < length; i++) {
            Journal.current().beforePersistentWrite();
            dest[destOff + i] = copy[i];
        }
        return (short) (destOff + length);
    }

    /** Util.arrayFillNonAtomic: as {@link #arrayCopyNonAtomic}, byte by byte, never undone, refused in a transaction. */
    public static short arrayFillNonAtomic(byte[] array, short offset, short length, byte value) {
        if (!fits(array, offset, length) || !Journal.current().isPersistent(array)) {
            return Util.arrayFillNonAtomic(array, offset, length, value);
        }
        refuseInTransaction("Util.arrayFillNonAtomic");
        for (int i = 0; i < length; i++) {
            Journal.current().beforePersistentWrite();
            array[offset + i] = value;
        }
        return (short) (offset + length);
    }

    // --- transactions (section 7.2) -----------------------------------------------------------------

    public static void beginTransaction() {
        JCSystem.beginTransaction();
        Journal.current().begin();
    }

    /** The commit writes the card's commit record: power can fail just before it, and then nothing is committed. */
    public static void commitTransaction() {
        Journal journal = Journal.current();
        if (journal.inTransaction()) {
            journal.beforePersistentWrite();
        }
        JCSystem.commitTransaction();
        journal.commit();
    }

    public static void abortTransaction() {
        JCSystem.abortTransaction();
        Journal.current().rollBack();
    }

    // --- transient memory ---------------------------------------------------------------------------

    public static boolean[] makeTransientBooleanArray(short length, byte event) {
        return registered(JCSystem.makeTransientBooleanArray(length, event));
    }

    public static byte[] makeTransientByteArray(short length, byte event) {
        return registered(JCSystem.makeTransientByteArray(length, event));
    }

    public static short[] makeTransientShortArray(short length, byte event) {
        return registered(JCSystem.makeTransientShortArray(length, event));
    }

    public static Object[] makeTransientObjectArray(short length, byte event) {
        return registered(JCSystem.makeTransientObjectArray(length, event));
    }

    /** APDU.getBuffer: the APDU buffer is a global, transient array (RE spec 6.2.2). */
    public static byte[] getBuffer(APDU apdu) {
        return registered(apdu.getBuffer());
    }

    /** APDU.getCurrentAPDUBuffer: the same APDU buffer. */
    public static byte[] getCurrentAPDUBuffer() {
        return registered(APDU.getCurrentAPDUBuffer());
    }

    // --- what the model refuses ---------------------------------------------------------------------

    /**
     * Before {@code NEW} or an array creation in applet code: refused while a command runs. Every such
     * object is persistent (RE spec 6.1), and the instrumenter skips the stores of constructors, which
     * is sound only because they all run at installation (nothing counted, no transaction open).
     */
    public static void beforeAllocation(String method) {
        Journal journal = Journal.current();
        if (journal.inCommand()) {
            journal.refuse(method + " allocates a persistent object during a command, which TearingCard "
                    + "does not model (constructor stores are not journaled)");
        }
    }


    // --- helpers ------------------------------------------------------------------------------------

    private static <T> T registered(T array) {
        Journal.current().registerTransient(array);
        return array;
    }

    /** Counts a write to a persistent array (possibly the cut); false for a transient one. */
    private static boolean persistentWrite(Object array) {
        Journal journal = Journal.current();
        if (!journal.isPersistent(array)) {
            return false;
        }
        journal.beforePersistentWrite();
        return true;
    }

    /** One atomic update of {@code length} bytes of a persistent array: one write, undone as a block. */
    private static void atomicBlock(byte[] array, short offset, short length) {
        if (!persistentWrite(array)) {
            return;
        }
        byte[] old = new byte[length];
        System.arraycopy(array, offset, old, 0, length);
        Journal.current().recordUndo(() -> System.arraycopy(old, 0, array, offset, length));
    }

    /** A non-atomic write into a persistent array inside a transaction: RE spec 7.7, an applet defect. */
    private static void refuseInTransaction(String call) {
        Journal journal = Journal.current();
        if (journal.inTransaction()) {
            journal.refuse(call + " into a persistent array inside a transaction: its contents are "
                    + "unpredictable after an abort or a tear (RE spec 7.7)");
        }
    }

    private static boolean fits(byte[] array, short offset, short length) {
        return array != null && offset >= 0 && length >= 0 && offset + length <= array.length;
    }

    private static Field field(Class<?> owner, String name) {
        return FIELDS.get(owner).computeIfAbsent(name, key -> {
            for (Class<?> type = owner; type != null; type = type.getSuperclass()) {
                try {
                    Field field = type.getDeclaredField(name);
                    field.setAccessible(true);
                    return field;
                } catch (NoSuchFieldException e) {
                    // declared in a superclass
                }
            }
            throw new IllegalStateException("no field " + name + " in " + owner.getName());
        });
    }

    private static Object read(Field field, Object target) {
        try {
            return field.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + field, e);
        }
    }

    private static void write(Field field, Object target, Object value) {
        try {
            field.set(target, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot restore " + field, e);
        }
    }
}
