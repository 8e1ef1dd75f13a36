/**
 * What the keyboard browser tests (keyboard*.browser.test.ts) share: moving focus with the keys
 * alone, and at every stop the checks that axe cannot make.
 *
 * - `tab`/`tabTo`: Tab (or Shift+Tab) until focus is on what a predicate names. At each stop:
 *   - 2.4.7 focus visible: the focused element (with its label, its sibling and the card around
 *     it, where the portal draws its indicators) looks different focused from unfocused. Read by
 *     computed styles, focused, then blurred, then focused again;
 *   - 2.4.11 focus not obscured: the point at the centre of the element's box is the element, or
 *     inside it, or its own label: no sticky bar or header lies over it.
 * - `targetProblems` (2.5.8): every interactive element on the page is at least 24×24 px, or its
 *   24 px circle touches no other target, or it is a link inside a sentence (one lying under a
 *   sticky bar at that moment is left out: it cannot be pressed until scrolled into the open).
 * - `auditReflow` (1.4.10): at 320 px wide, and at 1280 px zoomed to 200 % (a 640 px viewport
 *   at device scale 2: the same CSS layout), nothing scrolls sideways and no text is cut off.
 *
 * Nothing here clicks: the journeys move with `page.keyboard` only. Navigation to a link from an
 * email or text message is `page.goto`, as opening it from a mail app would be.
 */
import type { Page } from 'playwright-core';

export interface Focused {
  tag: string;
  id: string;
  type: string | null;
  role: string | null;
  /** The accessible name, roughly: aria-label, aria-labelledby, the label, the text. */
  name: string;
  href: string | null;
}

/** What has focus now (body: nothing). */
export function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLInputElement | null;
    if (!el || el === document.body) return { tag: 'BODY', id: '', type: null, role: null, name: '', href: null };
    const byIds = (ids: string | null) =>
      (ids ?? '')
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ');
    const name =
      el.getAttribute('aria-label') ??
      (el.getAttribute('aria-labelledby') ? byIds(el.getAttribute('aria-labelledby')) : null) ??
      (el.labels && el.labels.length > 0 ? el.labels[0]!.textContent : null) ??
      el.textContent ??
      '';
    return {
      tag: el.tagName,
      id: el.id,
      type: el.getAttribute('type'),
      role: el.getAttribute('role'),
      name: name.replace(/[\s\u00a0\u202f]+/g, ' ').trim(),
      href: el.getAttribute('href'),
    };
  });
}

/**
 * The focused element's indicator is visible (2.4.7) and not hidden under anything (2.4.11).
 * Returns the problems found, [] when there are none.
 */
export async function focusProblems(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return [];
    const problems: string[] = [];
    const label = `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 40)}"`;

    // What draws the indicator: the element, and where the portal draws it for a hidden or small
    // control, its label, the next sibling (a styled span) and the card it sits in.
    const parts = [el, el.parentElement, el.nextElementSibling, el.closest('.card, .option-card, .slot, .tracking-map')].filter((p): p is Element => p !== null);
    const look = () =>
      parts
        .map((p) => {
          const s = getComputedStyle(p);
          return [s.outlineStyle, s.outlineWidth, s.outlineColor, s.boxShadow, s.borderColor, s.backgroundColor, s.color, s.textDecorationLine].join('|');
        })
        .join('\n');
    // Another origin's frame (Stripe's financing element): focus is on a control inside its document,
    // which draws its own indicator; this page can neither see nor style it (nor does :focus match
    // the frame). financing.browser.test.ts checks the local stand-in's link shows one.
    if (el.tagName !== 'IFRAME') {
      const focusedLook = await new Promise<string>((done) => requestAnimationFrame(() => done(look())));
      el.blur();
      const plainLook = look();
      el.focus({ focusVisible: true } as FocusOptions);
      if (document.activeElement !== el) problems.push(`${label}: could not be focused again`);
      if (focusedLook === plainLook) problems.push(`${label}: looks the same focused and unfocused`);
    }
    const s = getComputedStyle(el);
    if (el.matches(':focus-visible') && s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) < 2) problems.push(`${label}: outline thinner than 2 px`);

    // 2.4.11: nothing lies over the centre of its box.
    const box = el.getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) {
      problems.push(`${label}: its centre (${Math.round(x)}, ${Math.round(y)}) is off screen`);
    } else {
      const hit = document.elementFromPoint(x, y);
      const labels = Array.from((el as HTMLInputElement).labels ?? []);
      const ok = hit !== null && (hit === el || el.contains(hit) || hit.contains(el) || labels.some((l) => l === hit || l.contains(hit)));
      if (!ok) problems.push(`${label}: covered at its centre by ${hit ? `${hit.tagName.toLowerCase()}.${(hit as HTMLElement).className}` : "nothing"} (box ${Math.round(box.top)}–${Math.round(box.bottom)} of ${innerHeight})`);
    }
    return problems;
  });
}

