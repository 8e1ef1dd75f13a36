/**
 * The language switcher on every page: one button per language, each named in its own language
 * (and marked with its `lang`, so a screen reader says "Español" the Spanish way); the one shown is
 * pressed. Buttons rather than a select: choosing is one press, and arrowing through a select
 * would switch the whole page at each step.
 *
 * Switching re-renders the page in place (i18n/current.ts): nothing typed or opened is lost. The
 * choice is kept in this browser for every page, and on the customer's record when signed in.
 */
import { LANGUAGES, LANGUAGE_NAMES, type Language } from '../../../shared/contract/i18n/languages';
import { chooseLanguage } from '../i18n/choice';
import { t, useLanguage } from '../i18n/current';

interface Props {
  /** Also save the choice elsewhere (the app: on the signed-in customer's record). */
  onChosen?: (language: Language) => void;
}

export function LanguageSwitcher({ onChosen }: Props) {
  const shown = useLanguage();
  const choose = (language: Language) => {
    // A catalog that cannot be loaded now leaves the page as it is; pressing again retries.
    chooseLanguage(language).catch(() => undefined);
    onChosen?.(language);
  };
  return (
    <div class="language-switcher" role="group" aria-label={t('common.language.switcher')}>
      {LANGUAGES.map((language) => (
        <button
          key={language}
          type="button"
          class="language-option"
          lang={language}
          aria-pressed={language === shown}
          onClick={() => language !== shown && choose(language)}
        >
          {LANGUAGE_NAMES[language]}
        </button>
      ))}
    </div>
  );
}
