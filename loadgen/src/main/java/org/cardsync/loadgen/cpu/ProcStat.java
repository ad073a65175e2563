package org.cardsync.loadgen.cpu;

/**
 * The fields of one {@code /proc/PID/stat} line that CPU accounting needs (proc(5)), in clock ticks: the
 * process's own user and system time, and that of its children it has waited for.
 */
public record ProcStat(long pid, long parentPid, long userTicks, long systemTicks, long childrenUserTicks,
                       long childrenSystemTicks) {

    /**
     * Parses a stat line. The command name (field 2) is in parentheses and may hold spaces and parentheses itself,
     * so the fields are counted from the last ')'.
     *
     * @throws IllegalArgumentException if the line is not a stat line
     */
    public static ProcStat parse(String line) {
        int open = line.indexOf('(');
        int close = line.lastIndexOf(')');
        if (open < 1 || close < open) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + line);
        }
        String[] rest = line.substring(close + 2).trim().split(" +");
        // rest[0] is field 3 (state): field n is rest[n - 3]
        if (rest.length < 15) {
            throw new IllegalArgumentException("a /proc/PID/stat line with too few fields: " + line);
        }
        try {
            return new ProcStat(Long.parseLong(line.substring(0, open).trim()), Long.parseLong(rest[1]),
                    Long.parseLong(rest[11]), Long.parseLong(rest[12]), Long.parseLong(rest[13]),
                    Long.parseLong(rest[14]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a /proc/PID/stat line: " + line, e);
        }
    }

    /** The CPU time the process has used itself, user and system. */
    public long ownTicks() {
        return userTicks + systemTicks;
    }

    /** The CPU time of its children that have exited and been waited for. */
    public long reapedChildrenTicks() {
        return childrenUserTicks + childrenSystemTicks;
    }
}
