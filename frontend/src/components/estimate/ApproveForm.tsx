/**
 * Deciding on an open estimate: the options as one radio group (side by side on a wide screen,
 * stacked on a phone, the recommended one marked), the terms in full, then the signature the
 * business asks for (a typed name; with `drawn`, a drawing too, or the name typed as the signature
 * instead, for whoever cannot draw: SignatureField), "I accept the terms", and
 * Approve or Decline (with an optional reason).
 *
 * What is missing is said at its field before anything is sent (focus goes to the first such
 * field, which reads out its error); the API checks it all again and its refusals are shown at
 * the same fields. Each approval or decline attempt has its own Idempotency-Key, reused only when
 * the same request is retried after an answer that never came (see estimate.ts, nextAttempt).
 * A 409 (changed, already decided) or 410 (expired) goes to the page, which reloads the estimate.
 */
import { useRef, useState } from 'preact/hooks';
import { maxSignatureImageChars, type ApproveEstimateBody, type ApproveEstimateResponse, type EstimateDetail, type SignatureMethod } from '../../../../shared/contract/customer/estimates';
import type { PortalInfo } from '../../../../shared/contract/customer/portal';
import { FinancingOffer } from '../FinancingOffer';
import type { Problem } from '../../../../shared/contract/problem';
import { api, fieldErrors, newIdempotencyKey } from '../../api';
import {
  approvalErrors,
  approvalFieldOf,
  approvalFields,
  type ApprovalField,
  type Attempt,
  describeDeposit,
  mayHaveReached,
  nextAttempt,
  preselectedOption,
  sentence,
} from '../../estimate';
import { formatMoney } from '../../format';
import { BusyButton } from '../BusyButton';
import { FieldError, ProblemMessage } from '../Status';
import { OptionDetails } from './OptionDetails';
import { signatureCanvasId, SignatureField, signatureMethodId, type SignaturePadHandle } from './SignatureField';
import { Terms } from './Terms';
import { t, tx } from '../../i18n/current';

interface Props {
  estimate: EstimateDetail;
  portal: PortalInfo;
  /** An estimate link's token: it decides instead of the session. */
  link: string | null;
  /** The page moves on (it reads the estimate again); the button stays busy until it has. */
  onApproved: (response: ApproveEstimateResponse) => Promise<void>;
  onDeclined: () => Promise<void>;
  /** 409 or 410: the estimate changed, was decided meanwhile, or expired. */
  onStale: (problem: Problem) => void;
  onSignedOut: () => void;
}

type Errors = Partial<Record<ApprovalField, string>>;

const errorId = (field: ApprovalField) => `approve-${field}-error`;

