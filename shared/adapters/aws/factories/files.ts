/**
 * Adapter factories import their SDK client statically. A `require()` inside the factory would
 * look lazier but costs more: esbuild then wraps the module and keeps every export of the SDK
 * package (all its commands, waiters and paginators), and evaluates them all on the first
 * request (measured by `npm run bench`). A handler names only the factories its row grants, so a
 * bundle holds only those clients.
 */
import { S3FileStorage } from '../s3-files';
import { envNames } from '../../../config/env-names';
import { required, type Env } from '../../../config/env';

export const s3Files = (env: Env) => {
  return new S3FileStorage(required(env, envNames.filesBucket), required(env, 'AWS_REGION'));
};
