/**
 * Adapter factories require their SDK module inside the factory rather than at the top: the
 * module is then evaluated on first use, not at cold start, keeping each function's load near a
 * bare DocumentClient's (measured by `npm run bench`).
 */
import { envNames } from '../../../config/env-names';
import { required, type Env } from '../../../config/env';

export const s3Files = (env: Env) => {
  const { S3FileStorage } = require('../s3-files') as typeof import('../s3-files');
  return new S3FileStorage(required(env, envNames.filesBucket), required(env, 'AWS_REGION'));
};
