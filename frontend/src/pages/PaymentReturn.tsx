/**
 * `/{slug}/payments/{checkoutId}`: where Stripe sends the customer back after paying. This file
 * only picks the layout: with a session here, a signed-in page; without one, through the pay link
 * this tab kept, if any. The page itself (PaymentResult.tsx) is a chunk of its own (lazy.ts),
 * fetched beside the page's first reads (startReads.ts): most visits never come back from Stripe.
 */
import { useState } from 'preact/hooks';
import { Loading, ProblemMessage } from '../components/Status';
import { PublicLayout } from '../layouts/PublicLayout';
import { SignedInLayout } from '../layouts/SignedInLayout';
import { loadPaymentResult } from '../lazy';
import { loadMe, readPayLink } from '../session';
import { usePortal } from '../usePortal';
import { notYet, useResource } from '../useResource';

export function PaymentReturn({ slug, checkoutId }: { slug: string; checkoutId: string }) {
  const [link] = useState(() => readPayLink(slug));
  const [me] = useResource(() => (link ? loadMe() : notYet), [link]);
  const [portal] = usePortal(link ? slug : null);
  if (!link || (me.status === 'ok' && me.data.business.slug === slug)) {
    return (
      <SignedInLayout slug={slug} current="invoices">
        {(me) => <Result slug={slug} checkoutId={checkoutId} business={me.business.name} link={null} />}
      </SignedInLayout>
    );
  }
  return (
    <PublicLayout slug={slug}>
      {me.status === 'loading' ? <Loading /> : <Result slug={slug} checkoutId={checkoutId} business={portal.status === 'ok' ? portal.data.name : null} link={link} />}
    </PublicLayout>
  );
}

function Result(props: { slug: string; checkoutId: string; business: string | null; link: string | null }) {
  const [code, retry] = useResource(() => loadPaymentResult(), []);
  if (code.status === 'ok') return <code.data.PaymentResult {...props} />;
  return code.status === 'error' ? <ProblemMessage problem={code.problem} retry={retry} /> : <Loading />;
}
