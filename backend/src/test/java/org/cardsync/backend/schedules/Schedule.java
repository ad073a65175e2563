package org.cardsync.backend.schedules;

import java.util.List;

/**
 * A random fault schedule: the steps in order. Its {@code toString} is the story a shrunk counterexample is
 * reported with; every REQUEST the card signs opens a numbered session.
 */
record Schedule(List<Step> steps) {

    Schedule {
        steps = List.copyOf(steps);
    }

    @Override
    public String toString() {
        StringBuilder story = new StringBuilder();
        int session = 0;
        for (Step step : steps) {
            if (!story.isEmpty()) {
                story.append("; ");
            }
            if (step instanceof Step.Upstream u && u.message().equals("REQUEST")) {
                story.append("session ").append(++session).append(": ");
            }
            story.append(step);
        }
        return story.toString();
    }
}
