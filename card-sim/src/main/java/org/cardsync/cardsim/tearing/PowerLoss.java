package org.cardsync.cardsim.tearing;

/**
 * Thrown into the applet where the power fails, to stop it there. An {@link Error}, so that an applet's
 * {@code catch (Exception e)} (or any narrower catch) cannot swallow it; jcardsim catches it at the top
 * of its command loop and answers a status word that {@link TearingCard} never passes on, since a card
 * without power answers nothing.
 */
final class PowerLoss extends Error {

    private static final long serialVersionUID = 1L;

    PowerLoss() {
        super("power lost", null, false, false);
    }
}
