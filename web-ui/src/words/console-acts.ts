/**
 * The application screen's sentences: the acts and their dialogs, the queue form's checks, alert and audit
 * kinds. (Refusals become sentences in console-errors.ts.)
 */
import type { ActionView, AlertView, ApplicationDetail } from '../console-types';
import { actionStateWords, actionWords, humanised, statusWords } from './console';

export type ActKind = 'queue' | 'cancel' | 'retry' | 'unfreeze' | 'resync' | 'acknowledge';

export interface ActDialogWords {
  title: string;
  /** What the act does, as the agent should know it before confirming. */
  explain: string[];
  confirm: string;
}

/** The dialog of an act: what it does and the button that does it. */
export function actDialogWords(act: ActKind, app: ApplicationDetail, subject: { action?: ActionView;
  alert?: AlertView; queued?: string }): ActDialogWords {
  const action = subject.action;
  const what = action ? actionWords(action, app.currency) : '';
  switch (act) {
    case 'queue':
      return { title: `Queue: ${subject.queued ?? ''}`, confirm: 'Queue it', explain: [
        'The action waits in the pending list and goes to the card at its next synchronisation.'] };
    case 'cancel':
      return action?.state === 'IN_FLIGHT' ? { title: `Cancel: ${what}`, confirm: 'Cancel the action', explain: [
        'This action was sent to the card in the script now in flight, so it may have run already.',
        'The cancel is settled when the card next reports: if the card proves it has not run, it is cancelled; '
          + 'if the card ran it, it stays executed. This page then shows which.'] }
        : { title: `Cancel: ${what}`, confirm: 'Cancel the action', explain: [
          'It has not been sent to the card, so it will never reach it.'] };
    case 'retry':
      return { title: `Retry: ${what}`, confirm: 'Queue it again', explain: [
        'The failed action is queued again and goes to the card at its next synchronisation.',
        'If it failed with its outcome unknown, check the card first: it may have run already.'] };
    case 'unfreeze':
      return { title: 'Unfreeze the application', confirm: 'Unfreeze', explain: [
        'Scripts are issued to the card again. The counters stay as they are: if the anomaly that froze it '
          + 'lasts, the next message from the card freezes it again.',
        'To adopt the counter the card last signed, resync instead.'] };
    case 'resync':
      return { title: 'Resync the counters to the card', confirm: 'Resync', explain: resyncExplanation(app) };
    case 'acknowledge':
      return { title: `Acknowledge: ${subject.alert ? alertKindWords(subject.alert.kind) : 'alert'}`,
        confirm: 'Acknowledge', explain: [
          'The alert is closed. If the same happens again, a new alert opens.'] };
  }
}

function resyncExplanation(app: ApplicationDetail): string[] {
  const signed = app.frozen?.signedCa;
  return [
    signed === null || signed === undefined
      ? `The confirmed CA (now ${app.confirmedCa}) becomes the CA the card last signed.`
      : `The confirmed CA becomes ${signed}, the CA the card last signed (it is ${app.confirmedCa} now).`,
    'The script in flight ends: its actions become failed with their outcome unknown, and are not sent again by '
      + 'themselves, because the card may have run them. Check the card before retrying them.',
    'Waiting actions stay, and are sent from the new CA, unless the card ran actions the server has no record of '
      + '(its counter is ahead of the records, or its report does not match them, as after a restored database): '
      + 'then the actions waiting since before the freeze become failed, so that none runs twice; a block the '
      + 'customer asked for is still sent. The application becomes active.',
    'Only possible when the card has signed a message since it was frozen.',
  ];
}

/** What the act did (act-result). */
export function actResultWords(act: ActKind, app: ApplicationDetail | null, detail = ''): string {
  switch (act) {
    case 'queue':
      return `Queued: ${detail}.`;
    case 'cancel':
      return detail === 'pending' ? 'Cancel requested: it is settled when the card next reports.'
        : 'The action is cancelled.';
    case 'retry':
      return 'The action is queued again.';
    case 'unfreeze':
      return 'The application is unfrozen.';
    case 'resync':
      return app ? `Resynced: the confirmed CA is now ${app.confirmedCa}.` : 'Resynced.';
    case 'acknowledge':
      return 'The alert is acknowledged.';
  }
}

export const actWords = {
  comment: 'Comment (optional, kept in the audit with your name)',
  commentTooLong: (max: number) => `Keep the comment to at most ${max} characters.`,
  back: 'Back',
  working: 'Working\u2026',
  cancel: 'Cancel\u2026',
  retry: 'Retry\u2026',
  unfreeze: 'Unfreeze\u2026',
  resync: 'Resync\u2026',
  acknowledge: 'Acknowledge\u2026',
} as const;

/** The longest comment the API takes. */
export const MAX_COMMENT = 400;

