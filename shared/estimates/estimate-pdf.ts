/**
 * An estimate's PDF (`GET /api/estimates/{id}/pdf`): rendered once per document version (and once
 * more after approval, with the signature block), stored beside the job attachments, and served
 * through a short-lived download URL. Rendering is deterministic, so two renders at once store the
 * same bytes.
 *
 * In the language of the page that asks for it (its Accept-Language: the portal sends the language
 * it shows), else the one the customer's emails are written in (`messageLanguageOf`); one file is
 * kept per language.
 */
import type { EstimatePdfResponse } from '../contract/customer/estimates';
import { NotFound } from '../kernel/errors';
import type { EstimateRecord } from './model';
import type { Clock } from '../kernel/types';
import type { DirectoryStore } from '../directory/port';
import type { EstimateStore } from './port';
import type { FileUploads } from '../files/port';
import type { CustomerScope } from '../invoices/customer-invoices';
import { estimateFor } from './customer-estimates';
import { documentHashOf, documentOf } from './document';
import { estimatePdfFileName, renderEstimatePdf, type EstimatePdfInput, type EstimatePdfLogo } from './pdf/render-estimate-pdf';
import { maxMediaBytes, shownImageUrl } from '../contract/business/media';
import { mediaKeyOf } from '../media/keys';
import { DEFAULT_LANGUAGE, type Language } from '../contract/i18n/languages';
import { messageLanguageOf } from '../directory/languages';

/** Long enough to start a download on a slow phone; short enough that a forwarded URL soon stops working. */
export const pdfUrlLifetimeMs = 5 * 60_000;

/** Where a version's PDF is stored: beside the business's job files, one file per version, signing and language. */
export const estimatePdfKey = (estimate: EstimateRecord, language: Language): string =>
  `${estimate.businessId}/estimates/${estimate.id}/v${estimate.revision}${estimate.decision?.kind === 'approved' ? '-signed' : ''}.${language}.pdf`;

export async function estimatePdf(
  caller: CustomerScope,
  estimateId: string,
  deps: { estimates: EstimateStore; directory: DirectoryStore; files: FileUploads; clock: Clock },
  pageLanguage?: Language,
): Promise<EstimatePdfResponse> {
  const estimate = await estimateFor(caller, estimateId, deps);
  // The business and customer are read at most once, and only when needed: for the language when
  // the request names none, and for the render when the file is not stored yet.
  let parties: Promise<Parties> | null = null;
  const partiesOf = () => (parties ??= readParties(estimate, deps));
  const language = pageLanguage ?? (await readerLanguageOf(await partiesOf()));
  const key = estimatePdfKey(estimate, language);
  if (!(await deps.files.head(key))) await deps.files.put(key, Buffer.from(await renderEstimatePdf(await pdfInputOf(estimate, language, await partiesOf(), deps))), 'application/pdf');
  const expiresAt = new Date(deps.clock.now().getTime() + pdfUrlLifetimeMs);
  return { url: await deps.files.signedDownloadUrl(key, estimatePdfFileName(language, estimate.number), expiresAt), expiresAt: expiresAt.toISOString() };
}

type Parties = [Awaited<ReturnType<DirectoryStore['getBusiness']>>, Awaited<ReturnType<DirectoryStore['getCustomer']>>];

function readParties(estimate: EstimateRecord, deps: { directory: DirectoryStore }): Promise<Parties> {
  return Promise.all([deps.directory.getBusiness(estimate.businessId), deps.directory.getCustomer(estimate.businessId, estimate.customerId)]);
}

/** The customer's language for their messages, when the request names none. */
function readerLanguageOf([business, customer]: Parties): Language {
  return business && customer ? messageLanguageOf(customer, business) : DEFAULT_LANGUAGE;
}

async function pdfInputOf(estimate: EstimateRecord, language: Language, [business, customer]: Parties, deps: { estimates: EstimateStore; files: FileUploads }): Promise<EstimatePdfInput> {
  if (!business || !customer) throw new NotFound(`There is no estimate ${estimate.id}.`);
  const decision = estimate.decision?.kind === 'approved' ? estimate.decision : null;
  const [image, logo] = await Promise.all([
    decision?.signatureImageHash ? deps.estimates.getSignatureImage(estimate.businessId, estimate.id, decision.signatureImageHash) : null,
    logoOf(business.logoUrl, deps.files),
  ]);
  const document = documentOf(estimate);
  return {
    language,
    business: { name: business.name, contactPhone: business.contactPhone, contactEmail: business.contactEmail, timeZone: business.timeZone, logo },
    customer: { name: customer.name },
    estimate: {
      number: estimate.number,
      title: estimate.title,
      currency: estimate.currency,
      sentAt: estimate.sentAt,
      expiresAt: estimate.expiresAt,
      terms: estimate.terms,
      version: estimate.revision,
      options: document.options,
      documentHash: documentHashOf(estimate),
    },
    signature: decision && {
      optionId: decision.optionId!,
      optionName: estimate.options.find((o) => o.id === decision.optionId)?.name ?? decision.optionId!,
      name: decision.signerName ?? customer.name,
      method: decision.signatureMethod,
      typed: decision.typedSignature,
      imagePng: image,
      signedAt: decision.at,
      ip: decision.ip,
      via: decision.via,
      documentHash: decision.documentHash,
    },
  };
}

/**
 * The business's published logo, when pdf-lib can draw it (PNG or JPEG; a WebP logo leaves the
 * name alone). Only a /media/ path: published images were checked (rule 73), so a PNG's data is
 * bounded before pdf-lib decodes it. A logo that cannot be read leaves the name alone too.
 */
async function logoOf(logoUrl: string | null, files: FileUploads): Promise<EstimatePdfLogo | null> {
  const url = shownImageUrl(logoUrl);
  const type = url?.endsWith('.png') ? 'png' : url?.endsWith('.jpg') ? 'jpeg' : null;
  if (!url || !type) return null;
  const bytes = await files.readStart(mediaKeyOf(url), maxMediaBytes);
  return bytes ? { type, bytes } : null;
}
