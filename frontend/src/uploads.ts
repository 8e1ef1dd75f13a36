/**
 * Sending a customer's file (a photo or video with a request, a photo or PDF in a form) in the
 * API's two steps, with the storage POST in between: the file goes straight from the browser to
 * storage, never through the API. A file the portal would refuse anyway (too large, a type it
 * does not take) is refused here first, without a round trip. Every failure is a Problem, as
 * every other call's (./api.ts).
 */
import { maxUploadBytes, uploadTypes, type UploadedFileView, type UploadPurpose } from '../../shared/contract/customer/upload-ref';
import type { UploadTicket } from '../../shared/contract/customer/uploads';
import type { Problem } from '../../shared/contract/problem';
import { asLink, networkProblem, request, type ApiResult } from './api';
import { t } from './i18n/current';

export type SentFile = UploadedFileView & { claimToken: string | null };

/** Types some phones leave blank or name otherwise, by the file's extension. */
const typeByExtension: Record<string, string> = { heic: 'image/heic', heif: 'image/heic', mov: 'video/quicktime', mp4: 'video/mp4', webm: 'video/webm', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', pdf: 'application/pdf' };

/** The type to declare for `file`, or null when this purpose does not take it. */
export function uploadTypeOf(file: { name: string; type: string }, purpose: UploadPurpose): string | null {
  const extension = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  const declared = file.type && file.type !== 'application/octet-stream' ? file.type.toLowerCase() : typeByExtension[extension] ?? '';
  return (uploadTypes[purpose] as readonly string[]).includes(declared) ? declared : null;
}

/** What the file input's `accept` says for `purpose`: its types, and the extensions of types phones leave blank. */
export const acceptFor = (purpose: UploadPurpose): string => [...uploadTypes[purpose], ...(purpose === 'request' ? ['.heic', '.mov'] : ['.heic'])].join(',');

const refusal = (detail: string): ApiResult<never> => ({ ok: false, status: 0, problem: { type: 'about:blank', title: t('portal.upload.refused.title'), status: 0, detail } });

/** The storage POST, with progress (fetch has none for uploads): resolves with the status, 0 when the connection failed. */
function postToStorage(post: UploadTicket['post'], file: Blob, onProgress?: (fraction: number) => void, signal?: AbortSignal): Promise<number> {
  return new Promise((resolve) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(post.fields)) form.append(name, value);
    form.append('file', file);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', post.url);
    if (onProgress) xhr.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    xhr.onload = () => resolve(xhr.status);
    xhr.onerror = () => resolve(0);
    xhr.onabort = () => resolve(0);
    signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(form);
  });
}

export async function uploadFile(
  file: File,
  options: { slug: string; purpose: UploadPurpose; link?: string | null; onProgress?: (fraction: number) => void; signal?: AbortSignal },
): Promise<ApiResult<SentFile>> {
  const contentType = uploadTypeOf(file, options.purpose);
  if (!contentType) return refusal(t(options.purpose === 'request' ? 'portal.upload.refused.type-request' : 'portal.upload.refused.type-form', { name: file.name }));
  if (file.size > maxUploadBytes) return refusal(t('portal.upload.refused.size', { name: file.name, max: maxUploadBytes / 1024 / 1024 }));
  if (file.size === 0) return refusal(t('portal.upload.refused.empty', { name: file.name }));
  const headers = asLink(options.link);
  const started = await request<UploadTicket>('POST', '/api/uploads', { slug: options.slug, purpose: options.purpose, fileName: file.name, contentType, sizeBytes: file.size }, options.signal, headers);
  if (!started.ok) return started;
  const stored = await postToStorage(started.data.post, file, options.onProgress, options.signal);
  if (stored === 0) return { ok: false, status: 0, problem: networkProblem() };
  if (stored < 200 || stored >= 300) return refusal(t('portal.upload.refused.storage', { name: file.name }));
  const { claimToken } = started.data;
  const completed = await request<UploadedFileView>('POST', `/api/uploads/${encodeURIComponent(started.data.id)}/complete`, claimToken ? { claimToken } : {}, options.signal, headers);
  return completed.ok ? { ...completed, data: { ...completed.data, claimToken } } : completed;
}

/** A problem's field messages are about the upload's fields; the page shows the problem's detail for the file. */
export const uploadProblemText = (problem: Problem): string => problem.errors?.[0]?.message ?? problem.detail ?? problem.title;
