/**
 * The Forms section's pages, loaded on first visit (lazy.ts): the list of forms the business sent
 * (to fill, submitted), and one form, filled or as submitted. The link page (FormLink.tsx) shows
 * the same form from a form link.
 *
 * Filling: one question per screen (the default on a phone) or all at once, the customer's
 * choice, kept in this browser. What is typed is saved on the server every few seconds and when
 * the page is left (a keepalive request), so it resumes here after a reload or signed in on
 * another device. Each answer is checked by the same schema the server runs (built once from the
 * version: shared/contract/forms.ts): a question hidden by its condition is neither asked nor
 * kept. A review lists every answer before the one Submit (idempotent: a double tap is one
 * submission). Every input is labelled, its help and its error tied to it (aria-describedby), a
 * refused answer takes focus, and a signature can always be typed.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import '../../lazy-kit';
import type { FormDetail, FormListResponse, FormPdfResponse, SubmitFormResponse } from '../../../../shared/contract/customer/forms';
import type { MeResponse } from '../../../../shared/contract/customer/portal';
import type { Problem } from '../../../../shared/contract/problem';
import type { SignatureMethod } from '../../../../shared/contract/customer/estimates';
import { checkAnswers, formAnswersSchema, isEmptyAnswer, shownFieldIds, type AnswerProblem, type FormField } from '../../../../shared/contract/forms';
import { asLink, newIdempotencyKey, request } from '../../api';
import { announce } from '../../components/Announcer';
import { BusyButton } from '../../components/BusyButton';
import { Link } from '../../components/Link';
import { FieldError, Loading, ProblemMessage } from '../../components/Status';
import { linkStatusPage } from '../../components/LinkStatusPage';
import { Page } from '../../components/Page';
import { PublicLayout } from '../../layouts/PublicLayout';
import { useLinkedDocument } from '../../useLinkedDocument';
import { SignatureField, type SignaturePadHandle } from '../../components/estimate/SignatureField';
import { formatDate } from '../../format';
import { paths } from '../../router';
import { useResource } from '../../useResource';
import { acceptFor, uploadFile, uploadProblemText } from '../../uploads';
import { t } from '../../i18n/current';

type Answers = Record<string, unknown>;
type Mode = 'one' | 'all';
const modeKey = 'portal.forms.mode';

const formPath = (id: string) => `/api/forms/${encodeURIComponent(id)}`;

// ---------- the pages ----------

/** `/{slug}/forms` and `/{slug}/forms/{formId}`, signed in. */
export function FormsPage({ slug, formId, me }: { slug: string; formId: string | null; me: MeResponse }) {
  return (
    <Page
      title={formId ? t('portal.forms.form') : t('portal.nav.forms')}
      business={me.business.name}
      before={
        formId && (
          <Link class="back-link" href={paths.forms(slug)}>
            {t('portal.forms.back')}
          </Link>
        )
      }
    >
      {formId ? <FormDetailBody slug={slug} formId={formId} me={me} /> : <FormListBody slug={slug} me={me} />}
    </Page>
  );
}

/**
 * `/{slug}/form#token=…`: a form link. The business sent the customer one form to fill, no
 * sign-in needed: the token (sent as `Authorization: Link …`) opens that form, its draft, its
 * submission and its PDF, nothing else, and it never signs anyone in. Opening the page only reads
 * (a mail scanner submits nothing). A dead link says so, with how to reach the business, in the
 * pay link page's words.
 */
export function FormLinkPage({ slug }: { slug: string }) {
  const link = useLinkedDocument(slug, {
    kind: 'form',
    read: (id, token, signal) => request<FormDetail>('GET', formPath(id), undefined, signal, asLink(token)),
    here: (portalSlug) => paths.formLink(portalSlug),
  });
  const { token, linkPortal, loaded: form, invalid, problem } = link;
  const content =
    !form || !linkPortal || invalid || problem ? (
      linkStatusPage({ noun: 'form', expiredWhy: t('portal.forms.expiredWhy'), portal: link.portal, invalid, problem, retry: link.retry })
    ) : (
      <Page title={form.title} business={linkPortal.name}>
        <FormView slug={linkPortal.slug} detail={form} link={token} timeZone={linkPortal.timeZone} />
      </Page>
    );
  return <PublicLayout slug={linkPortal?.slug ?? slug}>{content}</PublicLayout>;
}