export function ApproveForm({ estimate, portal, link, onApproved, onDeclined, onStale, onSignedOut }: Props) {
  const [optionId, setOptionId] = useState<string | null>(() => preselectedOption(estimate.options));
  const [name, setName] = useState('');
  /** Where a drawing is asked: draw it, or type the name as the signature. */
  const [method, setMethod] = useState<SignatureMethod>('drawn');
  const [accepted, setAccepted] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, setPending] = useState(false);
  const [declining, setDeclining] = useState(false);
  const pad = useRef<SignaturePadHandle | null>(null);
  const attempt = useRef<Attempt | null>(null);
  const declineButton = useRef<HTMLButtonElement>(null);

  const money = (amount: number) => formatMoney({ amount, currency: estimate.currency });
  const chosen = estimate.options.find((o) => o.id === optionId) ?? null;
  const asksSignature = estimate.signature !== 'none';
  const deposit = describeDeposit(estimate.deposit, estimate.currency);

  function clearError(field: ApprovalField) {
    setErrors((old) => (old[field] ? { ...old, [field]: undefined } : old));
  }

  function focusField(field: ApprovalField) {
    const id =
      field === 'option' ? `option-${(chosen ?? estimate.options[0])?.id}` : field === 'name' ? 'signature-name' : field === 'drawing' ? (method === 'drawn' && document.getElementById(signatureCanvasId) ? signatureCanvasId : signatureMethodId) : 'accept-terms';
    document.getElementById(id)?.focus();
  }

  function show(found: Errors) {
    setErrors(found);
    const first = approvalFields.find((f) => found[f]);
    if (first) focusField(first);
  }

  async function approve(e: Event) {
    e.preventDefault();
    if (pending) return;
    setProblem(null);
    const typedInstead = estimate.signature === 'drawn' && method === 'typed';
    const drawn = estimate.signature === 'drawn' && !typedInstead && !!pad.current && !pad.current.isEmpty();
    const found = approvalErrors({ signature: estimate.signature, optionId, name, drawn, typedInstead, acceptTerms: accepted });
    const image = drawn ? pad.current!.toDataURL() : undefined;
    if (image && image.length > maxSignatureImageChars) found.drawing = t('portal.approve.error.drawingTooLarge');
    if (Object.keys(found).length > 0) {
      show(found);
      return;
    }
    setErrors({});
    const body: ApproveEstimateBody = {
      version: estimate.version,
      optionId: optionId!,
      // Typing instead of drawing: the name as typed is the signature (no second entry of it).
      ...(asksSignature ? { signature: { name: name.trim(), ...(image ? { image } : {}), ...(typedInstead ? { typed: name.trim() } : {}) } } : {}),
      acceptTerms: true,
    };
    const next = nextAttempt(attempt.current, JSON.stringify(body), newIdempotencyKey);
    attempt.current = next;
    setPending(true);
    const result = await api.approveEstimate(estimate.id, body, next.key, link);
    if (result.ok) {
      await onApproved(result.data);
      setPending(false);
      return;
    }
    setPending(false);
    attempt.current = { ...next, retry: mayHaveReached(result.status) };
    refused(result.problem);
  }

  /** A refusal of an approval or a decline: at its fields, to the page, or under the buttons. */
  function refused(refusal: Problem) {
    if (refusal.status === 401 && !link) return onSignedOut();
    if (refusal.status === 409 || refusal.status === 410) return onStale(refusal);
    if (refusal.status === 400) {
      const found: Errors = {};
      for (const { field, message } of refusal.errors ?? []) {
        const at = approvalFieldOf(field);
        if (at && !found[at]) found[at] = sentence(message);
      }
      if (Object.keys(found).length > 0) show(found);
    }
    setProblem(refusal);
  }

  const describedBy = (field: ApprovalField, ...more: string[]) => [...more, errors[field] ? errorId(field) : ''].filter(Boolean).join(' ') || undefined;

  return (
    <>
      <form class="approve-form" noValidate onSubmit={approve}>
        <fieldset class="options-fieldset">
          <legend>
            <h2 class="legend-heading">{t('portal.approve.chooseOption')}</h2>
          </legend>
          {deposit && <p class="hint">{t('portal.approve.depositDue', { deposit })}</p>}
          <FieldError id={errorId('option')} error={errors.option} />
          <div class="estimate-options">
            {estimate.options.map((option) => {
              const id = `option-${option.id}`;
              const selected = option.id === optionId;
              const choose = () => {
                setOptionId(option.id);
                clearError('option');
              };
              return (
                <div
                  key={option.id}
                  class={`option-card option-choice${selected ? ' option-selected' : ''}${option.recommended ? ' option-recommended' : ''}`}
                  onClick={choose}
                >
                  {option.recommended && (
                    <p id={`${id}-flag`} class="option-flag">
                      {t('portal.option.recommended')}
                    </p>
                  )}
                  <div class="option-choose">
                    <input
                      type="radio"
                      id={id}
                      name="optionId"
                      value={option.id}
                      checked={selected}
                      onChange={choose}
                      aria-describedby={describedBy('option', ...(option.recommended ? [`${id}-flag`] : []), `${id}-price`)}
                    />
                    <label for={id} class="option-name">
                      {option.name}
                    </label>
                  </div>
                  <p id={`${id}-price`} class="option-price">
                    {money(option.total)}
                    {option.deposit !== null && <span class="option-price-deposit"> · {t('portal.approve.optionDeposit', { amount: money(option.deposit) })}</span>}
                  </p>
                  <OptionDetails option={option} currency={estimate.currency} />
                </div>
              );
            })}
          </div>
        </fieldset>

        <Terms terms={estimate.terms} />

        {/* Financing the chosen option: Stripe's messaging, where the business offers Affirm and the total qualifies. */}
        {chosen && <FinancingOffer slug={portal.slug} payments={portal.payments} amount={{ amount: chosen.total, currency: estimate.currency }} />}

        <section class="section sign" aria-labelledby="sign-heading">
          <h2 id="sign-heading">{asksSignature ? t('portal.approve.signHeading') : t('portal.approve.heading')}</h2>
          <p class="approve-summary">
            {chosen ? (
              tx(chosen.deposit !== null ? 'portal.approve.summaryWithDeposit' : 'portal.approve.summary', {
                option: <strong>{chosen.name}</strong>,
                total: <strong>{money(chosen.total)}</strong>,
                deposit: chosen.deposit !== null ? money(chosen.deposit) : '',
              })
            ) : (
              t('portal.approve.chooseAbove')
            )}
          </p>
          {asksSignature && (
            <div class="field">
              <label for="signature-name">{t('portal.approve.nameLabel')}</label>
              <p id="signature-name-hint" class="hint">
                {estimate.signature === 'typed' || method === 'typed' ? t('portal.approve.nameHint.typed') : t('portal.approve.nameHint.drawn')}
              </p>
              <input
                id="signature-name"
                name="name"
                type="text"
                autoComplete="name"
                value={name}
                onInput={(e) => {
                  setName(e.currentTarget.value);
                  clearError('name');
                }}
                aria-invalid={errors.name ? 'true' : undefined}
                aria-describedby={describedBy('name', 'signature-name-hint')}
              />
              <FieldError id={errorId('name')} error={errors.name} />
            </div>
          )}
          {estimate.signature === 'drawn' && (
            <SignatureField
              pad={pad}
              method={method}
              onMethod={(chosen) => {
                setMethod(chosen);
                clearError('drawing');
              }}
              name={name}
              error={errors.drawing ?? null}
              onInk={() => clearError('drawing')}
            />
          )}
          <div class="field accept">
            <label class="check">
              <input
                id="accept-terms"
                type="checkbox"
                checked={accepted}
                onChange={(e) => {
                  setAccepted(e.currentTarget.checked);
                  clearError('terms');
                }}
                aria-invalid={errors.terms ? 'true' : undefined}
                aria-describedby={describedBy('terms')}
              />
              <span>{t('portal.approve.acceptTerms')}</span>
            </label>
            <FieldError id={errorId('terms')} error={errors.terms} />
          </div>
          {problem && <ProblemMessage problem={problem} />}
          <div class="decide-buttons">
            <BusyButton type="submit" class="button button-primary" pending={pending} disabled={declining}>
              {pending ? t('portal.approve.approving') : t('portal.approve.approve')}
            </BusyButton>
            <button
              ref={declineButton}
              type="button"
              class="button button-secondary"
              aria-expanded={declining}
              aria-controls="decline-panel"
              disabled={pending}
              onClick={() => setDeclining(true)}
            >
              {t('portal.approve.decline')}
            </button>
          </div>
        </section>
      </form>
      {declining && (
        <DeclinePanel
          estimate={estimate}
          business={portal.name}
          link={link}
          onDeclined={onDeclined}
          onRefused={refused}
          onCancel={() => {
            setDeclining(false);
            declineButton.current?.focus();
          }}
        />
      )}
    </>
  );
}

