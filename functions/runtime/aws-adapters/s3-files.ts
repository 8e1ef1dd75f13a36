import { envNames } from '../../../shared/config/env-names';
import { required } from '../env';
import type { Env } from '../runtime';

/** Required on first use, not at load: see sqs-queue.ts. */
export const s3Files = (env: Env) => {
  const { S3FileLinks } = require('../../../shared/adapters/aws/s3-file-links') as typeof import('../../../shared/adapters/aws/s3-file-links');
  return new S3FileLinks(required(env, envNames.filesBucket), required(env, 'AWS_REGION'));
};
