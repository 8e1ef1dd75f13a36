/**
 * One labelled amount in a list of them: the totals under a table of lines (`dl.totals`: an
 * estimate option's, an invoice's, a job's charges) or a card's amounts (`dl.amounts`). A `div`
 * around each `dt`/`dd` pair is what the styles lay out as a row; `strong` marks the totals that
 * stand out (Total, Balance due).
 */
import type { ComponentChildren } from 'preact';

export function AmountRow({ label, strong = false, children }: { label: ComponentChildren; strong?: boolean; children: ComponentChildren }) {
  return (
    <div class={strong ? 'totals-strong' : undefined}>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
