package org.cardsync.backend.audit;

/** What an audit event records. */
public enum AuditKind {
    MESSAGE_ACCEPTED,
    MESSAGE_REJECTED,
    SETTLED,
    COUNTER_ANOMALY,
    SCRIPT_ISSUED,
    ACTION_QUEUED,
    ACTION_EXECUTED,
    ACTION_REQUEUED,
    ACTION_FAILED,
    ACTION_CANCELLED,
    ACTION_CANCEL_REQUESTED,
    ACTION_RETRIED,
    APPLICATION_FROZEN,
    APPLICATION_UNFROZEN,
    APPLICATION_STATE_CHANGED,
    PURCHASE_RECORDED,
    CARD_AUTHENTICATED,
    CARD_ISSUED,
    /** A customer reported the card lost or stolen and asked for its BLOCK. */
    BLOCK_REQUESTED,
    /** A customer's top-up payment was completed (paid or declined). */
    PAYMENT_COMPLETED,
    /** An unowned card was linked to the customer who proved it and its activation code. */
    CARD_LINKED,
    /** A valid card proof came with a wrong activation code (counted towards the attempt limit). */
    CARD_LINK_REFUSED,
    /** The helpdesk set a frozen application's confirmed CA to the CA its card last signed, and lifted the freeze. */
    APPLICATION_RESYNCED,
    /** A staff member acknowledged (closed) an alert. */
    ALERT_ACKNOWLEDGED,
    /** An admin created a staff account. */
    USER_CREATED,
    /** An admin disabled a staff account: its sessions ended, its sign-in is refused. */
    USER_DISABLED,
    /** An admin enabled a disabled staff account again. */
    USER_ENABLED,
    /** An admin set a staff account's password: its sessions ended. */
    PASSWORD_RESET
}
