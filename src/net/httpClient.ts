// What phase 2 asks of an HTTP exchange, apart from how it is made: options with hard limits, the
// response, and the failures. httpRequest.ts makes it with node:http; fetchHttpClient.ts with fetch.
export interface HttpRequestOptions {
  method?: "GET" | "POST";
  headers?: Record<string, string>;
  body?: string;
  /** Time allowed to open the connection. */
  connectTimeoutMs?: number;
  /** Time allowed for the whole exchange, body included. */
  timeoutMs?: number;
  /** Stop reading (and fail) once the response body exceeds this many bytes. */
  maxBodyBytes?: number;
}

export interface HttpResponse {
  status: number;
  /** Lower-case header names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
}

export type HttpFailureKind = "timeout" | "connect-timeout" | "too-large" | "network";

export class HttpFailure extends Error {
  constructor(
    readonly kind: HttpFailureKind,
    message: string,
  ) {
    super(message);
    this.name = "HttpFailure";
  }
}

/**
 * How phase 2 makes its HTTP exchanges: httpRequest on Node, a fetch-based one where there
 * is no node:http (Cloudflare Workers). Same limits, same failures.
 */
export type HttpClient = (url: URL, options?: HttpRequestOptions) => Promise<HttpResponse>;

/** Every client's defaults, so the Node and fetch clients hold the same limits. */
export const DEFAULT_HTTP_LIMITS = {
  connectTimeoutMs: 3_000,
  timeoutMs: 8_000,
  maxBodyBytes: 5 * 1024 * 1024,
} as const;

/** The options with every default filled in. */
export function withDefaults(options: HttpRequestOptions) {
  return { method: "GET" as const, headers: {}, ...DEFAULT_HTTP_LIMITS, ...options };
}
