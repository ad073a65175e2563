/**
 * The queue form read into an ActionRequest, checked as the API checks it (backend ActionRequest and
 * protocol.md 6.1), so that the agent hears what is wrong before anything is sent. An amount is typed in
 * major units of the application's currency and sent in minor units.
 */
import type { ActionRequest } from './console-types';
import { currencyOf, minorUnitsOf, moneyWords } from './words/console';
import { parseAmount } from './words/format';

/** The action types the API queues (LOAD_APPLICATION becomes its blocks and an activation). */
export const QUEUE_TYPES = ['CREDIT', 'WRITE_PARAMETER', 'LOAD_APPLICATION', 'BLOCK', 'UNBLOCK',
  'RESET_PIN_TRIES'] as const;
export type QueueType = (typeof QUEUE_TYPES)[number];

/** The card's limits (protocol.md 6.1, Personalisation): what the API refuses beyond them. */
export const LIMITS = {
  maxAmount: 0xFFFFFFFF,
  maxSlot: 7,
  maxValueBytes: 32,
  maxAppId: 0xFFFF,
  maxRecordBytes: 256,
} as const;

export interface QueueFields {
  type: QueueType;
  amount: string;
  slot: string;
  value: string;
  appId: string;
  record: string;
}

export type QueueField = Exclude<keyof QueueFields, 'type'>;

export type QueueCheck =
  | { ok: true; request: ActionRequest }
  | { ok: false; problems: Partial<Record<QueueField, string>> };

const WHOLE = /^\d{1,10}$/;

function hexProblem(text: string, min: number, max: number): string | null {
  if (!/^[0-9a-fA-F]*$/.test(text)) {
    return 'Use hexadecimal digits only (0 to 9, a to f).';
  }
  if (text.length % 2 !== 0) {
    return 'Give whole bytes: an even number of hexadecimal digits.';
  }
  const bytes = text.length / 2;
  if (bytes < min || bytes > max) {
    return min === 0 ? `At most ${max} bytes (${2 * max} hexadecimal digits).`
      : `From ${min} to ${max} bytes (${2 * min} to ${2 * max} hexadecimal digits).`;
  }
  return null;
}

function wholeIn(text: string, max: number): number | null {
  const trimmed = text.trim();
  if (!WHOLE.test(trimmed)) {
    return null;
  }
  const value = Number(trimmed);
  return value <= max ? value : null;
}

/** The request the form describes, or a sentence for each field that the API would refuse. */
export function checkQueueForm(fields: QueueFields, currency: string): QueueCheck {
  const problems: Partial<Record<QueueField, string>> = {};
  const request: ActionRequest = { type: fields.type };
  switch (fields.type) {
    case 'CREDIT': {
      const parsed = parseAmount(fields.amount, currencyOf(currency));
      const units = minorUnitsOf(currency);
      if (!parsed.ok) {
        problems.amount = parsed.problem === 'too-precise'
          ? (units === 0 ? 'Enter a whole amount, without decimals.'
            : `Use at most ${units} ${units === 1 ? 'digit' : 'digits'} after the decimal point.`)
          : parsed.problem === 'not-positive' ? 'Enter an amount greater than zero.'
            : 'Enter an amount in the card\u2019s currency, such as 20 or 20.00.';
      } else if (parsed.minor > LIMITS.maxAmount) {
        problems.amount = `The card takes at most ${moneyWords(LIMITS.maxAmount, currency)} in one credit.`;
      } else {
        request.amount = parsed.minor;
      }
      break;
    }
    case 'WRITE_PARAMETER': {
      const slot = wholeIn(fields.slot, LIMITS.maxSlot);
      if (slot === null) {
        problems.slot = `Enter a slot from 0 to ${LIMITS.maxSlot}.`;
      } else {
        request.slot = slot;
      }
      const value = fields.value.trim();
      const problem = hexProblem(value, 0, LIMITS.maxValueBytes);
      if (problem) {
        problems.value = problem;
      } else {
        request.value = value.toLowerCase();
      }
      break;
    }
    case 'LOAD_APPLICATION': {
      const appId = wholeIn(fields.appId, LIMITS.maxAppId);
      if (appId === null) {
        problems.appId = `Enter an application id from 0 to ${LIMITS.maxAppId}.`;
      } else {
        request.appId = appId;
      }
      const record = fields.record.replace(/\s+/g, '');
      const problem = hexProblem(record, 1, LIMITS.maxRecordBytes);
      if (problem) {
        problems.record = record === '' ? 'Enter the application record in hexadecimal.' : problem;
      } else {
        request.record = record.toLowerCase();
      }
      break;
    }
    default:
      break;
  }
  return Object.keys(problems).length > 0 ? { ok: false, problems } : { ok: true, request };
}

/** What the request queues, in words, for the dialog and the result: "Add €20.00". */
export function queuedWords(request: ActionRequest, currency: string): string {
  switch (request.type) {
    case 'CREDIT':
      return `Add ${moneyWords(request.amount ?? 0, currency)}`;
    case 'WRITE_PARAMETER':
      return request.value ? `Set setting slot ${request.slot} to ${request.value}`
        : `Erase setting slot ${request.slot}`;
    case 'LOAD_APPLICATION':
      return `Load application ${request.appId} (${(request.record ?? '').length / 2} bytes)`;
    case 'BLOCK':
      return 'Block the card application';
    case 'UNBLOCK':
      return 'Unblock the card application';
    default:
      return 'Reset the PIN tries';
  }
}

export const QUEUE_TYPE_LABELS: Readonly<Record<QueueType, string>> = {
  CREDIT: 'Credit an amount',
  WRITE_PARAMETER: 'Write a setting (parameter slot)',
  LOAD_APPLICATION: 'Load an application record',
  BLOCK: 'Block',
  UNBLOCK: 'Unblock',
  RESET_PIN_TRIES: 'Reset the PIN tries',
};
