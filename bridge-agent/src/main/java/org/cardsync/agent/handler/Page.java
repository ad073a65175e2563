package org.cardsync.agent.handler;

/**
 * What a handler knows of the page that sent a request: who it is and its hold on a reader.
 *
 * @param number the page's connection number, for logs and its worker's name
 * @param origin the page's origin, as its browser sent it and the allow-list admitted it
 * @param lease the page's hold on a reader
 */
public record Page(int number, String origin, PageLease lease) {

    /** A page that has just connected, holding no reader yet. */
    public static Page connected(int number, String origin, ReaderLeases leases) {
        return new Page(number, origin, new PageLease(leases, name(number, origin)));
    }

    @Override
    public String toString() {
        return name(number, origin);
    }

    private static String name(int number, String origin) {
        return "page #" + number + " (" + origin + ")";
    }
}
