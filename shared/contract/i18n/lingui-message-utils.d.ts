/**
 * The package types its subpath only for `moduleResolution: node16/bundler`; this project resolves
 * as `node` (CommonJS), so its types are declared here as the package's .d.mts has them (Lingui's
 * core imports CompiledMessage from this module too).
 */
declare module '@lingui/message-utils/compileMessage' {
  export type CompiledIcuChoices = Record<string, CompiledMessage> & { offset: number | undefined };
  export type CompiledMessageToken = string | [name: string, type?: string, format?: null | string | unknown | CompiledIcuChoices];
  export type CompiledMessage = CompiledMessageToken[];
  export function compileMessageOrThrow(message: string, mapText?: (value: string) => string): CompiledMessage;
}
