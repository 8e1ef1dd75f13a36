import { showCatalogs } from '../../test/i18n-support';
import { chooseLanguage, customerLanguageOf, learnBusinessLanguage, learnCustomerLanguage, pickLanguage, resetKnownLanguage, savedLanguage, wantedLanguage } from './choice';
import { currentLanguage, onLanguageShown, setCatalogLoader, showLanguage, t } from './current';

/** localStorage as a browser has it (jest runs these in node). */
const store = new Map<string, string>();
Object.assign(globalThis, {
  localStorage: { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v), removeItem: (k: string) => void store.delete(k) },
});
const setBrowser = (languages: string[]) => Object.defineProperty(globalThis, 'navigator', { value: { languages }, configurable: true });

beforeEach(async () => {
  store.clear();
  resetKnownLanguage();
  setBrowser(['en-US']);
  await showCatalogs('en');
});

describe('which language a customer reads', () => {
  const customer = { chosen: undefined, forCustomer: 'es' as const, business: 'en' as const };

  it('takes their own choice first, saved here before saved on their record', () => {
    expect(pickLanguage({ saved: 'es', customer: { ...customer, chosen: 'en', forCustomer: 'en' } }, ['en'])).toBe('es');
    expect(pickLanguage({ customer: { ...customer, chosen: 'es', forCustomer: 'en' } }, ['en'])).toBe('es');
  });

  it("then the business's setting for them, over the browser's languages", () => {
    expect(pickLanguage({ customer }, ['en-US', 'en'])).toBe('es');
  });

  it("then the browser's languages (region ignored, order and quality kept), over the business's default", () => {
    expect(pickLanguage({ business: 'en' }, ['es-MX', 'en'])).toBe('es');
    expect(pickLanguage({ customer: { business: 'es' } }, ['en-GB'])).toBe('en');
  });

  it("then the business's default, when the browser names no language we have", () => {
    expect(pickLanguage({ business: 'es' }, ['fr-FR', 'de'])).toBe('es');
    expect(pickLanguage({ customer: { business: 'es' } }, [])).toBe('es');
  });

  it('else English', () => {
    expect(pickLanguage({}, undefined)).toBe('en');
    expect(pickLanguage({}, ['fr'])).toBe('en');
  });

  it("keeps only languages we have from the server's answer (it is read from the network)", () => {
    expect(customerLanguageOf({ chosen: 'fr', forCustomer: 'es', business: 42 })).toEqual({ forCustomer: 'es' });
    expect(customerLanguageOf(undefined)).toBeUndefined();
    expect(customerLanguageOf('es')).toBeUndefined();
  });
});

describe('the language shown as answers arrive', () => {
  it("follows the business's setting for the customer once /api/me or a link says it, and the catalog is here", async () => {
    setBrowser(['en-US']);
    expect(wantedLanguage()).toBe('en');
    const shown = new Promise<void>((done) => {
      const stop = onLanguageShown(() => {
        stop();
        done();
      });
    });
    learnCustomerLanguage({ forCustomer: 'es', business: 'en' });
    await shown;
    expect(currentLanguage()).toBe('es');
    expect(t('common.status.paid')).toBe('Pagada');
  });

  it("a choice is saved in this browser and beats everything the server says", async () => {
    learnCustomerLanguage({ forCustomer: 'es', business: 'es' });
    await chooseLanguage('en');
    expect(savedLanguage()).toBe('en');
    expect(store.get('portal.language')).toBe('en');
    expect(currentLanguage()).toBe('en');
    learnBusinessLanguage('es');
    expect(wantedLanguage()).toBe('en');
  });

  it('ignores a saved value that is no language of ours', () => {
    store.set('portal.language', 'klingon');
    expect(savedLanguage()).toBeUndefined();
  });
});

describe('catalog loading', () => {
  it('loads each language once, and shows the last one asked for when answers cross', async () => {
    const loads: string[] = [];
    let releaseSpanish = () => undefined as void;
    setCatalogLoader((language) => {
      loads.push(language);
      const messages = { 'common.status.paid': [language === 'es' ? 'Pagada' : 'Paid'] } as never;
      return language === 'es' ? new Promise((done) => (releaseSpanish = () => done(messages))) : Promise.resolve(messages);
    });
    // English is shown; Spanish is asked for, then English again before Spanish has arrived.
    const toSpanish = showLanguage('es');
    await showLanguage('en');
    releaseSpanish();
    await toSpanish;
    expect(currentLanguage()).toBe('en');
    await showLanguage('es');
    await showLanguage('es');
    expect(loads).toEqual(['es']);
    expect(currentLanguage()).toBe('es');
  });

  it('forgets a catalog that failed to load, so the next switch tries again, and keeps the page as it was', async () => {
    let fail = true;
    setCatalogLoader(async (language) => {
      if (fail) throw new Error('offline');
      return { 'common.status.paid': [language] } as never;
    });
    await expect(showLanguage('es')).rejects.toThrow('offline');
    expect(currentLanguage()).toBe('en');
    fail = false;
    await showLanguage('es');
    expect(currentLanguage()).toBe('es');
  });
});
