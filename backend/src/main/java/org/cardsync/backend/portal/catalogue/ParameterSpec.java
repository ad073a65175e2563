package org.cardsync.backend.portal.catalogue;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.cardsync.protocol.ActionPayload.WriteParameter;
import org.cardsync.protocol.Hex;

/**
 * What one parameter slot means and how its value is written on the card. {@link #encode} turns a customer's
 * value into the slot's bytes or says why it cannot; {@link #decode} turns the slot's bytes back into the value
 * the portal shows (null when the bytes are none the catalogue knows).
 *
 * @param length AMOUNT: the big-endian width in bytes (1-4)
 * @param min AMOUNT: the least value, minor units
 * @param max AMOUNT: the greatest value, minor units
 * @param maxLength TEXT: the most characters (printable ASCII, one byte each)
 * @param choices CHOICE: the options, in the order the portal lists them
 */
public record ParameterSpec(@Min(0) @Max(WriteParameter.MAX_SLOT) int slot, @NotBlank String name,
                            @NotBlank String description, @NotNull Type type, boolean customerMayChange,
                            @Min(1) @Max(4) Integer length, @Min(0) Long min, @Min(0) Long max,
                            @Min(1) @Max(WriteParameter.MAX_VALUE_LENGTH) Integer maxLength,
                            List<@Valid @NotNull Choice> choices) {

    public enum Type {
        /** An amount in the application's minor units, written big-endian on {@code length} bytes. */
        AMOUNT,
        /** One of {@code choices}, written as that choice's bytes. */
        CHOICE,
        /** Printable ASCII text of at most {@code maxLength} characters. */
        TEXT
    }

    /** One option of a CHOICE: its key (the value the API carries), its label, its bytes on the card. */
    public record Choice(@NotBlank @Pattern(regexp = "[A-Za-z0-9_-]{1,32}") String key, @NotBlank String label,
                         @NotNull @Pattern(regexp = "([0-9a-f]{2}){1," + WriteParameter.MAX_VALUE_LENGTH + "}")
                         String bytes) {
    }

    public ParameterSpec {
        choices = choices == null ? null : List.copyOf(choices);
    }

    @AssertTrue(message = "a parameter needs the fields of its type: AMOUNT length, min <= max and max fitting in "
            + "length bytes; CHOICE choices; TEXT maxLength")
    boolean isComplete() {
        return switch (type) {
            case AMOUNT -> length != null && min != null && max != null && min <= max
                    && BigInteger.valueOf(max).bitLength() <= 8 * length;
            case CHOICE -> choices != null && !choices.isEmpty();
            case TEXT -> maxLength != null;
        };
    }

    /** The slot's bytes for a value given as the API carries it (Parameter.value), or why it is not allowed. */
    public byte[] encode(String value) throws InvalidValue {
        if (value == null) {
            throw new InvalidValue("a value is required");
        }
        return switch (type) {
            case AMOUNT -> {
                if (!value.matches("[0-9]{1,10}")) {
                    throw new InvalidValue("an amount is a whole number of minor units");
                }
                long amount = Long.parseLong(value);
                if (amount < min || amount > max) {
                    throw new InvalidValue("must be between " + min + " and " + max + " (minor units)");
                }
                byte[] out = new byte[length];
                for (int i = 0; i < length; i++) {
                    out[length - 1 - i] = (byte) (amount >>> (8 * i));
                }
                yield out;
            }
            case CHOICE -> Hex.decode(choices.stream().filter(c -> c.key().equals(value)).findFirst()
                    .orElseThrow(() -> new InvalidValue("must be one of " + choices.stream().map(Choice::key).toList()))
                    .bytes());
            case TEXT -> {
                if (value.length() > maxLength) {
                    throw new InvalidValue("must be at most " + maxLength + " characters");
                }
                if (!value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
                    throw new InvalidValue("may hold only letters, digits, spaces and ASCII punctuation");
                }
                yield value.getBytes(StandardCharsets.US_ASCII);
            }
        };
    }

    /** The value the portal shows for the slot's bytes; empty if the bytes are not a value of this type. */
    public Optional<String> decode(byte[] bytes) {
        return switch (type) {
            case AMOUNT -> bytes.length == length
                    ? Optional.of(new BigInteger(1, bytes).toString()) : Optional.empty();
            case CHOICE -> choices.stream().filter(c -> Arrays.equals(Hex.decode(c.bytes()), bytes)).findFirst()
                    .map(Choice::key);
            case TEXT -> new String(bytes, StandardCharsets.US_ASCII).chars().allMatch(c -> c >= 0x20 && c <= 0x7e)
                    ? Optional.of(new String(bytes, StandardCharsets.US_ASCII)) : Optional.empty();
        };
    }

    /** A value the catalogue does not allow for this slot; the message says why, in the customer's terms. */
    public static final class InvalidValue extends Exception {
        public InvalidValue(String message) {
            super(message);
        }
    }
}
