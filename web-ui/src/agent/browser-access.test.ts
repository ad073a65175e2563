import { describe, expect, it } from 'vitest';
import { agentBlockedWords } from '../words/agent';
import { agentBlockedBy, queryLoopbackPermission, type PermissionsLike } from './browser-access';

function fakePermissions(known: Record<string, PermissionState>): PermissionsLike & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async query({ name }) {
      asked.push(name);
      if (!(name in known)) {
        // What Chrome does for a permission name it does not know.
        throw new TypeError(`The provided value '${name}' is not a valid enum value of type PermissionName.`);
      }
      return { name, state: known[name], onchange: null } as unknown as PermissionStatus;
    },
  };
}

describe('queryLoopbackPermission', () => {
  it('asks for loopback-network first (Chrome 145+)', async () => {
    const permissions = fakePermissions({ 'loopback-network': 'denied', 'local-network-access': 'granted' });
    const result = await queryLoopbackPermission(permissions);
    expect(result.supported && result.name).toBe('loopback-network');
    expect(result.supported && result.status.state).toBe('denied');
  });

  it('falls back to local-network-access (Chrome 142 to 144)', async () => {
    const permissions = fakePermissions({ 'local-network-access': 'prompt' });
    const result = await queryLoopbackPermission(permissions);
    expect(permissions.asked).toEqual(['loopback-network', 'local-network-access']);
    expect(result.supported && result.status.state).toBe('prompt');
  });

  it('says unsupported when the browser knows neither name (Firefox) or has no Permissions API', async () => {
    expect(await queryLoopbackPermission(fakePermissions({ geolocation: 'granted' }))).toEqual({ supported: false });
    expect(await queryLoopbackPermission(undefined)).toEqual({ supported: false });
  });
});

describe('agentBlockedBy', () => {
  const safari = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Safari/605.1.15';
  const chrome = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/147.0.0.0 Safari/537.36';
  const chromeIos = 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/147.0 Mobile/15E148 Safari/604.1';

  const firefoxIpad = 'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/130.0 Mobile/15E148 Safari/605.1.15';

  it('is macOS Safari on an https page only', () => {
    expect(agentBlockedBy(safari, 'https:')).toBe('safari');
    expect(agentBlockedBy(safari, 'http:')).toBeNull();
    expect(agentBlockedBy(chrome, 'https:')).toBeNull();
  });

  it('is iOS and iPadOS whatever the browser and the protocol: there the card reader needs a computer', () => {
    expect(agentBlockedBy(chromeIos, 'https:')).toBe('ios');
    expect(agentBlockedBy(firefoxIpad, 'http:')).toBe('ios');
    // iPadOS Safari asks for desktop pages as a Mac; a Mac has no touch points.
    expect(agentBlockedBy(safari, 'https:', 5)).toBe('ios');
    expect(agentBlockedBy(safari, 'https:', 0)).toBe('safari');
  });

  it('tells iOS customers to use a computer, and Safari on a Mac to use another browser', () => {
    const ios = agentBlockedWords('ios', 'Safari').join(' ');
    expect(ios).toContain('computer (Windows, macOS or Linux)');
    expect(ios).not.toContain('Chrome, Edge or Firefox');
    expect(agentBlockedWords('safari', 'Safari').join(' ')).toContain('Chrome, Edge or Firefox');
  });
});
