/**
 * The service request form, signed in (`customer`: one of the customer's addresses or a new one)
 * or on the business's website (`public`: a new address, plus name, email and phone, a field
 * people never see, and how long the form was open). What is typed, and the photos already
 * uploaded, are kept in this browser as a draft (localStorage) until the request is sent, so a
 * reload or a dropped connection loses nothing. The draft keeps its last attempt too
 * (estimate.ts `nextAttempt`): sending the same again after no answer or a server error keeps its
 * Idempotency-Key (the server answers as the first time, nothing is made twice); anything else
 * (a refusal the person then corrects) is sent under a fresh key, since the server keeps its
 * answer to a key, refusals included. The website's form also keeps a `submissionKey` for the
 * whole draft: the request's id derives from it, so a resend after a lost answer makes no second
 * held request.
 *
 * Errors: each field's message is tied to it (aria-describedby), and after a refused submit
 * (checked here first, then by the server) focus goes to the first field at fault.
 */
import { useRef, useState, useLayoutEffect } from 'preact/hooks';
import type { KnownAddress, RequestUrgency, RequestView, ServiceView } from '../../../../shared/contract/customer/requests';
import type { MessageKey } from '../../../../shared/contract/i18n/keys';
import type { Problem } from '../../../../shared/contract/problem';
import { newIdempotencyKey, request } from '../../api';
import { type Attempt, mayHaveReached, nextAttempt } from '../../estimate';
import { announce } from '../../components/Announcer';
import { BusyButton } from '../../components/BusyButton';
import { FieldError, ProblemMessage } from '../../components/Status';
import { parseContact } from '../../contact';
import { formatFileSize } from '../../format';
import { acceptFor, uploadFile, uploadProblemText, type SentFile } from '../../uploads';
import { t } from '../../i18n/current';

type Part = 'morning' | 'afternoon' | 'evening';
const parts: Record<Part, [number, number]> = { morning: [8, 12], afternoon: [12, 17], evening: [17, 20] };
const partLabels: Record<Part, MessageKey> = { morning: 'portal.requests.part.morning', afternoon: 'portal.requests.part.afternoon', evening: 'portal.requests.part.evening' };
const urgencies: { value: RequestUrgency; label: MessageKey }[] = [
  { value: 'routine', label: 'portal.requests.urgency.routine' },
  { value: 'soon', label: 'portal.requests.urgency.soon' },
  { value: 'urgent', label: 'portal.requests.urgency.urgent' },
];
const maxWindows = 3;
const maxFiles = 10;
/** How far ahead a preferred time may end: the server's bound (shared/requests/create.ts, checkWindows). */
const withinMs = 366 * 24 * 3600_000;

