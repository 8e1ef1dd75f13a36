import { t } from '../i18n/current';

/**
 * "Skip to content". It focuses <main> by script instead of following "#main": on the sign-in
 * link page the URL fragment holds the token, and a fragment link would overwrite it.
 */
export function SkipLink() {
  return (
    <a
      class="skip-link"
      href="#main"
      onClick={(e) => {
        e.preventDefault();
        const main = document.getElementById('main');
        main?.focus();
        main?.scrollIntoView();
      }}
    >
      {t('common.skipToContent')}
    </a>
  );
}