// ---------- the list ----------

export function FormListBody({ slug, me }: { slug: string; me: MeResponse }) {
  const [open, retryOpen] = useResource((signal) => request<FormListResponse>('GET', '/api/forms?status=open&limit=100', undefined, signal), []);
  const [done, retryDone] = useResource((signal) => request<FormListResponse>('GET', '/api/forms?status=submitted&limit=100', undefined, signal), []);
  const zone = me.business.timeZone;
  const list = (state: typeof open, retry: () => void, heading: string, empty: string, submitted: boolean) => (
    <section aria-labelledby={`forms-${submitted ? 'submitted' : 'open'}`}>
      <h2 id={`forms-${submitted ? 'submitted' : 'open'}`}>{heading}</h2>
      {state.status === 'loading' && <Loading />}
      {state.status === 'error' && <ProblemMessage problem={state.problem} retry={retry} />}
      {state.status === 'ok' && state.data.items.length === 0 && <p class="empty">{empty}</p>}
      {state.status === 'ok' && state.data.items.length > 0 && (
        <ul class="cards">
          {state.data.items.map((form) => (
            <li key={form.id} class="card">
              <Link href={paths.form(slug, form.id)}>{form.title}</Link>
              <p class="hint">
                {submitted && form.submittedAt
                  ? t('portal.forms.submittedOn', { date: formatDate(form.submittedAt, zone) })
                  : t('portal.forms.sentOn', { date: formatDate(form.sentAt, zone) })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
  return (
    <>
      {list(open, retryOpen, t('portal.forms.toFill'), t('portal.forms.noneToFill', { business: me.business.name }), false)}
      {list(done, retryDone, t('portal.forms.submitted'), t('portal.forms.noneSubmitted'), true)}
    </>
  );
}

// ---------- one form, signed in ----------

export function FormDetailBody({ slug, formId, me }: { slug: string; formId: string; me: MeResponse }) {
  const [loaded, retry] = useResource((signal) => request<FormDetail>('GET', formPath(formId), undefined, signal), [formId]);
  if (loaded.status === 'loading') return <Loading />;
  if (loaded.status === 'error') return <ProblemMessage problem={loaded.problem} retry={retry} />;
  return <FormView slug={slug} detail={loaded.data} link={null} timeZone={me.business.timeZone} />;
}

/** A form to fill, or as submitted: the signed-in page's and the link page's. */
export function FormView({ slug, detail, link, timeZone }: { slug: string; detail: FormDetail; link: string | null; timeZone: string }) {
  const [current, setCurrent] = useState(detail);
  if (current.submission) return <SubmittedForm detail={current} link={link} timeZone={timeZone} />;
  return (
    <FormFill
      slug={slug}
      detail={current}
      link={link}
      onSubmitted={async () => {
        const again = await request<FormDetail>('GET', formPath(detail.id), undefined, undefined, asLink(link));
        if (again.ok) setCurrent(again.data);
        announce(t('portal.forms.thanks'));
      }}
    />
  );
}

// ---------- filling ----------

/** What the field's error says, from the schema's problem (the same words the server would say). */
function errorText(field: FormField, problem: AnswerProblem): string {
  switch (problem.kind) {
    case 'required':
      return field.kind === 'signature' ? t('portal.forms.error.signature') : t('portal.forms.error.required');
    case 'email':
      return t('portal.forms.error.email');
    case 'number':
    case 'finite':
      return t('portal.forms.error.number');
    case 'integer':
      return t('portal.forms.error.wholeNumber');
    case 'min_value':
      return t('portal.forms.error.tooSmall', { min: problem.requirement ?? 0 });
    case 'max_value':
      return t('portal.forms.error.tooLarge', { max: problem.requirement ?? 0 });
    case 'max_length':
      return t('portal.forms.error.tooLong', { max: problem.requirement ?? 0 });
    default:
      return field.kind === 'date' ? t('portal.forms.error.date') : field.kind === 'phone' ? t('portal.forms.error.phone') : field.kind === 'signature' ? t('portal.forms.error.signature') : t('portal.forms.error.invalid');
  }
}

/** The field a server's error names: `answers.<fieldId>…`. */
const fieldOfError = (field: string): string | null => /^answers\.([^.[]+)/.exec(field)?.[1] ?? null;

/** A draft keeps no drawing (it is drawn again): small enough for a keepalive request. */
function draftOf(answers: Answers): Answers {
  return Object.fromEntries(
    Object.entries(answers).map(([id, value]) => {
      if (value && typeof value === 'object' && 'image' in value) {
        const { image: _image, ...rest } = value as Record<string, unknown>;
        return [id, rest];
      }
      return [id, value];
    }),
  );
}

const questionId = (field: FormField) => `q-${field.id}`;
const inputId = (field: FormField) => `form-${field.id}`;
/** "Question n of m", one question per screen: each question's inputs are described by it, so moving on says where you are. */
const progressId = 'form-progress';

/**
 * Focus to a question: to what its error is about (a refused input, or a drawing's box), else its
 * first input. A drawn signature's own error is at its box, not its name (SignatureQuestion).
 */
function focusQuestion(id: string) {
  requestAnimationFrame(() => {
    const box = document.getElementById(`q-${id}`);
    const target = box?.querySelector<HTMLElement>(':is(input, textarea, select)[aria-invalid="true"], canvas.signature-pad-invalid') ?? box?.querySelector<HTMLElement>('input, textarea, select, canvas');
    target?.focus();
  });
}

function FormFill({ slug, detail, link, onSubmitted }: { slug: string; detail: FormDetail; link: string | null; onSubmitted: () => Promise<void> }) {
  const definition = detail.form;
  const version = detail.form.version;
  const schema = useMemo(() => formAnswersSchema(definition), [definition]);
  const [answers, setAnswers] = useState<Answers>(() => detail.draft?.answers ?? {});
  const [mode, setMode] = useState<Mode>(() => (localStorage.getItem(modeKey) === 'all' ? 'all' : 'one'));
  const [step, setStep] = useState(0);
  const [reviewing, setReviewing] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [savedAt, setSavedAt] = useState<string | null>(detail.draft?.savedAt ?? null);
  const [submitting, setSubmitting] = useState(false);
  const [problem, setProblem] = useState<Problem | null>(null);
  // How each signature question is signed; a drawing is kept in its answer at each stroke's end
  // (page state only: a draft keeps none), so it is sent after its pad has gone from the screen.
  const [methods, setMethods] = useState<Record<string, SignatureMethod>>({});
  const latest = useRef(answers);
  latest.current = answers;
  const dirty = useRef(false);
  const key = useRef(newIdempotencyKey());

  const shown = shownFieldIds(definition, answers);
  const questions = definition.fields.filter((f) => f.kind !== 'section' && shown.has(f.id));
  const index = Math.min(step, Math.max(questions.length - 1, 0));

  // The draft: every few seconds while something changed, and on leaving the page. Every save is a
  // keepalive request, not only the one on leaving: a timed save still on its way when the page
  // goes has already cleared `dirty`, so leaving sends nothing, and a plain request would be
  // cancelled with the page, losing the last answers.
  useEffect(() => {
    const save = () => {
      if (!dirty.current) return;
      dirty.current = false;
      const body = JSON.stringify({ version, answers: draftOf(latest.current) });
      void fetch(`${formPath(detail.id)}/draft`, {
        method: 'PUT',
        credentials: 'same-origin',
        keepalive: true,
        headers: { ...asLink(link), 'content-type': 'application/json', accept: 'application/json' },
        body,
      }).then(
        async (res) => {
          if (res.ok) setSavedAt(((await res.json()) as { savedAt: string }).savedAt);
          else if (res.status !== 409) dirty.current = true;
        },
        () => {
          dirty.current = true;
        },
      );
    };
    const timer = setInterval(save, 3000);
    const hidden = () => document.visibilityState === 'hidden' && save();
    window.addEventListener('pagehide', save);
    document.addEventListener('visibilitychange', hidden);
    return () => {
      clearInterval(timer);
      window.removeEventListener('pagehide', save);
      document.removeEventListener('visibilitychange', hidden);
      save();
    };
  }, []);

  const set = (id: string, value: unknown) => {
    setAnswers((a) => ({ ...a, [id]: value }));
    dirty.current = true;
    if (errors[id]) setErrors(({ [id]: _gone, ...rest }) => rest);
  };

  /** Checks the answers (or only `only`): the errors by field, in the form's order. */
  const check = (only?: string[]): Record<string, string> => {
    const result = checkAnswers(schema, answers);
    if (result.ok) return {};
    const out: Record<string, string> = {};
    for (const p of result.problems) {
      const field = definition.fields.find((f) => f.id === p.field);
      if (field && (!only || only.includes(field.id))) out[field.id] = errorText(field, p);
    }
    return out;
  };

  const refuse = (found: Record<string, string>) => {
    setErrors(found);
    const first = questions.find((q) => found[q.id]);
    if (!first) return;
    setReviewing(false);
    if (mode === 'one') setStep(questions.indexOf(first));
    focusQuestion(first.id);
  };

  const next = () => {
    const here = questions[index];
    const found = here ? check([here.id]) : {};
    if (Object.keys(found).length) return refuse(found);
    if (index + 1 < questions.length) {
      setStep(index + 1);
      focusQuestion(questions[index + 1]!.id);
    } else toReview();
  };

  const toReview = () => {
    const found = check();
    if (Object.keys(found).length) return refuse(found);
    setReviewing(true);
    requestAnimationFrame(() => document.getElementById('form-review-heading')?.focus());
  };

  const submit = async () => {
    setSubmitting(true);
    setProblem(null);
    const res = await request<SubmitFormResponse>('POST', `${formPath(detail.id)}/submit`, { version, answers }, undefined, { ...asLink(link), 'idempotency-key': key.current });
    if (res.ok) {
      dirty.current = false;
      await onSubmitted();
      return;
    }
    setSubmitting(false);
    const byField: Record<string, string> = {};
    for (const e of res.problem.errors ?? []) {
      const id = fieldOfError(e.field);
      if (id) byField[id] ??= e.message;
    }
    if (Object.keys(byField).length) {
      key.current = newIdempotencyKey();
      refuse(byField);
    } else setProblem(res.problem);
  };

  const chooseMode = (m: Mode) => {
    setMode(m);
    localStorage.setItem(modeKey, m);
  };

  const sectionOf = (field: FormField): FormField | null => {
    let section: FormField | null = null;
    for (const f of definition.fields) {
      if (f.id === field.id) return section;
      if (f.kind === 'section' && shown.has(f.id)) section = f;
    }
    return section;
  };

  const input = (field: FormField, progress: string | null = null) => (
    <Question
      key={field.id}
      slug={slug}
      link={link}
      field={field}
      value={answers[field.id]}
      error={errors[field.id] ?? null}
      onChange={(v) => set(field.id, v)}
      method={methods[field.id] ?? 'typed'}
      onMethod={(m) => setMethods((all) => ({ ...all, [field.id]: m }))}
      progress={progress}
    />
  );

  if (reviewing) {
    return (
      <div class="form-review">
        <h2 id="form-review-heading" tabIndex={-1}>
          {t('portal.forms.review.heading')}
        </h2>
        <p class="lead">{t('portal.forms.review.lead')}</p>
        <dl class="review-list">
          {questions.map((q, i) => (
            <div key={q.id} class="review-item">
              <dt>{q.label}</dt>
              <dd>{answerText(q, answers[q.id], methods[q.id] ?? 'typed') ?? <span class="hint">{t('portal.forms.noAnswer')}</span>}</dd>
              <dd>
                <button
                  type="button"
                  class="button-link"
                  onClick={() => {
                    setReviewing(false);
                    setStep(i);
                    focusQuestion(q.id);
                  }}
                >
                  {t('portal.forms.review.edit', { question: q.label })}
                </button>
              </dd>
            </div>
          ))}
        </dl>
        {problem && <ProblemMessage problem={problem} takeFocus />}
        <div class="actions">
          <button type="button" class="button button-secondary" onClick={() => setReviewing(false)}>
            {t('portal.forms.review.back')}
          </button>
          <BusyButton class="button" pending={submitting} onClick={() => void submit()}>
            {t('portal.forms.submit')}
          </BusyButton>
        </div>
      </div>
    );
  }

  const current = questions[index];
  const section = current && mode === 'one' ? sectionOf(current) : null;
  return (
    <form
      class="form-fill"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (mode === 'one') next();
        else toReview();
      }}
    >
      {definition.intro && <p class="lead form-intro">{definition.intro}</p>}
      <fieldset class="segmented form-mode">
        <legend>{t('portal.forms.mode.legend')}</legend>
        {(['one', 'all'] as const).map((m) => (
          <label key={m} class="check">
            <input type="radio" name="form-mode" value={m} checked={mode === m} onChange={() => chooseMode(m)} />
            <span>{m === 'one' ? t('portal.forms.mode.one') : t('portal.forms.mode.all')}</span>
          </label>
        ))}
      </fieldset>
      <p class="hint form-saved" role="status">
        {savedAt ? t('portal.forms.savedAt', { time: new Date(savedAt).toLocaleTimeString([], { hour: 'numeric', minute: '2-digit' }) }) : t('portal.forms.autosave')}
      </p>
      {mode === 'one' && current ? (
        <>
          <p id={progressId} class="hint form-progress">
            {t('portal.forms.progress', { number: index + 1, count: questions.length })}
          </p>
          {section && <h2 class="form-section">{section.label}</h2>}
          {input(current, progressId)}
          <div class="actions">
            {index > 0 && (
              <button
                type="button"
                class="button button-secondary"
                onClick={() => {
                  setStep(index - 1);
                  focusQuestion(questions[index - 1]!.id);
                }}
              >
                {t('portal.forms.previous')}
              </button>
            )}
            <button type="submit" class="button">
              {index + 1 < questions.length ? t('portal.forms.next') : t('portal.forms.toReview')}
            </button>
          </div>
        </>
      ) : (
        <>
          {definition.fields.filter((f) => shown.has(f.id)).map((f) => (f.kind === 'section' ? <h2 key={f.id} class="form-section">{f.label}</h2> : input(f)))}
          <div class="actions">
            <button type="submit" class="button">
              {t('portal.forms.toReview')}
            </button>
          </div>
        </>
      )}
    </form>
  );
}

/** An answer as one line of text, for the review. */
function answerText(field: FormField, value: unknown, method: SignatureMethod): string | null {
  if (isEmptyAnswer(value)) {
    if (field.kind === 'signature' && method === 'drawn') return t('portal.forms.signature.drawn');
    return null;
  }
  switch (field.kind) {
    case 'yes-no':
      return value ? t('portal.forms.yes') : t('portal.forms.no');
    case 'single-choice':
      return field.choices?.find((c) => c.value === value)?.label ?? String(value);
    case 'multiple-choice':
      return (value as string[]).map((v) => field.choices?.find((c) => c.value === v)?.label ?? v).join(', ');
    case 'address': {
      const a = value as Record<string, string | null>;
      return [a.line1, a.line2, a.city, a.region, a.postalCode].filter(Boolean).join(', ');
    }
    case 'signature': {
      const s = value as { name?: string; typed?: string; image?: string };
      return s.image || (field.signature === 'drawn' && method === 'drawn') ? t('portal.forms.signature.drawnBy', { name: s.name ?? '' }) : t('portal.forms.signature.typedBy', { name: s.typed ?? s.name ?? '' });
    }
    case 'file':
      return (value as { fileName?: string }[]).map((f) => f.fileName ?? '').join(', ');
    default:
      return String(value);
  }
}

// ---------- one question ----------

interface QuestionProps {
  slug: string;
  link: string | null;
  field: FormField;
  value: unknown;
  error: string | null;
  onChange: (value: unknown) => void;
  method: SignatureMethod;
  onMethod: (method: SignatureMethod) => void;
  /** One question per screen: the id of "Question n of m", which describes its inputs. */
  progress?: string | null;
}

/** A drawn signature's error is about the drawing once the name is there: shown, and focused, at its box. */
const drawingErrorOf = (field: FormField, value: unknown, method: SignatureMethod, error: string | null): string | null => {
  if (!error || field.kind !== 'signature' || field.signature !== 'drawn' || method !== 'drawn') return null;
  const name = value && typeof value === 'object' ? (value as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name.trim() ? t('portal.forms.error.drawing') : null;
};

function Question(props: QuestionProps) {
  const { field, value, method, progress } = props;
  const id = inputId(field);
  const drawingError = drawingErrorOf(field, value, method, props.error);
  // The question's own error, below it; a drawing's is at its box instead (not said twice).
  const error = drawingError ? null : props.error;
  const describedBy = [field.help ? `${id}-help` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const inputDescribedBy = [progress ?? '', describedBy ?? ''].filter(Boolean).join(' ') || undefined;
  const grouped = ['yes-no', 'single-choice', 'multiple-choice', 'address', 'signature', 'file'].includes(field.kind);
  const label = (
    <>
      {field.label}
      {field.required && <span class="required"> {t('portal.forms.required')}</span>}
    </>
  );
  const help = field.help && (
    <p id={`${id}-help`} class="hint">
      {field.help}
    </p>
  );
  if (grouped) {
    return (
      <fieldset id={questionId(field)} class="field question" aria-describedby={describedBy} aria-invalid={error ? 'true' : undefined}>
        <legend>{label}</legend>
        {help}
        <GroupInput {...props} error={error} drawingError={drawingError} describedBy={inputDescribedBy} />
        <FieldError id={`${id}-error`} error={error} />
      </fieldset>
    );
  }
  return (
    <div id={questionId(field)} class="field question">
      <label for={id}>{label}</label>
      {help}
      <SingleInput {...props} error={error} describedBy={inputDescribedBy} />
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

function SingleInput({ field, value, error, onChange, describedBy }: QuestionProps & { describedBy: string | undefined }) {
  const id = inputId(field);
  const common = { id, 'aria-invalid': error ? ('true' as const) : undefined, 'aria-describedby': describedBy, 'aria-required': field.required ? ('true' as const) : undefined };
  const text = typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
  switch (field.kind) {
    case 'long-text':
      return <textarea {...common} rows={5} value={text} onInput={(e) => onChange(e.currentTarget.value)} />;
    case 'number':
      return (
        <input
          {...common}
          type="text"
          inputMode={field.integer ? 'numeric' : 'decimal'}
          value={text}
          onInput={(e) => {
            const raw = e.currentTarget.value.trim();
            const n = Number(raw);
            onChange(raw === '' ? undefined : Number.isFinite(n) ? n : raw);
          }}
        />
      );
    case 'date':
      return <input {...common} type="date" value={text} onInput={(e) => onChange(e.currentTarget.value)} />;
    case 'email':
      return <input {...common} type="email" autoComplete="email" value={text} onInput={(e) => onChange(e.currentTarget.value)} />;
    case 'phone':
      return <input {...common} type="tel" autoComplete="tel" value={text} onInput={(e) => onChange(e.currentTarget.value)} />;
    default:
      return <input {...common} type="text" value={text} onInput={(e) => onChange(e.currentTarget.value)} />;
  }
}

function GroupInput({ slug, link, field, value, error, drawingError, onChange, method, onMethod, describedBy }: QuestionProps & { describedBy: string | undefined; drawingError: string | null }) {
  const id = inputId(field);
  // Every input of a group carries the group's help and error, so each one says why it is refused.
  const tied = { 'aria-describedby': describedBy, 'aria-invalid': error ? ('true' as const) : undefined };
  switch (field.kind) {
    case 'yes-no':
      return (
        <div class="choices">
          {([true, false] as const).map((v) => (
            <label key={String(v)} class="check">
              <input type="radio" {...tied} id={v ? id : `${id}-no`} name={id} checked={value === v} onChange={() => onChange(v)} />
              <span>{v ? t('portal.forms.yes') : t('portal.forms.no')}</span>
            </label>
          ))}
        </div>
      );
    case 'single-choice':
      return (
        <div class="choices">
          {field.choices!.map((c, i) => (
            <label key={c.value} class="check">
              <input type="radio" {...tied} id={i === 0 ? id : `${id}-${c.value}`} name={id} checked={value === c.value} onChange={() => onChange(c.value)} />
              <span>{c.label}</span>
            </label>
          ))}
        </div>
      );
    case 'multiple-choice': {
      const chosen = Array.isArray(value) ? (value as string[]) : [];
      return (
        <div class="choices">
          {field.choices!.map((c, i) => (
            <label key={c.value} class="check">
              <input
                type="checkbox"
                {...tied}
                id={i === 0 ? id : `${id}-${c.value}`}
                checked={chosen.includes(c.value)}
                onChange={(e) => onChange(e.currentTarget.checked ? [...chosen, c.value] : chosen.filter((x) => x !== c.value))}
              />
              <span>{c.label}</span>
            </label>
          ))}
        </div>
      );
    }
    case 'address': {
      const a = (value && typeof value === 'object' ? value : {}) as Record<string, string | null>;
      const part = (name: string, label: string, autoComplete: string, first = false) => (
        <div class="field">
          <label for={first ? id : `${id}-${name}`}>{label}</label>
          <input
            id={first ? id : `${id}-${name}`}
            type="text"
            autoComplete={autoComplete}
            value={a[name] ?? ''}
            {...tied}
            onInput={(e) => onChange({ country: 'US', ...a, [name]: e.currentTarget.value })}
          />
        </div>
      );
      return (
        <>
          {part('line1', t('portal.forms.address.line1'), 'address-line1', true)}
          {part('line2', t('portal.forms.address.line2'), 'address-line2')}
          {part('city', t('portal.forms.address.city'), 'address-level2')}
          {part('region', t('portal.forms.address.region'), 'address-level1')}
          {part('postalCode', t('portal.forms.address.postalCode'), 'postal-code')}
        </>
      );
    }
    case 'signature':
      return <SignatureQuestion field={field} value={value} error={error} drawingError={drawingError} onChange={onChange} method={method} onMethod={onMethod} describedBy={describedBy} />;
    case 'file':
      return <FileInput slug={slug} link={link} field={field} value={value} onChange={onChange} describedBy={describedBy} error={error} />;
    default:
      return null;
  }
}

/** A signature question: the name, and (when the business asked for one) a drawing or the name typed as the signature. */
function SignatureQuestion({
  field,
  value,
  error,
  drawingError,
  onChange,
  method,
  onMethod,
  describedBy,
}: Pick<QuestionProps, 'field' | 'value' | 'error' | 'onChange' | 'method' | 'onMethod'> & { describedBy: string | undefined; drawingError: string | null }) {
  const id = inputId(field);
  const pad = useRef<SignaturePadHandle | null>(null);
  const s = (value && typeof value === 'object' ? value : {}) as { name?: string; image?: string };
  const name = s.name ?? '';
  const drawing = method === 'drawn' ? s.image : undefined;
  const setName = (next: string) => onChange(field.signature === 'typed' || method === 'typed' ? { name: next, typed: next } : { name: next, ...(drawing ? { image: drawing } : {}) });
  return (
    <>
      <div class="field">
        <label for={id}>{t('portal.forms.signature.name')}</label>
        <input id={id} type="text" autoComplete="name" value={name} aria-invalid={error ? 'true' : undefined} aria-describedby={describedBy} onInput={(e) => setName(e.currentTarget.value)} />
      </div>
      {field.signature === 'drawn' ? (
        <SignatureField
          pad={pad}
          method={method}
          onMethod={(m) => {
            onMethod(m);
            onChange(m === 'typed' ? { name, typed: name } : { name });
          }}
          name={name}
          error={drawingError}
          idPrefix={`${id}-`}
          initial={drawing}
          onInk={() => {
            const image = pad.current && !pad.current.isEmpty() ? pad.current.toDataURL() : undefined;
            onChange({ name, ...(image ? { image } : {}) });
          }}
          onClear={() => onChange({ name })}
        />
      ) : (
        <p class="hint">{name.trim() ? t('portal.forms.signature.statement', { name: name.trim() }) : t('portal.forms.signature.statementNoName')}</p>
      )}
    </>
  );
}

function FileInput({ slug, link, field, value, onChange, describedBy, error }: { slug: string; link: string | null; field: FormField; value: unknown; onChange: (v: unknown) => void; describedBy: string | undefined; error: string | null }) {
  const id = inputId(field);
  const files = Array.isArray(value) ? (value as { id: string; fileName?: string }[]) : [];
  const [busy, setBusy] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const max = field.maxFiles ?? 1;
  return (
    <>
      {files.length > 0 && (
        <ul class="file-list">
          {files.map((f) => (
            <li key={f.id}>
              {f.fileName ?? f.id}{' '}
              <button type="button" class="button-link" onClick={() => onChange(files.filter((x) => x.id !== f.id))}>
                {t('portal.forms.file.remove', { name: f.fileName ?? '' })}
              </button>
            </li>
          ))}
        </ul>
      )}
      {files.length < max && (
        <div class="field">
          <label for={id}>{t('portal.forms.file.choose', { max })}</label>
          <input
            id={id}
            type="file"
            accept={acceptFor('form')}
            aria-invalid={error || refused ? 'true' : undefined}
            aria-describedby={[describedBy, refused ? `${id}-refused` : ''].filter(Boolean).join(' ') || undefined}
            disabled={busy}
            onChange={async (e) => {
              const input = e.currentTarget;
              const file = input.files?.[0];
              if (!file) return;
              setBusy(true);
              setRefused(null);
              const sent = await uploadFile(file, { slug, purpose: 'form', link });
              setBusy(false);
              input.value = '';
              if (!sent.ok) {
                setRefused(uploadProblemText(sent.problem));
                return;
              }
              onChange([...files, { id: sent.data.id, fileName: sent.data.fileName }]);
              announce(t('portal.forms.file.added', { name: sent.data.fileName }));
            }}
          />
          {busy && <Loading label={t('portal.forms.file.uploading')} />}
          <FieldError id={`${id}-refused`} error={refused} />
        </div>
      )}
    </>
  );
}

// ---------- submitted ----------

function SubmittedForm({ detail, link, timeZone }: { detail: FormDetail; link: string | null; timeZone: string }) {
  const submission = detail.submission!;
  const [pdf, setPdf] = useState<{ pending: boolean; problem: Problem | null }>({ pending: false, problem: null });
  const open = async () => {
    setPdf({ pending: true, problem: null });
    const res = await request<FormPdfResponse>('GET', `${formPath(detail.id)}/pdf`, undefined, undefined, asLink(link));
    if (!res.ok) return setPdf({ pending: false, problem: res.problem });
    setPdf({ pending: false, problem: null });
    location.assign(res.data.url);
  };
  const shown = shownFieldIds(detail.form, submission.answers);
  return (
    <div class="form-submitted">
      <p class="notice notice-success" role="status">
        {t('portal.forms.submittedOn', { date: formatDate(submission.submittedAt, timeZone) })}
      </p>
      <BusyButton class="button button-secondary" pending={pdf.pending} onClick={() => void open()}>
        {t('portal.forms.pdf')}
      </BusyButton>
      {pdf.problem && <ProblemMessage problem={pdf.problem} takeFocus />}
      <dl class="review-list">
        {detail.form.fields
          .filter((f) => shown.has(f.id) && f.kind !== 'section')
          .map((f) => (
            <div key={f.id} class="review-item">
              <dt>{f.label}</dt>
              <dd>{submittedText(f, submission.answers[f.id]) ?? <span class="hint">{t('portal.forms.noAnswer')}</span>}</dd>
            </div>
          ))}
      </dl>
    </div>
  );
}

function submittedText(field: FormField, value: unknown): string | null {
  if (field.kind === 'signature' && value && typeof value === 'object') {
    const s = value as { name: string; method: 'drawn' | 'typed'; typed: string | null };
    return s.method === 'drawn' ? t('portal.forms.signature.drawnBy', { name: s.name }) : t('portal.forms.signature.typedBy', { name: s.typed ?? s.name });
  }
  return answerText(field, value, 'typed');
}
