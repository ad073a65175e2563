import { describe, expect, it } from 'vitest';
import { checkStaffUser } from './console-staff';

describe('checkStaffUser', () => {
  const good = { username: 'hana.desk', displayName: 'Hana Desk', email: '', role: 'helpdesk' as const,
    password: 'correct-horse-battery' };

  it('takes what the API takes, without an empty e-mail', () => {
    expect(checkStaffUser(good)).toEqual({ ok: true, user: { username: 'hana.desk', displayName: 'Hana Desk',
      role: 'helpdesk', password: 'correct-horse-battery' } });
  });

  it('refuses a user name the API refuses, a missing name, a malformed e-mail and a password under 12 characters', () => {
    const check = checkStaffUser({ username: 'Hana', displayName: ' ', email: 'hana@', role: 'admin', password: 'short-pass1' });
    expect(check.ok).toBe(false);
    const problems = (check as { problems: Record<string, string> }).problems;
    expect(Object.keys(problems).sort()).toEqual(['displayName', 'email', 'password', 'username']);
    expect(problems.password).toContain('at least 12 characters');
    expect(checkStaffUser({ ...good, username: 'x' }).ok).toBe(false);
    expect(checkStaffUser({ ...good, username: '-x' }).ok).toBe(false);
    expect(checkStaffUser({ ...good, username: 'a'.repeat(64) }).ok).toBe(true);
  });
});
