package org.cardsync.backend.flow;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.cardsync.backend.testsupport.TestTerminal;
import org.junit.jupiter.api.Test;

/**
 * Rule 7 on real PostgreSQL: many valid REQUESTs for one card application arrive at once (a terminal racing
 * itself, or several backend instances), while the helpdesk queues more actions. The row lock must make them
 * one-at-a-time: never two scripts in flight, never an action in two places, never an action lost.
 */
@QuarkusTest
class ConcurrentSessionsTest {
    private static final int REQUESTS = 12;
    private static final int QUEUED_DURING = 6;

    @Test
    void concurrentRequestsAndOperatorActs_issueOneScriptAtATimeAndLoseNothing() throws Exception {
        TestTerminal t = TestTerminal.issue("bob");
        for (int i = 1; i <= 6; i++) {
            t.credit(i);
        }
        List<String> requests = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            requests.add(t.cardRequest()); // ATC 1..12, each signed by the real applet
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> answers = new ArrayList<>();
        for (String r : requests) {
            answers.add(pool.submit(call(start, () -> TestTerminal.post("request", r).statusCode())));
        }
        List<Future<Integer>> acts = new ArrayList<>();
        for (int i = 0; i < QUEUED_DURING; i++) {
            acts.add(pool.submit(call(start, () -> {
                t.credit(100);
                return 201;
            })));
        }
        start.countDown();
        pool.shutdown();
        assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
        for (Future<Integer> f : acts) {
            assertThat(f.get()).as("every helpdesk act was answered 201").isEqualTo(201); // throws what went wrong
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> f : answers) {
            statuses.add(f.get());
        }
        // each REQUEST is either accepted or refused as stale (a newer one got the lock first); nothing else
        assertThat(statuses).containsOnly(200, 409).contains(200);

        JsonPath d = t.detail();
        List<Map<String, Object>> inFlight = d.getList("inFlight.actions");
        List<Map<String, Object>> pending = d.getList("pending");
        List<Map<String, Object>> history = d.getList("recent");
        assertThat(history).as("nothing ran, nothing was cancelled").isEmpty();
        assertThat(inFlight.size() + pending.size()).as("no action lost or duplicated; every action: %s",
                t.actionStates()).isEqualTo(6 + QUEUED_DURING);
        assertThat(inFlight.stream().map(a -> ((Number) a.get("sequence")).longValue()).toList())
                .as("the one script in flight starts at CA + 1").isEqualTo(
                        java.util.stream.LongStream.rangeClosed(1, inFlight.size()).boxed().toList());
        List<String> accepted = t.auditKinds().stream().filter("MESSAGE_ACCEPTED"::equals).toList();
        assertThat(accepted).hasSize((int) statuses.stream().filter(s -> s == 200).count());
        long issued = t.auditKinds().stream().filter("SCRIPT_ISSUED"::equals).count();
        long settled = t.auditKinds().stream().filter("SETTLED"::equals).count();
        assertThat(issued).as("every script but the last was settled by the next accepted REQUEST").isEqualTo(settled + 1);

        // the card's current session is the last REQUEST's: settle everything and compare with the card
        t.cleanSession();
        for (int i = 0; i < 5 && t.cleanSession() > 0; i++) {
            // drain
        }
        assertThat(t.state().ca()).isEqualTo(6 + QUEUED_DURING);
        assertThat(t.state().balance()).isEqualTo(1000 + 21 + 100L * QUEUED_DURING);
        assertThat(t.detail().getLong("confirmedCa")).isEqualTo(t.state().ca());
    }

    private static Callable<Integer> call(CountDownLatch start, Callable<Integer> body) {
        return () -> {
            start.await();
            return body.call();
        };
    }
}
