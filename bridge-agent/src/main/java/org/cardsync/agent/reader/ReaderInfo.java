package org.cardsync.agent.reader;

/**
 * One reader as the agent sees it.
 *
 * @param name the PC/SC reader name (unique on this PC)
 * @param cardPresent whether a card sits in it
 * @param simulated whether it is the agent's in-process simulated reader
 */
public record ReaderInfo(String name, boolean cardPresent, boolean simulated) {
}
