/**
 * Structured JSON logs, one line per event. Anything that could carry a secret (tokens,
 * session ids, cookies, headers, bodies) is never passed in; as a second line of defence,
 * fields whose names suggest a secret are redacted.
 */
type Level = 'debug' | 'info' | 'warn' | 'error';
type Fields = Record<string, unknown>;

const secretName = /token|secret|session|cookie|authorization|password|signature|card/i;

function redact(fields: Fields): Fields {
  const out: Fields = {};
  for (const [name, value] of Object.entries(fields)) out[name] = secretName.test(name) ? '[redacted]' : value;
  return out;
}

function write(level: Level, message: string, fields: Fields = {}) {
  const line = JSON.stringify({ level, time: new Date().toISOString(), message, ...redact(fields) });
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
}

export const logger = {
  debug: (message: string, fields?: Fields) => write('debug', message, fields),
  info: (message: string, fields?: Fields) => write('info', message, fields),
  warn: (message: string, fields?: Fields) => write('warn', message, fields),
  error: (message: string, fields?: Fields) => write('error', message, fields),
};

/** An error's name and message, never its request payload. */
export const describeError = (error: unknown): Fields =>
  error instanceof Error ? { errorName: error.name, errorMessage: error.message, stack: error.stack } : { error: String(error) };
