package org.cardsync.backend.portal.ws;

import org.cardsync.backend.card.ApplicationChanged;

/**
 * Tells the owner's open portal pages that a card application changed. One JVM today
 * ({@link LocalChangeNotices}); with several backend instances this is the one place to swap in a broker that
 * crosses instances (PostgreSQL LISTEN/NOTIFY, architecture section 8).
 */
public interface ChangeNotices {
    /** Called after the change committed; must not block. */
    void publish(ApplicationChanged change);
}
