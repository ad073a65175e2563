import { describe, expect, it } from 'vitest';
import type { AgentPackage } from '../portal-types';
import { choosePackage, formatForUserAgent, formatSize } from './agent-packages';

const deb: AgentPackage = { fileName: 'cardsync-agent_0.1.0-1_amd64.deb', format: 'DEB',
  url: '/downloads/agent/cardsync-agent_0.1.0-1_amd64.deb', size: 31_628_358, sha256: 'ab'.repeat(32) };
const msi: AgentPackage = { fileName: 'cardsync-agent-0.1.0.msi', format: 'MSI',
  url: '/downloads/agent/cardsync-agent-0.1.0.msi', size: 40_000_000, sha256: 'cd'.repeat(32) };
const pkg: AgentPackage = { fileName: 'cardsync-agent-0.1.0.pkg', format: 'PKG',
  url: '/downloads/agent/cardsync-agent-0.1.0.pkg', size: 45_000_000, sha256: 'ef'.repeat(32) };

const UA = {
  windows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  mac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  linux: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  firefoxLinux: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  android: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  iphone: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  linuxArm: 'Mozilla/5.0 (X11; Linux aarch64; rv:133.0) Gecko/20100101 Firefox/133.0',
  linux32: 'Mozilla/5.0 (X11; Linux i686; rv:133.0) Gecko/20100101 Firefox/133.0',
  fedoraArm: 'Mozilla/5.0 (X11; Fedora; Linux armv7l; rv:133.0) Gecko/20100101 Firefox/133.0',
  chromebook: 'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
};

describe('agent packages', () => {
  it('offers the package of the system the browser runs on', () => {
    expect(formatForUserAgent(UA.windows)).toBe('MSI');
    expect(formatForUserAgent(UA.mac)).toBe('PKG');
    expect(formatForUserAgent(UA.linux)).toBe('DEB');
    expect(formatForUserAgent(UA.firefoxLinux)).toBe('DEB');
  });

  it('offers none on a phone or a Chromebook, where no agent runs', () => {
    expect(formatForUserAgent(UA.android)).toBeNull();
    expect(formatForUserAgent(UA.iphone)).toBeNull();
    expect(formatForUserAgent(UA.chromebook)).toBeNull();
  });

  it('offers the amd64 .deb for this computer only on x86_64 Linux, under the others elsewhere', () => {
    expect(formatForUserAgent(UA.linuxArm)).toBeNull();
    expect(formatForUserAgent(UA.linux32)).toBeNull();
    expect(formatForUserAgent(UA.fedoraArm)).toBeNull();
    expect(choosePackage([deb, msi, pkg], UA.linuxArm)).toEqual({ forThisComputer: null, others: [deb, msi, pkg] });
    expect(choosePackage([deb, msi, pkg], UA.firefoxLinux)).toEqual({ forThisComputer: deb, others: [msi, pkg] });
  });

  it('lists the other packages beside the one for this computer', () => {
    expect(choosePackage([deb, msi, pkg], UA.windows)).toEqual({ forThisComputer: msi, others: [deb, pkg] });
    expect(choosePackage([deb, msi, pkg], UA.android)).toEqual({ forThisComputer: null, others: [deb, msi, pkg] });
  });

  it('has nothing for this computer when the server offers no package for its system', () => {
    expect(choosePackage([deb], UA.mac)).toEqual({ forThisComputer: null, others: [deb] });
  });

  it('gives sizes as a download shows them', () => {
    expect(formatSize(31_628_358)).toBe('31.6 MB');
    expect(formatSize(2_500)).toBe('2.5 kB');
    expect(formatSize(12)).toBe('12 bytes');
  });
});
