/**
 * Writing a template (`PUT forms/{formId}`). A changed definition is a new version: the version's
 * own item is written first (once, never changed), then the template's head points at it with a
 * conditional write on the version read. The same definition again (a retry, an unchanged sync) is
 * no new version. A sent form is filled against a version, and its submission keeps that version,
 * so a later change never touches what was already submitted.
 *
 * A crash between the two writes leaves a version nobody points at; the next change takes the
 * number after it (numbers only grow, and one may be skipped).
 */
import { createHash } from 'node:crypto';
import type { FormDefinition } from '../contract/forms';
import { canonicalJson } from '../kernel/canonical-json';
import { Conflict, NotFound } from '../kernel/errors';
import { readModifyWrite } from '../kernel/read-modify-write';
import type { Clock } from '../kernel/types';
import type { FormRecord, FormVersionRecord } from './model';
import type { FormStore } from './port';

export const definitionHashOf = (definition: FormDefinition): string => createHash('sha256').update(canonicalJson(definition)).digest('hex');

export async function upsertForm(
  businessId: string,
  formId: string,
  definition: FormDefinition,
  deps: { forms: FormStore; clock: Clock },
): Promise<{ form: FormRecord; created: boolean }> {
  const hash = definitionHashOf(definition);
  return readModifyWrite<FormRecord | null, { form: FormRecord; created: boolean }>(
    () => deps.forms.getForm(businessId, formId, { consistent: true }),
    async (existing) => {
      if (existing?.definitionHash === hash) return { done: { form: existing, created: false } };
      const now = deps.clock.now().toISOString();
      const revision = Math.max(existing?.revision ?? 0, await deps.forms.lastFormRevision(businessId, formId)) + 1;
      // The version first: the head never points at a version that is not there.
      const put = await deps.forms.putFormVersion({ businessId, formId, revision, definition, definitionHash: hash, createdAt: now });
      // Another writer took this number a moment ago: read again and take the next.
      if (put === 'taken') return { write: async () => false, after: () => ({ form: existing!, created: false }) };
      const form: FormRecord = {
        businessId,
        id: formId,
        revision,
        definition,
        definitionHash: hash,
        version: (existing?.version ?? 0) + 1,
        createdAt: existing?.createdAt ?? now,
        updatedAt: now,
      };
      return { write: () => deps.forms.putForm(form, existing?.version ?? null), after: () => ({ form, created: !existing }) };
    },
    () => new Conflict('This form kept changing while we tried to save it. Please retry.'),
  );
}

/** A version of a template: the current one from the head, an earlier one from its own item. */
export async function formVersion(businessId: string, formId: string, revision: number | null, deps: { forms: FormStore }): Promise<FormVersionRecord> {
  if (revision === null) {
    const form = await deps.forms.getForm(businessId, formId);
    if (!form) throw new NotFound(`There is no form ${formId}.`).saying('problems.form.not-found');
    return { businessId, formId, revision: form.revision, definition: form.definition, definitionHash: form.definitionHash, createdAt: form.updatedAt };
  }
  const version = await deps.forms.getFormVersion(businessId, formId, revision);
  if (!version) throw new NotFound(`Form ${formId} has no version ${revision}.`).saying('problems.form.not-found');
  return version;
}