const ALERT_KIND: Readonly<Record<string, string>> = {
  MAC_FAILURE: 'A message\u2019s MAC did not verify (tampering or a wrong key)',
  STALE_ATC: 'A message\u2019s ATC was not fresh (a replay or a delayed message)',
  COUNTER_ANOMALY: 'The card signed an impossible counter: the application was frozen',
  RETRIES_SPENT: 'The card refused an action until its retries were spent',
  COUNTER_SATURATED: 'The action counter is at its maximum: waiting actions can never run',
  MESSAGE_WHILE_FROZEN: 'A message arrived while the application was frozen',
  RATE_LIMITED: 'Too many requests named this application at once: some were refused',
  REPORT_MISMATCH: 'The card\u2019s signed report does not match the script the server sent: the server\u2019s records'
    + ' may be older than the card (for example a database restored from a backup). The application was frozen and'
    + ' nothing was recorded as done',
  REJECTED_MESSAGE: 'A message naming this application was refused unread (malformed, of the wrong type or of an'
    + ' unsupported version)',
};

export function alertKindWords(kind: string): string {
  return ALERT_KIND[kind] ?? humanised(kind);
}

const AUDIT_KIND: Readonly<Record<string, string>> = {
  MESSAGE_ACCEPTED: 'Message from the card accepted',
  MESSAGE_REJECTED: 'Message from the card refused',
  SETTLED: 'Counters settled',
  COUNTER_ANOMALY: 'Counter anomaly',
  SCRIPT_ISSUED: 'Script sent to the card',
  ACTION_QUEUED: 'Action queued',
  ACTION_EXECUTED: 'Action done on the card',
  ACTION_REQUEUED: 'Action queued again to be resent',
  ACTION_FAILED: 'Action failed',
  ACTION_CANCELLED: 'Action cancelled',
  ACTION_CANCEL_REQUESTED: 'Cancel requested',
  ACTION_RETRIED: 'Action retried',
  APPLICATION_FROZEN: 'Application frozen',
  APPLICATION_UNFROZEN: 'Application unfrozen',
  APPLICATION_RESYNCED: 'Counters resynced to the card',
  APPLICATION_STATE_CHANGED: 'Application state changed',
  PURCHASE_RECORDED: 'Purchase recorded',
  CARD_AUTHENTICATED: 'Card authenticated',
  CARD_ISSUED: 'Card issued',
  BLOCK_REQUESTED: 'Customer asked for a block',
  PAYMENT_COMPLETED: 'Top-up payment completed',
  CARD_LINKED: 'Card linked to its customer',
  CARD_LINK_REFUSED: 'Card link refused',
  ALERT_ACKNOWLEDGED: 'Alert acknowledged',
};

export function auditKindWords(kind: string): string {
  return AUDIT_KIND[kind] ?? humanised(kind);
}

export function findAction(app: ApplicationDetail, id: number): ActionView | undefined {
  return [...app.pending, ...(app.inFlight?.actions ?? []), ...app.recent].find((a) => a.id === id);
}

/** What an open act dialog is about, so that a live change can refresh its words or say it no longer applies. */
export interface Asking {
  act: ActKind;
  actionId?: number;
  alertId?: number;
  queued?: string;
}

/**
 * The words of an open act dialog after a live change: fresh words for the same act, or (words null) `gone`, a
 * sentence that the act no longer applies (the action settled or was cancelled, the application is no longer
 * frozen, the alert was acknowledged by someone else).
 */
export function liveDialogWords(asking: Asking, app: ApplicationDetail): { words: ActDialogWords | null; gone: string } {
  const again = ' Go back to see the application as it is now.';
  if (asking.actionId !== undefined) {
    const action = findAction(app, asking.actionId);
    const cancel = asking.act === 'cancel';
    const applies = action && (cancel ? (action.state === 'QUEUED' || action.state === 'IN_FLIGHT')
      && !action.cancelRequested : action.state === 'FAILED');
    if (applies) {
      return { words: actDialogWords(asking.act, app, { action }), gone: '' };
    }
    const now = action ? ` (now: ${actionStateWords(action.state).toLowerCase()}${
      action.cancelRequested && cancel ? ', cancel already requested' : ''})` : '';
    return { words: null,
      gone: `This action has meanwhile changed${now}: there is nothing to ${cancel ? 'cancel' : 'retry'} any more.${again}` };
  }
  if (asking.act === 'unfreeze' || asking.act === 'resync') {
    return app.status === 'FROZEN' ? { words: actDialogWords(asking.act, app, {}), gone: '' }
      : { words: null, gone: `The application is no longer frozen (now: ${statusWords(app.status).toLowerCase()}).${again}` };
  }
  if (asking.act === 'acknowledge') {
    const alert = app.alerts.find((a) => a.id === asking.alertId);
    return alert ? { words: actDialogWords('acknowledge', app, { alert }), gone: '' }
      : { words: null, gone: `This alert is no longer open: someone has acknowledged it meanwhile.${again}` };
  }
  return { words: actDialogWords('queue', app, { queued: asking.queued }), gone: '' };
}
