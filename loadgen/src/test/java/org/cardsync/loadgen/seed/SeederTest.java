package org.cardsync.loadgen.seed;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Seeds 1,000 card applications (3 with long histories) on an embedded PostgreSQL migrated by the seed itself, and
 * checks what the backend relies on: the counter rules hold on every application and script, owners are customer
 * accounts, frozen applications have their open alert, the backend's own id sequences hand out no seeded id, the
 * backend's lookup of a card application by card id and AID finds the seeded ones, and a second run adds nothing.
 */
class SeederTest {
    private static EmbeddedPostgres postgres;
    private static String url;
    private static Seeder.Outcome first;

    @BeforeAll
    static void seedOnce() throws Exception {
        postgres = EmbeddedPostgres.start();
        url = postgres.getJdbcUrl("postgres", "postgres");
        first = Seeder.seed(request(1000), line -> { });
    }

    @AfterAll
    static void stop() throws Exception {
        postgres.close();
    }

    private static Seeder.Request request(long applications) {
        return new Seeder.Request(url, "postgres", "postgres", applications, 3, 20, 10, 5, 1);
    }

    @Test
    void seed_onAnEmptyDatabase_migratesItAndAddsEveryApplicationWithTheLongHistoriesAsked() throws Exception {
        assertThat(first.migrations()).isGreaterThanOrEqualTo(10);
        assertThat(first.added()).isEqualTo(1000);
        assertThat(count("select count(*) from card_application")).isEqualTo(1000);
        assertThat(count("select count(*) from (select application_id from script group by 1 having count(*) = 20) s"))
                .isEqualTo(3);
        // a tenth of the others with a short history of 5 sessions: the history tables grow with the applications
        assertThat(count("select count(*) from (select application_id from script group by 1 having count(*) = 5) s"))
                .isBetween(97L, 100L);
        assertThat(count("select count(*) from action where state = 'EXECUTED'"))
                .isEqualTo(3 * count("select count(*) from script")).isGreaterThan(3 * 20 * 3);
        assertThat(count("select count(*) from card_application where status = 'FROZEN'")).isEqualTo(1);
        assertThat(count("select count(*) from card_application where status = 'BLOCKED'")).isEqualTo(10);
    }

    @Test
    void seed_everyApplication_keepsTheCounterRules() throws Exception {
        // the confirmed CA counts the executed actions, numbered 1..CA once each (rules 4 and 6)
        assertThat(count("""
                select count(*) from card_application a where a.confirmed_ca <> (select count(distinct x.sequence_number)
                  from action x where x.application_id = a.id and x.state = 'EXECUTED')
                  or a.confirmed_ca <> (select coalesce(max(x.sequence_number), 0) from action x
                  where x.application_id = a.id and x.state = 'EXECUTED')""")).isZero();
        // every script settled, each where its actions took the counter, none in flight (rule 7)
        assertThat(count("select count(*) from script where status <> 'SETTLED' or settled_ca <> base_ca + action_count"))
                .isZero();
        assertThat(count("select count(*) from script s where action_count <> (select count(*) from action x"
                + " where x.script_id = s.id)")).isZero();
        // the card's next message must be fresh: its ATC above every session the server saw (rule 3)
        assertThat(count("select count(*) from card_application a where a.last_atc < (select coalesce(max(s.session_atc),"
                + " 0) from script s where s.application_id = a.id)")).isZero();
        assertThat(count("select count(*) from card_application where signed_ca is not null and status <> 'FROZEN'"
                + " and (signed_ca <> confirmed_ca or signed_chain <> confirmed_chain)")).isZero();
        assertThat(count("select count(*) from card_application where last_balance > purse_limit")).isZero();
    }

    @Test
    void seed_ownersAlertsAndAudit_areWhatTheConsoleExpects() throws Exception {
        assertThat(count("select count(*) from card c left join user_account u on u.username = c.owner"
                + " and u.role = 'customer' where u.id is null")).isZero();
        assertThat(count("select count(*) from card_application a where status = 'FROZEN' and not exists"
                + " (select 1 from alert l where l.application_id = a.id and not l.acknowledged)")).isZero();
        assertThat(count("select count(*) from card_application a where not exists (select 1 from audit_event e"
                + " where e.application_id = a.id and e.kind = 'CARD_ISSUED')")).isZero();
        assertThat(count("select count(*) from card_application where aid not in ('" + Population.AID_PURSE + "', '"
                + Population.AID_CAMPUS + "')")).isZero();
    }

    @Test
    void seed_idsItWrote_areNeverHandedOutAgainByTheBackendsSequences() throws Exception {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            // an identity insert as issuance makes it, and an audit id as Hibernate's pooled optimizer draws it
            s.execute("insert into card (card_id, owner, created_at, activation_failures) values ('00000000000000aa',"
                    + " null, now(), 0)");
            long drawn = single(s, "select nextval('audit_event_seq')");
            assertThat(drawn - 50).isGreaterThan(single(s, "select max(id) from audit_event"));
            s.execute("delete from card where card_id = '00000000000000aa'");
        }
    }

    @Test
    void seed_cardsOfThePopulation_areFoundAsTheBackendLooksThemUp() throws Exception {
        List<Long> found = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement idOf = c.prepareStatement("select a.id from card_application a"
                + " join card c on c.id = a.card_ref where c.card_id = ? and a.aid = ?")) {
            for (long k : new long[] {1, 4, 400, 800}) {
                idOf.setString(1, Population.cardId(k));
                idOf.setString(2, Population.AID_PURSE);
                try (ResultSet r = idOf.executeQuery()) {
                    while (r.next()) {
                        found.add(r.getLong(1));
                    }
                }
            }
        }
        assertThat(found).hasSize(4).doesNotHaveDuplicates();
    }

    @Test
    void seed_again_addsNothing() throws Exception {
        long rows = count("select count(*) from audit_event");
        Seeder.Outcome again = Seeder.seed(request(1000), line -> { });
        assertThat(again.added()).isZero();
        assertThat(again.existing()).isEqualTo(1000);
        assertThat(count("select count(*) from audit_event")).isEqualTo(rows);
    }

    private static Connection connect() throws SQLException {
        return DriverManager.getConnection(url, "postgres", "postgres");
    }

    private static long count(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            return single(s, sql);
        }
    }

    private static long single(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        }
    }
}
