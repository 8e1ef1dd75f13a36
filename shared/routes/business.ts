/**
 * The business API's rows of the route table (the whole table: ./index.ts). A business API
 * handler takes its row from here, so its bundle carries these rows and not the portal's.
 */
import { apiKeyRead, businessApiPrefix, readwriteTable as table, rowNamed, type RouteDef } from './kinds';

const biz = <P extends string>(path: P) => `${businessApiPrefix}${path}` as const;

export const businessRoutes = [
  { name: 'businessOpenApi', method: 'GET', path: biz('/openapi.json'), entry: 'functions/business/openapi.ts', auth: 'public', access: {} },
  { name: 'getSettings', method: 'GET', path: biz('/settings'), entry: 'functions/business/get-settings.ts', auth: 'apiKey', access: apiKeyRead, openApi: { summary: 'Read the portal settings', tag: 'Settings' } },
  { name: 'patchSettings', method: 'PATCH', path: biz('/settings'), entry: 'functions/business/patch-settings.ts', auth: 'apiKey', access: table, openApi: { summary: 'Change the portal settings', tag: 'Settings' } },
  { name: 'putCustomer', method: 'PUT', path: biz('/customers/{customerId}'), entry: 'functions/business/put-customer.ts', auth: 'apiKey', access: table, openApi: { summary: 'Create or replace a customer', tag: 'Customers' } },
  { name: 'getCustomer', method: 'GET', path: biz('/customers/{customerId}'), entry: 'functions/business/get-customer.ts', auth: 'apiKey', access: apiKeyRead, openApi: { summary: 'Read a customer', tag: 'Customers' } },
  { name: 'listCustomers', method: 'GET', path: biz('/customers'), entry: 'functions/business/list-customers.ts', auth: 'apiKey', access: apiKeyRead, openApi: { summary: 'List customers changed since a time', tag: 'Customers' } },
  {
    name: 'inviteCustomer', method: 'POST', path: biz('/customers/{customerId}/invite'), entry: 'functions/business/invite-customer.ts', auth: 'apiKey',
    access: { ...table, queues: ['notifications'] }, idempotent: true, openApi: { summary: 'Send the customer a sign-in link', tag: 'Customers' },
  },
  { name: 'putJob', method: 'PUT', path: biz('/jobs/{jobId}'), entry: 'functions/business/put-job.ts', auth: 'apiKey', access: table, bodyLimitBytes: 64 * 1024, openApi: { summary: 'Create or replace a job', tag: 'Jobs' } },
  { name: 'getBusinessJob', method: 'GET', path: biz('/jobs/{jobId}'), entry: 'functions/business/get-job.ts', auth: 'apiKey', access: apiKeyRead, openApi: { summary: 'Read a job', tag: 'Jobs' } },
  { name: 'listBusinessJobs', method: 'GET', path: biz('/jobs'), entry: 'functions/business/list-jobs.ts', auth: 'apiKey', access: apiKeyRead, openApi: { summary: 'List jobs changed since a time', tag: 'Jobs' } },
  { name: 'postNote', method: 'POST', path: biz('/jobs/{jobId}/notes'), entry: 'functions/business/post-note.ts', auth: 'apiKey', access: table, idempotent: true, openApi: { summary: 'Add a note to a job', tag: 'Jobs' } },
  {
    name: 'createAttachment', method: 'POST', path: biz('/jobs/{jobId}/attachments'), entry: 'functions/business/create-attachment.ts', auth: 'apiKey',
    access: { ...table, files: 'readwrite' }, idempotent: true, openApi: { summary: 'Start an attachment upload', tag: 'Jobs' },
  },
  {
    name: 'completeAttachment', method: 'POST', path: biz('/jobs/{jobId}/attachments/{attachmentId}/complete'), entry: 'functions/business/complete-attachment.ts', auth: 'apiKey',
    access: { ...table, files: 'manage' }, idempotent: true, openApi: { summary: 'Publish an uploaded attachment', tag: 'Jobs' },
  },
  // Branding images (a logo, a technician's photo), served from the portal's own origin under /media/.
  {
    name: 'createMedia', method: 'POST', path: biz('/media'), entry: 'functions/business/create-media.ts', auth: 'apiKey',
    access: { ...table, files: 'readwrite' }, idempotent: true, openApi: { summary: 'Start an image upload (a logo, a technician photo)', tag: 'Settings' },
  },
  {
    name: 'completeMedia', method: 'POST', path: biz('/media/{mediaId}/complete'), entry: 'functions/business/complete-media.ts', auth: 'apiKey',
    access: { ...table, files: 'readwrite' }, idempotent: true, openApi: { summary: 'Check an uploaded image and publish it on the portal', tag: 'Settings' },
  },
  {
    name: 'postBusinessMessage', method: 'POST', path: biz('/jobs/{jobId}/messages'), entry: 'functions/business/post-message.ts', auth: 'apiKey',
    access: { ...table, queues: ['notifications'] }, idempotent: true, openApi: { summary: 'Write to the customer about a job', tag: 'Messages' },
  },
  { name: 'listBusinessMessages', method: 'GET', path: biz('/jobs/{jobId}/messages'), entry: 'functions/business/list-messages.ts', auth: 'apiKey', access: apiKeyRead, openApi: { summary: "List a job's messages, newest first", tag: 'Messages' } },
  { name: 'putInvoice', method: 'PUT', path: biz('/invoices/{invoiceId}'), entry: 'functions/business/put-invoice.ts', auth: 'apiKey', access: table, bodyLimitBytes: 64 * 1024, openApi: { summary: 'Create or replace an invoice', tag: 'Invoices' } },
  { name: 'getBusinessInvoice', method: 'GET', path: biz('/invoices/{invoiceId}'), entry: 'functions/business/get-invoice.ts', auth: 'apiKey', access: apiKeyRead, openApi: { summary: 'Read an invoice with its payments', tag: 'Invoices' } },
  { name: 'listBusinessInvoices', method: 'GET', path: biz('/invoices'), entry: 'functions/business/list-invoices.ts', auth: 'apiKey', access: apiKeyRead, openApi: { summary: 'List invoices changed since a time', tag: 'Invoices' } },
  {
    name: 'postInvoicePayment', method: 'POST', path: biz('/invoices/{invoiceId}/payments'), entry: 'functions/business/post-invoice-payment.ts', auth: 'apiKey',
    access: table, idempotent: true, openApi: { summary: 'Record a payment taken outside the portal (cash, check)', tag: 'Invoices' },
  },
  {
    name: 'sendInvoice', method: 'POST', path: biz('/invoices/{invoiceId}/send'), entry: 'functions/business/send-invoice.ts', auth: 'apiKey',
    access: { ...table, queues: ['notifications'] }, idempotent: true, openApi: { summary: 'Send the customer a link to pay the invoice (no sign-in)', tag: 'Invoices' },
  },
  {
    name: 'revokeInvoiceLinks', method: 'POST', path: biz('/invoices/{invoiceId}/links/revoke'), entry: 'functions/business/revoke-invoice-links.ts', auth: 'apiKey',
    access: table, idempotent: true, openApi: { summary: 'Withdraw every pay link of the invoice', tag: 'Invoices' },
  },
  { name: 'putEstimate', method: 'PUT', path: biz('/estimates/{estimateId}'), entry: 'functions/business/put-estimate.ts', auth: 'apiKey', access: table, bodyLimitBytes: 128 * 1024, openApi: { summary: 'Create or replace an estimate (a change makes a new version)', tag: 'Estimates' } },
  { name: 'getBusinessEstimate', method: 'GET', path: biz('/estimates/{estimateId}'), entry: 'functions/business/get-estimate.ts', auth: 'apiKey', access: apiKeyRead, openApi: { summary: 'Read an estimate with its decision and booking', tag: 'Estimates' } },
  { name: 'listBusinessEstimates', method: 'GET', path: biz('/estimates'), entry: 'functions/business/list-estimates.ts', auth: 'apiKey', access: apiKeyRead, openApi: { summary: 'List estimates changed since a time', tag: 'Estimates' } },
  {
    name: 'sendEstimate', method: 'POST', path: biz('/estimates/{estimateId}/send'), entry: 'functions/business/send-estimate.ts', auth: 'apiKey',
    access: { ...table, queues: ['notifications'] }, idempotent: true, openApi: { summary: 'Send the customer a link to the estimate (no sign-in)', tag: 'Estimates' },
  },
  {
    name: 'revokeEstimateLinks', method: 'POST', path: biz('/estimates/{estimateId}/links/revoke'), entry: 'functions/business/revoke-estimate-links.ts', auth: 'apiKey',
    access: table, idempotent: true, openApi: { summary: 'Withdraw every link of the estimate', tag: 'Estimates' },
  },
  { name: 'putSlot', method: 'PUT', path: biz('/slots/{slotId}'), entry: 'functions/business/put-slot.ts', auth: 'apiKey', access: table, openApi: { summary: 'Publish or move an open appointment slot', tag: 'Estimates' } },
  { name: 'deleteSlot', method: 'DELETE', path: biz('/slots/{slotId}'), entry: 'functions/business/delete-slot.ts', auth: 'apiKey', access: table, openApi: { summary: 'Withdraw an open appointment slot', tag: 'Estimates' } },
  // Technician tracking: a visit per job, from "on my way" to completed.
  {
    name: 'startTracking', method: 'POST', path: biz('/jobs/{jobId}/tracking'), entry: 'functions/business/start-tracking.ts', auth: 'apiKey',
    access: { ...table, queues: ['notifications'] }, idempotent: true, openApi: { summary: 'Start tracking a visit: sends the customer the "on my way" link', tag: 'Tracking' },
  },
  {
    // The design card's `tracking-update`: called every few seconds per technician, one write each.
    name: 'trackingUpdate', method: 'PUT', path: biz('/jobs/{jobId}/tracking/position'), entry: 'functions/business/tracking-update.ts', auth: 'apiKey',
    access: table, openApi: { summary: "Report the technician's latest position (only the latest is kept)", tag: 'Tracking' },
  },
  {
    name: 'markTrackingArrived', method: 'POST', path: biz('/jobs/{jobId}/tracking/arrived'), entry: 'functions/business/mark-tracking-arrived.ts', auth: 'apiKey',
    access: table, idempotent: true, openApi: { summary: 'The technician has arrived: the position is hidden from then on', tag: 'Tracking' },
  },
  {
    name: 'completeTracking', method: 'POST', path: biz('/jobs/{jobId}/tracking/completed'), entry: 'functions/business/complete-tracking.ts', auth: 'apiKey',
    access: table, idempotent: true, openApi: { summary: 'The visit is over: the link stops working and the position is deleted', tag: 'Tracking' },
  },
  {
    name: 'startStripeOnboarding', method: 'POST', path: biz('/stripe/onboarding'), entry: 'functions/business/start-stripe-onboarding.ts', auth: 'apiKey',
    access: { ...table, payments: true }, idempotent: true, openApi: { summary: 'Connect Stripe: a link to Stripe-hosted onboarding', tag: 'Settings' },
  },
  // Customer forms: templates (a change is a new version), sending one to a customer, the submissions.
  { name: 'putForm', method: 'PUT', path: biz('/forms/{formId}'), entry: 'functions/business/put-form.ts', auth: 'apiKey', access: table, bodyLimitBytes: 128 * 1024, openApi: { summary: 'Create or replace a form template (a change makes a new version)', tag: 'Forms' } },
  {
    name: 'sendForm', method: 'POST', path: biz('/forms/{formId}/send'), entry: 'functions/business/send-form.ts', auth: 'apiKey',
    access: { ...table, queues: ['notifications'] }, idempotent: true, openApi: { summary: 'Send the form to a customer: a link that opens just that form (no sign-in, 30 days)', tag: 'Forms' },
  },
  {
    name: 'revokeFormLinks', method: 'POST', path: biz('/sent-forms/{sentFormId}/links/revoke'), entry: 'functions/business/revoke-form-links.ts', auth: 'apiKey',
    access: table, idempotent: true, openApi: { summary: 'Withdraw every link of a sent form', tag: 'Forms' },
  },
  { name: 'listFormSubmissions', method: 'GET', path: biz('/forms/{formId}/submissions'), entry: 'functions/business/list-form-submissions.ts', auth: 'apiKey', access: apiKeyRead, openApi: { summary: "List a form's submissions, newest first", tag: 'Forms' } },
  { name: 'getSubmission', method: 'GET', path: biz('/submissions/{submissionId}'), entry: 'functions/business/get-submission.ts', auth: 'apiKey', access: { ...apiKeyRead, files: 'read' }, openApi: { summary: 'Read a submission: its answers, the version filled, file URLs', tag: 'Forms' } },
  {
    name: 'getSubmissionPdf', method: 'GET', path: biz('/submissions/{submissionId}/pdf'), entry: 'functions/business/get-submission-pdf.ts', auth: 'apiKey',
    access: { ...apiKeyRead, files: 'readwrite' }, bundleAssets: ['pdfFonts'], openApi: { summary: "A short-lived URL of the submission's PDF (the customer's copy)", tag: 'Forms' },
  },
  { name: 'createWebhookEndpoint', method: 'POST', path: biz('/webhook-endpoints'), entry: 'functions/business/create-webhook-endpoint.ts', auth: 'apiKey', access: table, idempotent: true, openApi: { summary: 'Subscribe a URL to events', tag: 'Webhooks' } },
  { name: 'listWebhookEndpoints', method: 'GET', path: biz('/webhook-endpoints'), entry: 'functions/business/list-webhook-endpoints.ts', auth: 'apiKey', access: apiKeyRead, openApi: { summary: 'List webhook endpoints', tag: 'Webhooks' } },
  { name: 'deleteWebhookEndpoint', method: 'DELETE', path: biz('/webhook-endpoints/{endpointId}'), entry: 'functions/business/delete-webhook-endpoint.ts', auth: 'apiKey', access: table, openApi: { summary: 'Remove a webhook endpoint', tag: 'Webhooks' } },
  {
    name: 'listWebhookDeliveries', method: 'GET', path: biz('/webhook-endpoints/{endpointId}/deliveries'), entry: 'functions/business/list-webhook-deliveries.ts', auth: 'apiKey',
    access: apiKeyRead, openApi: { summary: "List an endpoint's deliveries of the last 30 days, newest first", tag: 'Webhooks' },
  },
  {
    name: 'retryWebhookDelivery', method: 'POST', path: biz('/webhook-endpoints/{endpointId}/deliveries/{deliveryId}/retry'), entry: 'functions/business/retry-webhook-delivery.ts', auth: 'apiKey',
    access: { ...table, queues: ['webhooks'] }, idempotent: true, openApi: { summary: 'Re-send a delivery (same event, same webhook-id)', tag: 'Webhooks' },
  },
  {
    name: 'enableWebhookEndpoint', method: 'POST', path: biz('/webhook-endpoints/{endpointId}/enable'), entry: 'functions/business/enable-webhook-endpoint.ts', auth: 'apiKey',
    access: table, idempotent: true, openApi: { summary: 'Turn a disabled webhook endpoint back on', tag: 'Webhooks' },
  },
  // Service requests from the portal and the business's website.
  { name: 'listBusinessRequests', method: 'GET', path: biz('/requests'), entry: 'functions/business/list-requests.ts', auth: 'apiKey', access: apiKeyRead, openApi: { summary: 'List service requests changed since a time, optionally of one status', tag: 'Requests' } },
  { name: 'getBusinessRequest', method: 'GET', path: biz('/requests/{requestId}'), entry: 'functions/business/get-request.ts', auth: 'apiKey', access: { ...apiKeyRead, files: 'read' }, openApi: { summary: 'Read a service request with its photos and videos (signed URLs, 15 minutes)', tag: 'Requests' } },
  {
    name: 'scheduleRequest', method: 'POST', path: biz('/requests/{requestId}/schedule'), entry: 'functions/business/schedule-request.ts', auth: 'apiKey',
    access: { ...table, queues: ['notifications'] }, idempotent: true, openApi: { summary: 'Link a new request to the job it became: the customer sees it and is told', tag: 'Requests' },
  },
  {
    name: 'declineRequest', method: 'POST', path: biz('/requests/{requestId}/decline'), entry: 'functions/business/decline-request.ts', auth: 'apiKey',
    access: { ...table, queues: ['notifications'] }, idempotent: true, openApi: { summary: 'Decline a new request with a reason: the customer is told', tag: 'Requests' },
  },
  {
    name: 'attachRequestCustomer', method: 'POST', path: biz('/requests/{requestId}/customer'), entry: 'functions/business/attach-request-customer.ts', auth: 'apiKey',
    access: table, idempotent: true, openApi: { summary: 'Attach a request from the website to an existing customer, or create the customer from its contact', tag: 'Requests' },
  },
] as const satisfies readonly RouteDef[];

export type BusinessRoute = (typeof businessRoutes)[number];

export const businessRoute = <N extends BusinessRoute['name']>(name: N): Extract<BusinessRoute, { name: N }> => rowNamed(businessRoutes, name);