interface AddressDraft {
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

interface Draft {
  /** '' until one is chosen; 'other' for "something else". */
  service: string;
  description: string;
  /** A job id (one of the customer's addresses) or 'new'. */
  addressChoice: string;
  address: AddressDraft;
  when: 'asap' | 'windows' | '';
  windows: { date: string; part: Part }[];
  urgency: RequestUrgency | '';
  files: SentFile[];
  contact: { name: string; email: string; phone: string };
  /** The last send (its Idempotency-Key and body), or null before the first. */
  attempt: Attempt | null;
  /** The website's form: names this request (its id derives from it) until it is made. */
  submissionKey: string;
  /** When the form was first shown (the website's time-to-fill). */
  startedAt: number;
}

const emptyAddress: AddressDraft = { line1: '', line2: '', city: '', region: '', postalCode: '', country: 'US' };
const freshDraft = (addresses: readonly KnownAddress[]): Draft => ({
  service: '',
  description: '',
  addressChoice: addresses[0]?.jobId ?? 'new',
  address: emptyAddress,
  when: '',
  windows: [{ date: '', part: 'morning' }],
  urgency: '',
  files: [],
  contact: { name: '', email: '', phone: '' },
  attempt: null,
  submissionKey: newIdempotencyKey(),
  startedAt: Date.now(),
});

/** One draft per portal and person (a customer's id; `public` on the website's form): another customer on this browser starts afresh. */
const draftKey = (owner: string, slug: string) => `portal.requestDraft.${owner}.${slug}`;
/** Where "check your email" finds the address it went to (this tab only). */
export const sentToKey = (slug: string) => `portal.requestSentTo.${slug}`;

function readDraft(owner: string, slug: string, addresses: readonly KnownAddress[]): Draft {
  try {
    const stored = JSON.parse(localStorage.getItem(draftKey(owner, slug)) ?? 'null') as Partial<Draft> | null;
    // A draft kept before `submissionKey` (it had only `key`) takes a fresh one and a fresh attempt.
    if (stored && typeof stored === 'object' && (typeof stored.submissionKey === 'string' || 'key' in stored)) return { ...freshDraft(addresses), ...stored };
  } catch {
    /* a broken draft: start afresh */
  }
  return freshDraft(addresses);
}

/** Field keys, in the order the form shows them (the first at fault takes focus), and the element each is. */
const fieldOrder = ['service', 'description', 'address', 'line1', 'city', 'region', 'postalCode', 'country', 'when', 'window0', 'window1', 'window2', 'urgency', 'files', 'name', 'email', 'phone'] as const;
type FieldKey = (typeof fieldOrder)[number];
const idOf = (key: FieldKey) => `req-${key}`;

/** A server field path (`windows.0.start`, `contact.email`, `address.city`) as this form's field. */
function fieldOfPath(path: string): FieldKey | null {
  const [head, second] = path.split('.');
  if (head === 'serviceId') return 'service';
  if (head === 'description') return 'description';
  if (head === 'addressFromJobId') return 'address';
  if (head === 'address') return second && (fieldOrder as readonly string[]).includes(second) ? (second as FieldKey) : 'address';
  if (head === 'windows') return second !== undefined && /^[0-2]$/.test(second) ? (`window${second}` as FieldKey) : 'when';
  if (head === 'asSoonAsPossible') return 'when';
  if (head === 'urgency') return 'urgency';
  if (head === 'files') return 'files';
  if (head === 'contact') return second === 'email' ? 'email' : second === 'phone' ? 'phone' : 'name';
  return null;
}

/** The start and end of a preferred time, in this browser's zone (the business's, for nearly everyone). */
function windowOf(w: { date: string; part: Part }) {
  const [from, to] = parts[w.part];
  const at = (hour: number) => new Date(`${w.date}T${String(hour).padStart(2, '0')}:00:00`).toISOString();
  return { start: at(from), end: at(to) };
}

export function RequestForm({
  slug,
  mode,
  owner,
  services,
  addresses,
  onSent,
}: {
  slug: string;
  mode: 'customer' | 'public';
  /** Whose draft: the signed-in customer's id, or `public`. */
  owner: string;
  services: readonly ServiceView[];
  addresses: readonly KnownAddress[];
  onSent: (made: RequestView, email?: string) => void;
}) {
  const [draft, setDraft] = useState<Draft>(() => readDraft(owner, slug, addresses));
  const [errors, setErrors] = useState<Partial<Record<FieldKey, string>>>({});
  const [problem, setProblem] = useState<Problem | null>(null);
  const [pending, setPending] = useState(false);
  const [uploading, setUploading] = useState<string | null>(null);
  const focusNext = useRef<FieldKey | null>(null);
  /** After a Remove button removes itself: the element to take focus once the form has redrawn. */
  const focusAfterRemove = useRef<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  // The draft survives a reload: every change is kept, in the same task as it is shown (a layout
  // effect), so a reload or a closed tab right after a change does not find the one before it.
  useLayoutEffect(() => {
    localStorage.setItem(draftKey(owner, slug), JSON.stringify(draft));
  }, [draft]);
  // A Remove button is gone once it is used: focus moves on to the control beside what it removed,
  // in the same task as the button goes (a layout effect; see useFocusWhen).
  useLayoutEffect(() => {
    const id = focusAfterRemove.current;
    focusAfterRemove.current = null;
    if (id) document.getElementById(id)?.focus();
  }, [draft]);
  // After a refused submit, the first field at fault takes focus (its message is read out with it).
  useLayoutEffect(() => {
    const key = focusNext.current;
    focusNext.current = null;
    if (key) (document.getElementById(idOf(key)) ?? document.querySelector<HTMLElement>(`[data-field="${key}"] input, [data-field="${key}"] select`))?.focus();
  }, [errors]);

  const update = (change: Partial<Draft>) => setDraft((d) => ({ ...d, ...change }));
  const newAddress = mode === 'public' || draft.addressChoice === 'new';

  const refuse = (found: Partial<Record<FieldKey, string>>) => {
    focusNext.current = fieldOrder.find((k) => found[k]) ?? null;
    setErrors(found);
  };

  const check = (): Partial<Record<FieldKey, string>> => {
    const found: Partial<Record<FieldKey, string>> = {};
    if (!draft.service) found.service = t('portal.requests.error.service');
    if (!draft.description.trim()) found.description = t('portal.requests.error.description');
    if (newAddress) {
      if (!draft.address.line1.trim()) found.line1 = t('portal.requests.error.required');
      if (!draft.address.city.trim()) found.city = t('portal.requests.error.required');
      if (!draft.address.region.trim()) found.region = t('portal.requests.error.required');
      if (!draft.address.postalCode.trim()) found.postalCode = t('portal.requests.error.required');
      if (!/^[A-Za-z]{2}$/.test(draft.address.country.trim())) found.country = t('portal.requests.error.country');
    }
    if (!draft.when) found.when = t('portal.requests.error.when');
    if (draft.when === 'windows') {
      // Today in this browser's zone (the days the date picker shows), and the server's year ahead.
      const now = new Date();
      const today = `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
      draft.windows.forEach((w, i) => {
        if (!w.date) found[`window${i}` as FieldKey] = t('portal.requests.error.date');
        else if (w.date < today) found[`window${i}` as FieldKey] = t('portal.requests.error.past');
        else if (new Date(windowOf(w).end).getTime() > now.getTime() + withinMs) found[`window${i}` as FieldKey] = t('portal.requests.error.tooFar');
      });
    }
    if (!draft.urgency) found.urgency = t('portal.requests.error.urgency');
    if (mode === 'public') {
      if (!draft.contact.name.trim()) found.name = t('portal.requests.error.required');
      const email = parseContact('email', draft.contact.email);
      if (!email.ok) found.email = email.message;
      if (draft.contact.phone.trim()) {
        const phone = parseContact('phone', draft.contact.phone);
        if (!phone.ok) found.phone = phone.message;
      }
    }
    return found;
  };

  const addFiles = async (list: FileList | null) => {
    if (!list) return;
    const chosen = [...list];
    if (fileInput.current) fileInput.current.value = '';
    setErrors((e) => ({ ...e, files: undefined }));
    for (const [i, file] of chosen.entries()) {
      if (draft.files.length + i >= maxFiles) {
        setErrors((e) => ({ ...e, files: t('portal.requests.error.tooManyFiles', { max: maxFiles }) }));
        break;
      }
      setUploading(file.name);
      const sent = await uploadFile(file, { slug, purpose: 'request' });
      setUploading(null);
      if (sent.ok) {
        setDraft((d) => ({ ...d, files: [...d.files, sent.data] }));
        announce(t('portal.requests.files.added', { name: file.name }));
      } else {
        const message = uploadProblemText(sent.problem);
        setErrors((e) => ({ ...e, files: message }));
        announce(message);
      }
    }
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setProblem(null);
    const found = check();
    if (Object.keys(found).length > 0) {
      refuse(found);
      return;
    }
    setErrors({});
    const shared = {
      serviceId: draft.service === 'other' ? null : draft.service,
      description: draft.description,
      asSoonAsPossible: draft.when === 'asap',
      windows: draft.when === 'windows' ? draft.windows.map(windowOf) : [],
      urgency: draft.urgency,
      files: draft.files.map((f) => (f.claimToken ? { id: f.id, claimToken: f.claimToken } : { id: f.id })),
    };
    const address = { ...draft.address, line2: draft.address.line2.trim() || null, country: draft.address.country.trim().toUpperCase() };
    setPending(true);
    let answer;
    if (mode === 'customer') {
      const body = { ...shared, ...(newAddress ? { address } : { addressFromJobId: draft.addressChoice }) };
      const attempt = nextAttempt(draft.attempt, JSON.stringify(body), newIdempotencyKey);
      update({ attempt });
      answer = await request<RequestView>('POST', '/api/requests', body, undefined, { 'idempotency-key': attempt.key });
      // Only a send that may have reached the server is retried under its key (see the top).
      update({ attempt: { ...attempt, retry: !answer.ok && mayHaveReached(answer.status) } });
    } else {
      answer = await request<RequestView>('POST', `/api/portals/${encodeURIComponent(slug)}/requests`, {
        ...shared,
        address,
        contact: { name: draft.contact.name, email: draft.contact.email.trim(), phone: draft.contact.phone.trim() ? (parseContact('phone', draft.contact.phone) as { value: string }).value : null },
        website: (document.getElementById('req-website') as HTMLInputElement | null)?.value ?? '',
        fillMs: Math.min(Date.now() - draft.startedAt, 7 * 24 * 3600_000),
        submissionKey: draft.submissionKey,
      });
    }
    setPending(false);
    if (answer.ok) {
      localStorage.removeItem(draftKey(owner, slug));
      onSent(answer.data, draft.contact.email.trim());
      return;
    }
    const fromServer: Partial<Record<FieldKey, string>> = {};
    for (const error of answer.problem.errors ?? []) {
      const key = fieldOfPath(error.field);
      if (key && !fromServer[key]) fromServer[key] = error.message;
    }
    if (Object.keys(fromServer).length > 0) refuse(fromServer);
    else setProblem(answer.problem);
  };

  const described = (key: FieldKey, hint?: string) => {
    const ids = [hint, errors[key] ? `${idOf(key)}-error` : null].filter(Boolean).join(' ');
    return { 'aria-describedby': ids || undefined, 'aria-invalid': errors[key] ? ('true' as const) : undefined };
  };

  const textField = (key: FieldKey, label: string, value: string, set: (v: string) => void, options: { type?: string; autoComplete?: string; optional?: boolean; multiline?: boolean; inputMode?: 'tel' | 'email' } = {}) => (
    <div class="field" data-field={key}>
      <label for={idOf(key)}>
        {label}
        {options.optional && <span class="hint"> {t('portal.requests.optional')}</span>}
      </label>
      {options.multiline ? (
        <textarea id={idOf(key)} rows={5} value={value} onInput={(e) => set(e.currentTarget.value)} {...described(key)} />
      ) : (
        <input id={idOf(key)} type={options.type ?? 'text'} inputMode={options.inputMode} autoComplete={options.autoComplete} value={value} onInput={(e) => set(e.currentTarget.value)} {...described(key)} />
      )}
      <FieldError id={`${idOf(key)}-error`} error={errors[key]} />
    </div>
  );

  /** A group's message is read with it; the group itself is not a field (no aria-invalid). */
  const groupDescribed = (key: FieldKey) => ({ 'aria-describedby': errors[key] ? `${idOf(key)}-error` : undefined });

  const filesClosed = uploading !== null || draft.files.length >= maxFiles;

  const setAddress = (change: Partial<AddressDraft>) => update({ address: { ...draft.address, ...change } });

  return (
    <form class="stack request-form" noValidate onSubmit={submit}>
      <fieldset class="options-fieldset" data-field="service" {...groupDescribed('service')}>
        <legend class="legend-heading">{t('portal.requests.field.service')}</legend>
        {[...services.map((s) => ({ value: s.id, label: s.name })), { value: 'other', label: t('portal.requests.service.other') }].map((option, i) => (
          <label key={option.value} class="check">
            <input type="radio" name="req-service" id={i === 0 ? idOf('service') : undefined} value={option.value} checked={draft.service === option.value} onChange={() => update({ service: option.value })} />
            {option.label}
          </label>
        ))}
        <FieldError id={`${idOf('service')}-error`} error={errors.service} />
      </fieldset>

      {textField('description', t('portal.requests.field.description'), draft.description, (v) => update({ description: v }), { multiline: true })}

      <fieldset class="options-fieldset" data-field="address" {...groupDescribed('address')}>
        <legend class="legend-heading">{t('portal.requests.field.address')}</legend>
        {mode === 'customer' &&
          [...addresses.map((a) => ({ value: a.jobId, label: a.line })), { value: 'new', label: t('portal.requests.address.new') }].map((option, i) => (
            <label key={option.value} class="check">
              <input type="radio" name="req-address" id={i === 0 ? idOf('address') : undefined} value={option.value} checked={draft.addressChoice === option.value} onChange={() => update({ addressChoice: option.value })} />
              {option.label}
            </label>
          ))}
        <FieldError id={`${idOf('address')}-error`} error={errors.address} />
        {newAddress && (
          <div class="stack">
            {textField('line1', t('portal.requests.address.line1'), draft.address.line1, (v) => setAddress({ line1: v }), { autoComplete: 'address-line1' })}
            <div class="field">
              <label for="req-line2">
                {t('portal.requests.address.line2')}
                <span class="hint"> {t('portal.requests.optional')}</span>
              </label>
              <input id="req-line2" type="text" autoComplete="address-line2" value={draft.address.line2} onInput={(e) => setAddress({ line2: e.currentTarget.value })} />
            </div>
            {textField('city', t('portal.requests.address.city'), draft.address.city, (v) => setAddress({ city: v }), { autoComplete: 'address-level2' })}
            {textField('region', t('portal.requests.address.region'), draft.address.region, (v) => setAddress({ region: v }), { autoComplete: 'address-level1' })}
            {textField('postalCode', t('portal.requests.address.postalCode'), draft.address.postalCode, (v) => setAddress({ postalCode: v }), { autoComplete: 'postal-code' })}
            {textField('country', t('portal.requests.address.country'), draft.address.country, (v) => setAddress({ country: v }), { autoComplete: 'country' })}
          </div>
        )}
      </fieldset>

      <fieldset class="options-fieldset" data-field="when" {...groupDescribed('when')}>
        <legend class="legend-heading">{t('portal.requests.field.when')}</legend>
        <label class="check">
          <input type="radio" name="req-when" id={idOf('when')} checked={draft.when === 'asap'} onChange={() => update({ when: 'asap' })} />
          {t('portal.requests.when.asap')}
        </label>
        <label class="check">
          <input type="radio" name="req-when" checked={draft.when === 'windows'} onChange={() => update({ when: 'windows' })} />
          {t('portal.requests.when.windows', { max: maxWindows })}
        </label>
        <FieldError id={`${idOf('when')}-error`} error={errors.when} />
        {draft.when === 'windows' &&
          draft.windows.map((w, i) => {
            const key = `window${i}` as FieldKey;
            const setWindow = (change: Partial<Draft['windows'][number]>) => update({ windows: draft.windows.map((x, j) => (j === i ? { ...x, ...change } : x)) });
            return (
              <div key={i} class="request-window" data-field={key}>
                <div class="field">
                  <label for={idOf(key)}>{t('portal.requests.window.date', { n: i + 1 })}</label>
                  <input id={idOf(key)} type="date" value={w.date} onInput={(e) => setWindow({ date: e.currentTarget.value })} {...described(key)} />
                  <FieldError id={`${idOf(key)}-error`} error={errors[key]} />
                </div>
                <div class="field">
                  <label for={`${idOf(key)}-part`}>{t('portal.requests.window.part', { n: i + 1 })}</label>
                  <select id={`${idOf(key)}-part`} value={w.part} onChange={(e) => setWindow({ part: e.currentTarget.value as Part })}>
                    {(Object.keys(parts) as Part[]).map((p) => (
                      <option key={p} value={p}>
                        {t(partLabels[p])}
                      </option>
                    ))}
                  </select>
                </div>
                {draft.windows.length > 1 && (
                  <button
                    type="button"
                    class="button button-secondary button-small"
                    onClick={() => {
                      focusAfterRemove.current = 'req-window-add';
                      update({ windows: draft.windows.filter((_, j) => j !== i) });
                    }}
                  >
                    {t('portal.requests.window.remove', { n: i + 1 })}
                  </button>
                )}
              </div>
            );
          })}
        {draft.when === 'windows' && draft.windows.length < maxWindows && (
          <button type="button" id="req-window-add" class="button button-secondary button-small" onClick={() => update({ windows: [...draft.windows, { date: '', part: 'morning' }] })}>
            {t('portal.requests.window.add')}
          </button>
        )}
      </fieldset>

      <fieldset class="options-fieldset" data-field="urgency" {...groupDescribed('urgency')}>
        <legend class="legend-heading">{t('portal.requests.field.urgency')}</legend>
        {urgencies.map((u, i) => (
          <label key={u.value} class="check">
            <input type="radio" name="req-urgency" id={i === 0 ? idOf('urgency') : undefined} checked={draft.urgency === u.value} onChange={() => update({ urgency: u.value })} />
            {t(u.label)}
          </label>
        ))}
        <FieldError id={`${idOf('urgency')}-error`} error={errors.urgency} />
      </fieldset>

      <div class="field" data-field="files">
        <label for={idOf('files')}>{t('portal.requests.field.files')}</label>
        <p id="req-files-hint" class="hint">
          {t('portal.requests.files.hint', { max: maxFiles })}
        </p>
        {/* Not `disabled` while a file is sent: that would drop keyboard focus to the page. It says so instead, and opens no picker. */}
        <input
          ref={fileInput}
          id={idOf('files')}
          type="file"
          multiple
          accept={acceptFor('request')}
          aria-disabled={filesClosed ? 'true' : undefined}
          onClick={(e) => {
            if (filesClosed) e.preventDefault();
          }}
          onChange={(e) => void addFiles(e.currentTarget.files)}
          {...described('files', 'req-files-hint')}
        />
        <FieldError id={`${idOf('files')}-error`} error={errors.files} />
        {uploading && (
          <p class="hint" role="status">
            {t('portal.requests.files.uploading', { name: uploading })}
          </p>
        )}
        {draft.files.length > 0 && (
          <ul class="plain-list request-files">
            {draft.files.map((f) => (
              <li key={f.id}>
                <span>
                  {f.fileName} ({formatFileSize(f.sizeBytes)})
                </span>{' '}
                <button
                  type="button"
                  class="button button-secondary button-small"
                  onClick={() => {
                    focusAfterRemove.current = idOf('files');
                    update({ files: draft.files.filter((x) => x.id !== f.id) });
                  }}
                >
                  {t('portal.requests.files.remove', { name: f.fileName })}
                </button>
              </li>
            ))}
          </ul>
        )}
      </div>

      {mode === 'public' && (
        <fieldset class="options-fieldset">
          <legend class="legend-heading">{t('portal.requests.field.contact')}</legend>
          {textField('name', t('portal.requests.contact.name'), draft.contact.name, (v) => update({ contact: { ...draft.contact, name: v } }), { autoComplete: 'name' })}
          {textField('email', t('portal.requests.contact.email'), draft.contact.email, (v) => update({ contact: { ...draft.contact, email: v } }), { type: 'email', autoComplete: 'email', inputMode: 'email' })}
          {textField('phone', t('portal.requests.contact.phone'), draft.contact.phone, (v) => update({ contact: { ...draft.contact, phone: v } }), { type: 'tel', autoComplete: 'tel', inputMode: 'tel', optional: true })}
          {/* People never see this field, nor reach it by keyboard; a bot fills it in (rule 86). */}
          <div class="visually-hidden" aria-hidden="true">
            <label for="req-website">{t('portal.requests.honeypot')}</label>
            <input id="req-website" type="text" name="website" tabIndex={-1} autoComplete="off" />
          </div>
        </fieldset>
      )}

      {problem && <ProblemMessage problem={problem} />}
      <BusyButton type="submit" class="button button-primary" pending={pending} disabled={uploading !== null}>
        {mode === 'public' ? t('portal.requests.submit.public') : t('portal.requests.submit.customer')}
      </BusyButton>
    </form>
  );
}
