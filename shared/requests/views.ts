/** How each side sees a request: the customer their own words and what became of it; the business everything, photos by signed URL. */
import type { RequestSummary, RequestView } from '../contract/customer/requests';
import type { BusinessRequestView } from '../contract/business/requests';
import type { FileLinks } from '../files/port';
import type { ServiceRequest } from './model';

/** How long a photo's signed URL works: long enough to open, too short to pass around. */
export const requestFileUrlMs = 15 * 60_000;

const fileView = (f: ServiceRequest['files'][number]) => ({ id: f.id, fileName: f.fileName, contentType: f.contentType, sizeBytes: f.sizeBytes });

export function customerRequestView(r: ServiceRequest): RequestView {
  return {
    id: r.id,
    status: r.status,
    service: r.service,
    description: r.description,
    address: r.address,
    asSoonAsPossible: r.asSoonAsPossible,
    windows: r.windows,
    urgency: r.urgency,
    files: r.files.map(fileView) as RequestView['files'],
    jobId: r.status === 'scheduled' ? r.jobId : null,
    declineReason: r.status === 'declined' ? r.declineReason : null,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

export const customerRequestSummary = (r: ServiceRequest): RequestSummary => {
  const { id, status, service, description, urgency, jobId, createdAt, updatedAt } = customerRequestView(r);
  return { id, status, service, description: description.length > 160 ? `${description.slice(0, 159)}…` : description, urgency, jobId, createdAt, updatedAt };
};

/** The business's view, as lists and webhooks carry it (no URLs: they would outlive their use). */
export function businessRequestView(r: ServiceRequest): BusinessRequestView {
  return {
    id: r.id,
    status: r.status,
    source: r.source,
    customerId: r.customerId,
    contact: r.contact,
    service: r.service,
    description: r.description,
    address: r.address,
    asSoonAsPossible: r.asSoonAsPossible,
    windows: r.windows,
    urgency: r.urgency,
    files: r.files.map(fileView),
    jobId: r.jobId,
    declineReason: r.declineReason,
    withdrawnAt: r.status === 'withdrawn' ? r.decidedAt : null,
    confirmedAt: r.confirmation?.confirmedAt ?? null,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** `GET requests/{id}`: each photo or video with a short-lived download URL. */
export async function businessRequestWithFiles(r: ServiceRequest, deps: { files: FileLinks; now: Date }): Promise<BusinessRequestView> {
  const expiresAt = new Date(deps.now.getTime() + requestFileUrlMs);
  const files = await Promise.all(r.files.map(async (f) => ({ ...fileView(f), url: await deps.files.signedDownloadUrl(f.key, f.fileName, expiresAt) })));
  return { ...businessRequestView(r), files };
}
