/**
 * CloudFront Function (viewer request, default behavior only) for the single-page app: a path
 * whose last segment has no file extension (`/acme/jobs/123`, `/`) is an app route, so S3 is asked
 * for `/index.html`; files (`/assets/app.3f9a.js`) pass through. Rewriting here instead of
 * mapping S3's 403/404 to index.html keeps real missing files a 404 and never touches `/api/*`.
 *
 * Plain ES5-compatible JavaScript: it runs in CloudFront's cloudfront-js-2.0 runtime, not Node.
 */
export const spaRewriteFunctionCode = `
function handler(event) {
  var request = event.request;
  var lastSegment = request.uri.substring(request.uri.lastIndexOf('/') + 1);
  if (lastSegment.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}
`.trim();