/** Presses a key and checks where focus landed (`check: false` on a page that is not the portal's: the sandbox's checkout). */
export async function press(page: Page, key: string, check = true): Promise<Focused> {
  await page.keyboard.press(key);
  const problems = check ? await focusProblems(page) : [];
  if (problems.length > 0) throw new Error(`after ${key}: ${problems.join('; ')}`);
  return focused(page);
}

/**
 * Tabs (Shift+Tab with `back`) until `matches` says yes, checking focus at every stop; fails
 * after `max` presses, naming the stops it passed.
 */
export async function tabTo(page: Page, matches: (f: Focused) => boolean, options: { back?: boolean; max?: number; check?: boolean } = {}): Promise<Focused> {
  const passed: string[] = [];
  for (let i = 0; i < (options.max ?? 60); i++) {
    const f = await press(page, options.back ? 'Shift+Tab' : 'Tab', options.check ?? true);
    if (matches(f)) return f;
    passed.push(`${f.tag}${f.id ? `#${f.id}` : ''} "${f.name.slice(0, 30)}"`);
  }
  throw new Error(`focus never got there; it passed: ${passed.join(', ')}`);
}

/** Matches by accessible name (a string is exact; a RegExp tests), and optionally by tag. */
export const named =
  (name: string | RegExp, tag?: string) =>
  (f: Focused): boolean =>
    (tag === undefined || f.tag === tag) && (typeof name === 'string' ? f.name === name : name.test(f.name));

/**
 * 2.5.8 target size: every visible interactive element's box (a control together with a label
 * wrapping it) is at least 24×24 px, or a 24 px circle on its centre overlaps no other target's
 * box nor its circle, or it is a link inside a sentence (the inline exception). Returns the
 * failures with their sizes.
 */
export function targetProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [role="tab"], [role="button"], [tabindex="0"]';
    const seen = new Set<Element>();
    const targets: { el: Element; box: DOMRect; name: string }[] = [];
    for (const el of Array.from(document.querySelectorAll(selector))) {
      // A control inside its label: the label is the target (pressing it works the control).
      const target = el.closest('label') ?? el;
      if (seen.has(target)) continue;
      seen.add(target);
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none' || (el as HTMLElement).closest('[hidden], .visually-hidden, [aria-hidden="true"]')) continue;
      let box = target.getBoundingClientRect();
      // A visually hidden control (a styled radio): its label is the target.
      if (box.width <= 1 && box.height <= 1) {
        const label = (el as HTMLInputElement).labels?.[0];
        if (!label) continue;
        box = label.getBoundingClientRect();
      }
      if (box.width === 0 || box.height === 0) continue;
      // Under a sticky bar just now, it is no target until scrolled out from under it.
      const cx = box.left + box.width / 2;
      const cy = box.top + box.height / 2;
      if (cx >= 0 && cy >= 0 && cx < innerWidth && cy < innerHeight) {
        const hit = document.elementFromPoint(cx, cy);
        if (hit && !target.contains(hit) && !hit.contains(target) && !(hit.closest('label') ?? hit).contains(el)) continue;
      }
      const name = `${target.tagName.toLowerCase()} "${(el.getAttribute('aria-label') ?? target.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40)}"`;
      targets.push({ el: target, box, name });
    }
    /** A link in running text: its parent has text of its own around it, and the link is laid out inline. */
    const inSentence = (el: Element) => {
      if (el.tagName !== 'A' || getComputedStyle(el).display !== 'inline') return false;
      const parent = el.parentElement;
      if (!parent) return false;
      const own = Array.from(parent.childNodes)
        .filter((n) => n.nodeType === Node.TEXT_NODE)
        .map((n) => n.textContent ?? '')
        .join('')
        .trim();
      return own.length > 0;
    };
    const centre = (b: DOMRect) => ({ x: b.left + b.width / 2, y: b.top + b.height / 2 });
    const circleHitsBox = (c: { x: number; y: number }, b: DOMRect) => {
      const dx = Math.max(b.left - c.x, 0, c.x - b.right);
      const dy = Math.max(b.top - c.y, 0, c.y - b.bottom);
      return dx * dx + dy * dy < 12 * 12;
    };
    const small = (b: DOMRect) => b.width < 24 - 0.5 || b.height < 24 - 0.5;
    const problems: string[] = [];
    for (const t of targets) {
      if (!small(t.box) || inSentence(t.el)) continue;
      const c = centre(t.box);
      const crowding = targets.find((o) => {
        if (o === t || o.el.contains(t.el) || t.el.contains(o.el)) return false;
        if (circleHitsBox(c, o.box)) return true;
        if (!small(o.box)) return false;
        const d = centre(o.box);
        return Math.hypot(c.x - d.x, c.y - d.y) < 24;
      });
      if (crowding) problems.push(`${t.name} ${Math.round(t.box.width)}×${Math.round(t.box.height)} px, too close to ${crowding.name}`);
    }
    return problems;
  });
}

