/**
 * Where the list of common passwords comes from, and how `npm run common-passwords` writes
 * ./common-passwords.ts from it: the passwords of zxcvbn-ts's common dictionary (MIT; built from
 * leaked-password frequency lists), in their order of frequency, that the length rule would let
 * through (8 characters or more). A test fails when the written list no longer matches.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { minPasswordLength } from './policy';

export function commonPasswordsFromSource(): string[] {
  // A dev dependency: read only here and by the test, never by a function.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { dictionary } = require('@zxcvbn-ts/language-common') as { dictionary: Record<string, string[]> };
  return dictionary['passwords-common']!.filter((p) => [...p].length >= minPasswordLength).map((p) => p.toLowerCase());
}

export const generatedFile = join(__dirname, 'common-passwords.ts');

export function moduleText(list: string[]): string {
  return [
    '/* Written by `npm run common-passwords` (./common-passwords-source.ts): do not edit. */',
    `/** ${list.length} common passwords of 8 characters or more, lower-cased, one per line, most common first. */`,
    `export const commonPasswordList = ${JSON.stringify(list.join('\n'))};`,
    '',
  ].join('\n');
}

if (require.main === module) {
  const list = commonPasswordsFromSource();
  writeFileSync(generatedFile, moduleText(list));
  console.log(`wrote ${list.length} common passwords to ${generatedFile}`);
}
