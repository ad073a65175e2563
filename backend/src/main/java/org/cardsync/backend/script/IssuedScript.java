package org.cardsync.backend.script;

import java.util.List;
import java.util.Optional;
import org.cardsync.backend.action.Action;

/**
 * What {@link ScriptIssuer} issued for one REQUEST.
 *
 * @param script the new script, empty when nothing could be issued
 * @param sessionAtc the ATC of the REQUEST the script is bound to
 * @param baseCa the confirmed CA the script starts from: its actions get s = baseCa + 1, baseCa + 2, …
 * @param commands the EXECUTE APDUs, in order
 * @param morePending more actions wait beyond this script: the terminal should run another session
 * @param saturation a counter at its maximum kept pending actions from ever running (rule 9)
 */
public record IssuedScript(Optional<Script> script, long sessionAtc, long baseCa, List<Command> commands,
                           boolean morePending, Optional<Saturation> saturation) {

    public IssuedScript {
        commands = List.copyOf(commands);
    }

    static IssuedScript none(long sessionAtc, long baseCa, Optional<Saturation> saturation) {
        return new IssuedScript(Optional.empty(), sessionAtc, baseCa, List.of(), false, saturation);
    }

    /** One action as the EXECUTE APDU that carries it, hex. */
    public record Command(Action action, String apdu) {
    }

    /** Which counter is at its maximum, and how many pending actions it strands. */
    public record Saturation(Counter counter, int pendingActions) {
    }

    public enum Counter {
        /** The REQUEST took the card's last ATC: no ACK or INFO could ever report a script. */
        ATC,
        /** The card can execute nothing more. */
        CA
    }
}
