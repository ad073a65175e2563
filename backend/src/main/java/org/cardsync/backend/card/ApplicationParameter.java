package org.cardsync.backend.card;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.util.List;

/**
 * A parameter value a card application was personalised with. The slot's current value is this, then the
 * EXECUTED WRITE_PARAMETERs for the slot in sequence order (the card's own value is not readable by the server).
 */
@Entity
@Table(name = "application_parameter")
@IdClass(ApplicationParameter.Key.class)
public class ApplicationParameter extends PanacheEntityBase {
    @Id
    @Column(name = "application_id")
    public long applicationId;

    @Id
    public int slot;

    /** The personalised bytes, hex. */
    @Column(nullable = false, length = 64)
    public String value;

    public static void record(long applicationId, int slot, String valueHex) {
        ApplicationParameter p = new ApplicationParameter();
        p.applicationId = applicationId;
        p.slot = slot;
        p.value = valueHex.toLowerCase();
        p.persist();
    }

    public static List<ApplicationParameter> ofApplication(long applicationId) {
        return list("applicationId", applicationId);
    }

    /** The composite key (application, slot). */
    public static class Key implements Serializable {
        public long applicationId;
        public int slot;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.applicationId == applicationId && k.slot == slot;
        }

        @Override
        public int hashCode() {
            return Long.hashCode(applicationId) * 31 + slot;
        }
    }
}
