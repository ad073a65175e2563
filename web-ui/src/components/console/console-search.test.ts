// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Backend } from '../../backend-fetch';
import { ConsoleApi } from '../../console-api';
import { cardPage } from '../../console-test-fixtures';
import './console-search';

function mount(total: number, page = 0) {
  const urls: string[] = [];
  const fetchFn = vi.fn(async (url: string) => {
    urls.push(url);
    return new Response(JSON.stringify(cardPage(total, page)), { status: 200 });
  });
  const el = document.createElement('console-search');
  el.api = new ConsoleApi(new Backend(fetchFn, () => ''));
  el.route = { name: 'search', q: 'alice', page };
  document.body.append(el);
  return { el, urls, root: () => el.shadowRoot! };
}

const byTestId = (root: ParentNode, id: string) => root.querySelector<HTMLElement>(`[data-testid="${id}"]`);

describe('the search screen', () => {
  afterEach(() => {
    document.body.innerHTML = '';
    window.location.hash = '';
  });

  it('shows the cards found with links to their applications, and how many there are', async () => {
    const { root, urls } = mount(1);
    await vi.waitFor(() => expect(byTestId(root(), 'card-row')).not.toBeNull());
    expect(urls).toEqual(['/api/cards?q=alice&page=0&size=25']);
    expect(byTestId(root(), 'card-row')!.dataset.cardId).toBe('0102030405060708');
    const link = byTestId(root(), 'application-link')!;
    expect(link.dataset.applicationId).toBe('1');
    expect(link.getAttribute('href')).toBe('#/applications/1');
    expect(byTestId(root(), 'search-count')!.textContent).toContain('1 card matching \u201calice\u201d.');
    expect(byTestId(root(), 'page-next')).toBeNull(); // one page only
  });

  it('puts a new search and the next page in the URL', async () => {
    const { root } = mount(60, 0);
    await vi.waitFor(() => expect(byTestId(root(), 'page-next')).not.toBeNull());
    expect((byTestId(root(), 'page-prev') as HTMLButtonElement).disabled).toBe(true);
    byTestId(root(), 'page-next')!.click();
    expect(window.location.hash).toBe('#/search?q=alice&page=1');

    const input = byTestId(root(), 'search-input') as HTMLInputElement;
    input.value = ' bob@example.com ';
    byTestId(root(), 'search-submit')!.click();
    expect(window.location.hash).toBe('#/search?q=bob%40example.com');
  });
});
