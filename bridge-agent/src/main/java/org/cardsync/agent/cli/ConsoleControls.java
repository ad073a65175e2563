package org.cardsync.agent.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Lets the person at the terminal pull the simulated card out and put it back by typing "remove" and
 * "insert", so that a demo can cut a script short. Reads only when stdin is a terminal.
 */
final class ConsoleControls {

    interface Card {
        void insert() throws IOException;

        void remove() throws IOException;

        String status();
    }

    private ConsoleControls() {
    }

    static void startIfInteractive(Card card, PrintWriter out) {
        if (System.console() == null) {
            return;
        }
        out.println("Type 'remove' or 'insert' to move the simulated card, 'status' to see it.");
        out.flush();
        Thread t = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    switch (line.trim().toLowerCase()) {
                        case "remove" -> card.remove();
                        case "insert" -> card.insert();
                        case "status", "" -> { }
                        default -> out.println("commands: remove, insert, status");
                    }
                    out.println(card.status());
                    out.flush();
                }
            } catch (IOException e) {
                out.println("console: " + e.getMessage());
                out.flush();
            }
        }, "cardsync-console");
        t.setDaemon(true);
        t.start();
    }
}
