/**
 * Staff users: their roles in words and what is wrong with a new one as entered, each problem a sentence beside
 * its field, checked as the API checks it (CONSOLE-CONTRACT.md "Admin": user name, password of 12 or more).
 */
import type { NewStaffUser, StaffRole } from '../console-types';

export const ROLE_WORDS: Readonly<Record<StaffRole, string>> = {
  helpdesk: 'Helpdesk',
  admin: 'Admin',
};

export const PASSWORD_MIN_LENGTH = 12;

export function passwordProblem(password: string): string | null {
  return password.length < PASSWORD_MIN_LENGTH
    ? `A password needs at least ${PASSWORD_MIN_LENGTH} characters. Use the generated one, or a longer one of your own.`
    : null;
}

export interface StaffDraft {
  username: string;
  displayName: string;
  email: string;
  role: StaffRole;
  password: string;
}

/** Field key (username, displayName, email, password) → what is wrong with it. */
export type StaffProblems = Record<string, string>;

export type StaffCheck = { ok: true; user: NewStaffUser } | { ok: false; problems: StaffProblems };

/** The new staff user, or a sentence for each field the API would refuse. */
export function checkStaffUser(draft: StaffDraft): StaffCheck {
  const problems: StaffProblems = {};
  const username = draft.username.trim();
  if (!/^[a-z0-9][a-z0-9._-]{1,63}$/.test(username)) {
    problems.username = 'A user name is 2 to 64 characters: lower-case letters, digits, dots, hyphens or '
      + 'underscores, starting with a letter or a digit.';
  }
  const displayName = draft.displayName.trim();
  if (displayName === '') {
    problems.displayName = 'Enter the name colleagues know this person by.';
  }
  const email = draft.email.trim();
  if (email !== '' && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    problems.email = 'Enter an e-mail address such as hana@example.com, or leave it empty.';
  }
  const password = passwordProblem(draft.password);
  if (password) {
    problems.password = password;
  }
  if (Object.keys(problems).length > 0) {
    return { ok: false, problems };
  }
  return { ok: true, user: { username, displayName, ...(email ? { email } : {}), role: draft.role, password: draft.password } };
}
