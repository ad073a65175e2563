package org.cardsync.loadgen.seed;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows of one table streamed to PostgreSQL by {@code COPY ... FROM STDIN} (text format), in chunks of about a
 * megabyte: no row is ever a statement of its own. Values are written as they are: the seed's values hold no tab,
 * newline or backslash, which {@link #text} checks.
 */
final class CopyRows implements AutoCloseable {
    private static final int CHUNK = 1 << 20;

    private final CopyIn copy;
    private final StringBuilder row = new StringBuilder(CHUNK + 4096);
    private boolean first = true;
    private long rows;
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedTimestamp;

    private CopyRows(CopyIn copy) {
        this.copy = copy;
    }

    /** Starts {@code COPY table (columns) FROM STDIN} on the connection (in its transaction). */
    static CopyRows into(Connection c, String table, String columns) throws SQLException {
        return new CopyRows(c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("copy " + table + " (" + columns + ") from stdin"));
    }

    CopyRows number(long value) {
        separate();
        row.append(value);
        return this;
    }

    CopyRows text(String value) {
        separate();
        if (value == null) {
            row.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char ch = value.charAt(i);
            if (ch == '\t' || ch == '\n' || ch == '\r' || ch == '\\') {
                throw new IllegalArgumentException("a seeded value holds a COPY control character: " + value);
            }
        }
        row.append(value);
        return this;
    }

    CopyRows nothing() {
        return text(null);
    }

    CopyRows bool(boolean value) {
        separate();
        row.append(value ? 't' : 'f');
        return this;
    }

    /** A bytea, in PostgreSQL's hex form (its backslash escaped for the text format). */
    CopyRows bytes(byte[] value) {
        separate();
        row.append("\\\\x");
        for (byte b : value) {
            row.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return this;
    }

    /** A timestamp with time zone, to the second (formatted once per distinct second: most rows share a few). */
    CopyRows time(Instant at) {
        separate();
        long second = at.getEpochSecond();
        if (second != cachedSecond) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC);
            cachedTimestamp = t.toLocalDate() + " " + t.toLocalTime() + (t.getSecond() == 0 ? ":00" : "") + "+00";
            cachedSecond = second;
        }
        row.append(cachedTimestamp);
        return this;
    }

    /** Ends the row; sends the chunk once it is about a megabyte. */
    void end() throws SQLException {
        row.append('\n');
        first = true;
        rows++;
        if (row.length() >= CHUNK) {
            flush();
        }
    }

    private void separate() {
        if (!first) {
            row.append('\t');
        }
        first = false;
    }

    private void flush() throws SQLException {
        byte[] bytes = row.toString().getBytes(StandardCharsets.UTF_8);
        copy.writeToCopy(bytes, 0, bytes.length);
        row.setLength(0);
    }

    long rows() {
        return rows;
    }

    /** Sends what is left and ends the COPY; the number of rows PostgreSQL took. */
    long finish() throws SQLException {
        flush();
        return copy.endCopy();
    }

    /** Cancels the COPY if {@link #finish} was not reached (an error on the way: the transaction rolls back). */
    @Override
    public void close() throws SQLException {
        if (copy.isActive()) {
            copy.cancelCopy();
        }
    }
}
