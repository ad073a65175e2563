package org.cardsync.cardsim.tearing;

/**
 * Thrown into the applet where it does something {@link TearingCard} cannot model faithfully (see
 * {@link Journal#refuse}), to stop it there. An {@link Error}, like {@link PowerLoss}, so that no
 * {@code catch (Exception e)} of the applet swallows it; the card reports it in any case, since the
 * journal recorded it before throwing.
 */
final class AppletDefect extends Error {

    private static final long serialVersionUID = 1L;

    AppletDefect(String what) {
        super(what, null, false, false);
    }
}
