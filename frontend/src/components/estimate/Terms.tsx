/** The estimate's terms, in full: shown before the signature, as what approving accepts. */
import { Section } from '../job/Section';

export function Terms({ terms }: { terms: string }) {
  return (
    <Section id="terms" title="Terms">
      {terms.trim() ? <div class="terms prewrap">{terms}</div> : <p class="empty-inline">This estimate has no terms beyond its options.</p>}
    </Section>
  );
}
