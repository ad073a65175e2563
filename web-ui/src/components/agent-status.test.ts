// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { allByTestId, byTestId } from '../console-test-backend';
import type { AgentDownload, AgentPackage } from '../portal-types';
import type { AgentStatus } from './agent-status';
import './agent-status';

const deb: AgentPackage = { fileName: 'cardsync-agent_0.1.0-1_amd64.deb', format: 'DEB',
  url: '/downloads/agent/cardsync-agent_0.1.0-1_amd64.deb', size: 31_628_358, sha256: '0a'.repeat(32) };
const msi: AgentPackage = { fileName: 'cardsync-agent-0.1.0.msi', format: 'MSI',
  url: '/downloads/agent/cardsync-agent-0.1.0.msi', size: 40_100_000, sha256: '1b'.repeat(32) };
const pkg: AgentPackage = { fileName: 'cardsync-agent-0.1.0.pkg', format: 'PKG',
  url: '/downloads/agent/cardsync-agent-0.1.0.pkg', size: 45_000_000, sha256: '2c'.repeat(32) };

function download(packages: AgentPackage[]): AgentDownload {
  return { downloadUrl: '/downloads/cardsync-agent.jar', version: '0.1.0', startCommand: 'java -jar cardsync-agent.jar run',
    defaultPort: 24511, packages };
}

async function mount(userAgent: string, offered: AgentDownload): Promise<AgentStatus> {
  Object.defineProperty(window.navigator, 'userAgent', { value: userAgent, configurable: true });
  const element = document.createElement('cardsync-agent-status') as AgentStatus;
  element.state = 'not-running';
  element.download = offered;
  document.body.append(element);
  await element.updateComplete;
  return element;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('cardsync-agent-status, agent not running', () => {
  it('offers the Windows package on Windows, with its size and SHA-256, and lists the others', async () => {
    const element = await mount('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/131.0.0.0',
      download([deb, msi, pkg]));
    const offered = byTestId<HTMLAnchorElement>(element, 'agent-package')!;
    expect(offered.getAttribute('href')).toBe(msi.url);
    const paragraph = offered.closest('p')!.textContent!.replace(/\s+/g, ' ');
    expect(paragraph).toContain('Windows');
    expect(paragraph).toContain('40.1 MB');
    expect(paragraph).toContain(msi.sha256);
    const others = allByTestId<HTMLAnchorElement>(element, 'agent-package-other');
    expect(others.map((a) => a.getAttribute('href'))).toEqual([deb.url, pkg.url]);
    expect(byTestId(element, 'agent-download')!.textContent).toContain('Java program');
  });

  it('on a phone offers no package as its own but lists them all', async () => {
    const element = await mount('Mozilla/5.0 (Linux; Android 14; Pixel 8) Chrome/131.0.0.0 Mobile', download([deb, msi]));
    const root = element;
    expect(byTestId(root, 'agent-package')).toBeNull();
    expect(allByTestId(root, 'agent-package-other')).toHaveLength(2);
  });

  it('without packages offers the jar and says it needs Java', async () => {
    const element = await mount('Mozilla/5.0 (X11; Linux x86_64) Chrome/131.0.0.0', download([]));
    const root = element;
    expect(byTestId(root, 'agent-package')).toBeNull();
    expect(byTestId<HTMLAnchorElement>(root, 'agent-download')!.getAttribute('href')).toBe('/downloads/cardsync-agent.jar');
    expect(element.shadowRoot!.textContent).toContain('Java 17');
  });
});
