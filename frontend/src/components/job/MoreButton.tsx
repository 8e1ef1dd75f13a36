import { BusyButton } from '../BusyButton';
import type { SectionPages } from './useSectionPages';
import { t } from '../../i18n/current';

/** "Show more …" under (or, for messages, above) a paged list; nothing when it is complete. */
export function MoreButton({ pages, label }: { pages: SectionPages<unknown>; label: string }) {
  if (!pages.hasMore) return null;
  return (
    <BusyButton class="button button-secondary button-block more-button" onClick={() => void pages.loadMore()} pending={pages.loading}>
      {pages.loading ? t('common.loading') : label}
    </BusyButton>
  );
}
