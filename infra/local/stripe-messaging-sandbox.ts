/**
 * The local stand-in for Stripe.js's Payment Method Messaging Element and Affirm's
 * pre-qualification, served by the Stripe sandbox from its own origin (never deployed). It
 * implements what the portal calls: `Stripe(publishableKey, { stripeAccount, locale })`,
 * `.elements()`, `.create('paymentMethodMessaging', { amount, currency, paymentMethodTypes,
 * countryCode })`, `.mount(element)`, `.on('ready', …)` and `.destroy()`. As Stripe's, the
 * element is a frame from the script's origin; its "Check your purchasing power" opens a
 * pre-qualification page, here a form that always pre-qualifies. Every figure it shows says it is
 * the sandbox's: a real stage shows Stripe's and Affirm's own.
 */
import type { ServerResponse } from 'node:http';

/** What the local stack hands the page as the platform's publishable key. */
export const sandboxPublishableKey = 'pk_test_localsandbox0000000000';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Handles the stand-in's paths; false when the path is not one of them. */
export function serveMessagingStandIn(res: ServerResponse, url: URL, origin: string): boolean {
  if (url.pathname === '/v3/stripe.js') {
    res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
    res.end(stripeJs(origin));
    return true;
  }
  if (url.pathname === '/messaging') {
    html(res, messagingFrame(url, origin));
    return true;
  }
  if (url.pathname === '/prequalify') {
    html(res, prequalifyPage(url));
    return true;
  }
  return false;
}

function html(res: ServerResponse, body: string) {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(body);
}

function stripeJs(origin: string): string {
  return `/* Local Stripe sandbox: a stand-in for Stripe.js's Payment Method Messaging Element. */
(function () {
  var origin = ${JSON.stringify(origin)};
  window.Stripe = function (key, options) {
    if (typeof key !== 'string' || key.indexOf('pk_') !== 0) throw new Error('Stripe sandbox: Stripe() needs a publishable key');
    var account = (options && options.stripeAccount) || '';
    var locale = (options && options.locale) || 'auto';
    return {
      elements: function () {
        return {
          create: function (type, opts) {
            if (type !== 'paymentMethodMessaging') throw new Error('Stripe sandbox: only the paymentMethodMessaging element is here');
            var frame = null;
            var ready = [];
            return {
              mount: function (target) {
                var host = typeof target === 'string' ? document.querySelector(target) : target;
                frame = document.createElement('iframe');
                frame.title = 'Affirm financing';
                var query = new URLSearchParams({ amount: String(opts.amount), currency: String(opts.currency), account: account, locale: locale, types: (opts.paymentMethodTypes || []).join(',') });
                frame.src = origin + '/messaging?' + query.toString();
                frame.style.border = '0';
                frame.style.width = '100%';
                frame.style.height = '4.5rem';
                frame.addEventListener('load', function () { ready.forEach(function (h) { h({ elementType: 'paymentMethodMessaging' }); }); });
                host.appendChild(frame);
              },
              on: function (name, handler) { if (name === 'ready') ready.push(handler); return this; },
              update: function () {},
              unmount: function () { if (frame && frame.parentNode) frame.parentNode.removeChild(frame); },
              destroy: function () { if (frame && frame.parentNode) frame.parentNode.removeChild(frame); frame = null; }
            };
          }
        };
      }
    };
  };
})();
`;
}

/** "As low as $N/mo": the sandbox's own example, 12 equal months, labelled as the sandbox's. */
function messagingFrame(url: URL, origin: string): string {
  const amount = Number(url.searchParams.get('amount'));
  const spanish = (url.searchParams.get('locale') ?? '').startsWith('es');
  const monthly = Number.isInteger(amount) && amount > 0 ? Math.ceil(amount / 12) : 0;
  const money = new Intl.NumberFormat(spanish ? 'es-US' : 'en-US', { style: 'currency', currency: 'USD' }).format(monthly / 100);
  const prequalify = `${origin}/prequalify?${new URLSearchParams({ amount: String(amount), account: url.searchParams.get('account') ?? '' })}`;
  const words = spanish
    ? { line: `Desde ${money}/mes con Affirm`, check: 'Consulte su poder de compra', note: 'Ejemplo del entorno local de Stripe' }
    : { line: `As low as ${money}/mo with Affirm`, check: 'Check your purchasing power', note: 'Local Stripe sandbox example' };
  return `<!doctype html><html lang="${spanish ? 'es' : 'en'}"><head><meta charset="utf-8"><title>Affirm</title>
<style>body{margin:0;font:15px system-ui,sans-serif;color:#1a1a1a}p{margin:.2rem 0}a{color:#0f5ec7;display:inline-block;min-height:24px;padding:2px 0}a:focus-visible{outline:3px solid #0f5ec7;outline-offset:2px}.note{color:#555;font-size:.8rem}</style></head>
<body><p data-testid="messaging">${escapeHtml(words.line)}. <a href="${escapeHtml(prequalify)}" target="_blank" rel="noopener">${escapeHtml(words.check)}</a></p><p class="note">${escapeHtml(words.note)}</p></body></html>`;
}

function prequalifyPage(url: URL): string {
  const amount = Number(url.searchParams.get('amount'));
  const limit = Number.isInteger(amount) && amount > 0 ? new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(Math.max(amount, 150000) / 100) : '';
  const done = url.searchParams.get('checked') === '1';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Affirm pre-qualification (sandbox)</title>
<style>body{font:16px system-ui,sans-serif;max-width:34rem;margin:2rem auto;padding:0 1rem}label,input,button{display:block;font:inherit;margin:.4rem 0}button{padding:.6rem 1rem}</style></head>
<body><p>Local Stripe sandbox: no credit check is made.</p><h1>Check your purchasing power with Affirm</h1>
${done ? `<p role="status">You are pre-qualified for up to ${escapeHtml(limit)} (sandbox). Choose Affirm when you pay.</p>` : `<form method="get"><input type="hidden" name="amount" value="${escapeHtml(String(amount))}"><input type="hidden" name="checked" value="1"><label for="name">Full name</label><input id="name" name="name" autocomplete="name" required><button type="submit">Check</button></form>`}
</body></html>`;
}