interface DeclineProps {
  estimate: EstimateDetail;
  business: string;
  link: string | null;
  onDeclined: () => Promise<void>;
  onRefused: (problem: Problem) => void;
  onCancel: () => void;
}

/** "Decline this estimate": an optional reason, then Decline estimate, or Keep it open. */
function DeclinePanel({ estimate, business, link, onDeclined, onRefused, onCancel }: DeclineProps) {
  const [reason, setReason] = useState('');
  const [pending, setPending] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  const [reasonError, setReasonError] = useState<string | null>(null);
  const attempt = useRef<Attempt | null>(null);
  const box = useRef<HTMLTextAreaElement>(null);

  async function decline(e: Event) {
    e.preventDefault();
    if (pending) return;
    const text = reason.trim();
    if (text.length > 2000) {
      setReasonError(t('portal.decline.error.tooLong', { max: 2000 }));
      box.current?.focus();
      return;
    }
    const body = text ? { reason: text } : {};
    const next = nextAttempt(attempt.current, JSON.stringify(body), newIdempotencyKey);
    attempt.current = next;
    setPending(true);
    setProblem(null);
    setReasonError(null);
    const result = await api.declineEstimate(estimate.id, body, next.key, link);
    if (result.ok) {
      await onDeclined();
      setPending(false);
      return;
    }
    setPending(false);
    attempt.current = { ...next, retry: mayHaveReached(result.status) };
    const refusedReason = result.status === 400 ? fieldErrors(result.problem).reason : undefined;
    if (refusedReason) {
      setReasonError(t('portal.decline.refused', { reason: refusedReason }));
      box.current?.focus();
      return;
    }
    if (result.status === 401 || result.status === 409 || result.status === 410) {
      onRefused(result.problem);
      return;
    }
    setProblem(result.problem);
  }

  return (
    <section id="decline-panel" class="section decline-panel" aria-labelledby="decline-heading">
      <h2 id="decline-heading">{t('portal.decline.heading')}</h2>
      <form class="field" noValidate onSubmit={decline}>
        <p>{t('portal.decline.text', { business })}</p>
        <label for="decline-reason">{t('portal.decline.reasonLabel')}</label>
        <textarea
          ref={(el) => {
            // Focus the reason box when the panel opens.
            if (el && !box.current) el.focus();
            box.current = el;
          }}
          id="decline-reason"
          name="reason"
          rows={3}
          value={reason}
          onInput={(e) => {
            setReason(e.currentTarget.value);
            if (reasonError) setReasonError(null);
          }}
          aria-invalid={reasonError ? 'true' : undefined}
          aria-describedby={reasonError ? 'decline-reason-error' : undefined}
        />
        <FieldError id="decline-reason-error" error={reasonError} />
        {problem && <ProblemMessage problem={problem} />}
        <div class="decide-buttons">
          <BusyButton type="submit" class="button button-primary" pending={pending}>
            {pending ? t('portal.decline.declining') : t('portal.decline.send')}
          </BusyButton>
          <button type="button" class="button button-secondary" disabled={pending} onClick={onCancel}>
            {t('portal.decline.keepOpen')}
          </button>
        </div>
      </form>
    </section>
  );
}
