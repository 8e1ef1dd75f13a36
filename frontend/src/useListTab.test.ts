import { listTabs, tabFromSearch } from './useListTab';

describe('tabFromSearch', () => {
  const tabs = listTabs('when', [
    { id: 'upcoming', label: 'Upcoming' },
    { id: 'past', label: 'Past' },
  ]);

  it('is the tab the query names', () => {
    expect(tabFromSearch(tabs, '?when=past')).toBe('past');
    expect(tabFromSearch(tabs, '?checkout=c1&when=upcoming')).toBe('upcoming');
  });

  it('is the first tab when the query names none, or one the list does not have', () => {
    expect(tabFromSearch(tabs, '')).toBe('upcoming');
    expect(tabFromSearch(tabs, '?when=someday')).toBe('upcoming');
    expect(tabFromSearch(tabs, '?status=past')).toBe('upcoming');
  });

  it('starts with the first tab as the last shown', () => {
    expect(tabs.last).toBe('upcoming');
  });
});
