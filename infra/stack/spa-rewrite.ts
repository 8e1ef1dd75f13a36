/**
 * CloudFront Function (viewer request, default behavior only) for the single-page app: a path
 * whose last segment has no file extension (`/acme/jobs/123`, `/`) is an app route, so S3 is asked
 * for `/index.html`; files (`/assets/app.3f9a.js`) pass through. Rewriting here instead of
 * mapping S3's 403/404 to index.html keeps real missing files a 404 and never touches `/api/*`.
 *
 * One exception: the technician tracking page, `/{slug}/track` (a trailing slash allowed), is a
 * page of its own, `/track.html`, which loads none of the app (frontend/build.ts). Only that
 * exact shape: `/acme/jobs/track` or `/acme/track/x` are app routes like any other.
 *
 * Plain ES5-compatible JavaScript: it runs in CloudFront's cloudfront-js-2.0 runtime, not Node.
 * The local gateway serves with this same code (`spaRewrite` below), so the two cannot disagree.
 */
export const spaRewriteFunctionCode = `
function handler(event) {
  var request = event.request;
  var uri = request.uri;
  var lastSegment = uri.substring(uri.lastIndexOf('/') + 1);
  if (/^\\/[^\\/]+\\/track\\/?$/.test(uri)) {
    request.uri = '/track.html';
  } else if (lastSegment.indexOf('.') === -1) {
    request.uri = '/index.html';
  }
  return request;
}
`.trim();

/**
 * The function above, run in Node on a path: what S3 would be asked for. The local gateway's
 * static files and the tests use it; CloudFront runs the code text itself.
 */
export const spaRewrite: (uri: string) => string = new Function(
  `${spaRewriteFunctionCode}\nreturn function (uri) { return handler({ request: { uri: uri } }).uri; };`,
)() as (uri: string) => string;
