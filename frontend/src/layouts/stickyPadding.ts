/**
 * Keeps focus out from under the sticky bars (WCAG 2.4.11). The invoice list's pay bar sits at the
 * foot of the screen over the list; when Tab moves focus to a card below it, the browser scrolls
 * the card just into view, which is under the bar. `scroll-padding-bottom` on <html> tells the
 * browser how much of the screen's foot is taken, and styles.css reads it from `--sticky-bottom`,
 * which this keeps equal to the bar's height (0 when there is none) as bars come, go and resize.
 */
const STICKY_BOTTOM = '.pay-bar';

export function watchStickyBars(root: HTMLElement): () => void {
  const style = document.documentElement.style;
  let watched: Element | null = null;
  const sizes = new ResizeObserver(() => update());
  function update() {
    const bar = root.querySelector(STICKY_BOTTOM);
    if (bar !== watched) {
      if (watched) sizes.unobserve(watched);
      if (bar) sizes.observe(bar);
      watched = bar;
    }
    // Only while it is stuck (sticky, not static on a short screen: styles.css).
    const stuck = bar !== null && getComputedStyle(bar).position === 'sticky';
    style.setProperty('--sticky-bottom', stuck ? `${Math.ceil(bar.getBoundingClientRect().height)}px` : '0px');
  }
  const changes = new MutationObserver(update);
  changes.observe(root, { childList: true, subtree: true });
  update();
  return () => {
    changes.disconnect();
    sizes.disconnect();
    style.removeProperty('--sticky-bottom');
  };
}