/** No sideways scroll, and no visible text cut off by a box too narrow for it. */
export function reflowProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = document.documentElement.clientWidth;
    if (document.documentElement.scrollWidth > width) problems.push(`the page scrolls sideways: ${document.documentElement.scrollWidth} px wide in ${width} px`);
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const s = getComputedStyle(el);
      if (s.display === 'none' || s.visibility === 'hidden' || el.closest('.visually-hidden, .leaflet-container, svg, canvas')) continue;
      // A row that scrolls sideways within itself (the phone's menu): its text may lie past the screen's edge
      // while the row itself fits; the page does not scroll (checked above), and Tab brings each link into view.
      const row = el.parentElement?.closest('ul');
      if (row && getComputedStyle(row).overflowX === 'auto' && row.getBoundingClientRect().right <= width + 0.5 && el.closest('a[href]')) continue;
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      const hasText = Array.from(el.childNodes).some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      if (!hasText) continue;
      // Text that runs past the right edge of the screen, or past its own box where the box hides the rest.
      if (box.right > width + 0.5) problems.push(`${el.tagName.toLowerCase()}.${(el as HTMLElement).className} "${(el.textContent ?? '').trim().slice(0, 30)}" runs to ${Math.round(box.right)} px`);
      const clips = ['hidden', 'clip'].includes(s.overflowX) || s.textOverflow === 'ellipsis';
      if (clips && el.scrollWidth > el.clientWidth + 1) problems.push(`${el.tagName.toLowerCase()}.${(el as HTMLElement).className} "${(el.textContent ?? '').trim().slice(0, 30)}" is cut off`);
    }
    return problems;
  });
}

/**
 * Targets at the page's own size, then reflow at 320 px and at 200 % zoom of 1280 px; the
 * viewport is put back afterwards. `label` names the page state in the failure.
 */
export async function auditPage(page: Page, label: string): Promise<void> {
  expect({ page: label, targets: await targetProblems(page) }).toEqual({ page: label, targets: [] });
  const size = page.viewportSize()!;
  for (const viewport of [
    { width: 320, height: 640, name: '320 px' },
    { width: 640, height: 400, name: '200 % of 1280 px' },
  ]) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
    expect({ page: label, at: viewport.name, reflow: await reflowProblems(page) }).toEqual({ page: label, at: viewport.name, reflow: [] });
    expect({ page: label, at: viewport.name, targets: await targetProblems(page) }).toEqual({ page: label, at: viewport.name, targets: [] });
  }
  await page.setViewportSize(size);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
}
