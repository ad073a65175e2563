package org.cardsync.backend.testsupport;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * One application's rows backed up and restored as a database backup and restore would treat them (issue 11 part 4):
 * its card_application row, its scripts and its actions. The card is not restored: after {@link #restore} the server
 * is older than the card.
 */
public final class RestoredRows {
    private final EntityManager entities;
    private final long appId;

    private RestoredRows(EntityManager entities, long appId) {
        this.entities = entities;
        this.appId = appId;
    }

    /** Copies the application's rows as a backup holds them. */
    public static RestoredRows backup(EntityManager entities, long appId) {
        RestoredRows rows = new RestoredRows(entities, appId);
        rows.sql("create table bk_app_" + appId + " as select * from card_application where id = :app");
        rows.sql("create table bk_script_" + appId + " as select * from script where application_id = :app");
        rows.sql("create table bk_action_" + appId + " as select * from action where application_id = :app");
        return rows;
    }

    /**
     * Puts the application's rows back as the backup holds them, as a restore would: what happened since (the REQUEST
     * it admitted, the script it issued, the actions queued or cancelled) is gone from the server, not from the card.
     */
    public void restore() {
        String app = "bk_app_" + appId;
        String scripts = "bk_script_" + appId;
        String actions = "bk_action_" + appId;
        String appColumns = "status, confirmed_ca, confirmed_chain, last_atc, frozen_reason, last_balance,"
                + " balance_seen_at, block_action_id, last_message_at, signed_ca, signed_atc, signed_chain, version";
        String actionColumns = "state, position, sequence_number, script_id, attempts, merit_failures, reason,"
                + " cancel_requested, updated_at";
        QuarkusTransaction.requiringNew().run(() -> {
            exec("update card_application a set (" + appColumns + ") = (select " + appColumns + " from " + app
                    + " b where b.id = a.id) where a.id = :app");
            exec("delete from action where application_id = :app and id not in (select id from " + actions + ")");
            exec("update action a set (" + actionColumns + ") = (select " + actionColumns + " from " + actions
                    + " b where b.id = a.id) where a.application_id = :app");
            exec("delete from script where application_id = :app and id not in (select id from " + scripts + ")");
            exec("update script s set (status, settled_at, settled_ca) = (select status, settled_at, settled_ca from "
                    + scripts + " b where b.id = s.id) where s.application_id = :app");
            for (String table : List.of(app, scripts, actions)) {
                entities.createNativeQuery("drop table " + table).executeUpdate();
            }
        });
    }

    private void sql(String statement) {
        QuarkusTransaction.requiringNew().run(() -> exec(statement));
    }

    private void exec(String statement) {
        var query = entities.createNativeQuery(statement);
        if (statement.contains(":app")) {
            query.setParameter("app", appId);
        }
        query.executeUpdate();
    }
}
