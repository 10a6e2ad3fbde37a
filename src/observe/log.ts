// Structured logs: one JSON object per line with a few stable keys (level, time, msg, phase,
// requestId, team, command, place, outcome, ms). Callers pass only what is safe to keep:
// never a secret, signature, token or response_url.

export type LogLevel = "debug" | "info" | "warn" | "error";
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export type LogSink = (line: string) => void;

export function createLogger(sink: LogSink = (line) => process.stdout.write(line + "\n")): Logger {
  const write = (level: LogLevel, msg: string, fields?: LogFields) =>
    sink(JSON.stringify({ level, time: new Date().toISOString(), msg, ...fields }));
  return {
    info: (msg, fields) => write("info", msg, fields),
    warn: (msg, fields) => write("warn", msg, fields),
    error: (msg, fields) => write("error", msg, fields),
  };
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
