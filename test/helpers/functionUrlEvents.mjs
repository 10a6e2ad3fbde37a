// @ts-check
// Lambda Function URL events (payload format 2.0) shaped like the ones AWS delivers for a Slack
// slash command: lower-case headers, the form body base64-encoded, the method in requestContext.
// Plain JavaScript with JSDoc types, so the tests (TypeScript) and bench/ (plain node) share it.

export const FUNCTION_URL_HOST = "abcdefghijklmnopqrstuvwxyz012345.lambda-url.us-east-1.on.aws";

/**
 * @param {{ body: string; headers: Record<string, string>; method?: string; base64?: boolean | undefined; path?: string }} options
 * @returns {import("../../src/runtimes/lambda/functionUrlEvent.js").FunctionUrlEvent}
 */
export function functionUrlEvent(options) {
  const { body, headers, method = "POST", base64 = true, path = "/slack/commands" } = options;
  const now = new Date();
  // Built as a whole first: the event carries more fields than FunctionUrlEvent types.
  const event = {
    version: /** @type {const} */ ("2.0"),
    routeKey: "$default",
    rawPath: path,
    rawQueryString: "",
    headers: {
      "x-amzn-tls-cipher-suite": "TLS_AES_128_GCM_SHA256",
      "x-amzn-tls-version": "TLSv1.3",
      "x-amzn-trace-id": "Root=1-67a0b1c2-0123456789abcdef01234567",
      "x-forwarded-proto": "https",
      host: FUNCTION_URL_HOST,
      "x-forwarded-port": "443",
      "x-forwarded-for": "3.209.128.42",
      accept: "application/json,*/*",
      "accept-encoding": "gzip,deflate",
      "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
      "content-length": String(Buffer.byteLength(body)),
      ...headers,
    },
    requestContext: {
      accountId: "anonymous",
      apiId: "abcdefghijklmnopqrstuvwxyz012345",
      domainName: FUNCTION_URL_HOST,
      domainPrefix: "abcdefghijklmnopqrstuvwxyz012345",
      http: {
        method,
        path,
        protocol: "HTTP/1.1",
        sourceIp: "3.209.128.42",
        userAgent: "Slackbot 1.0 (+https://api.slack.com/robots)",
      },
      requestId: "b7e5c1d2-3f4a-4b5c-8d9e-0f1a2b3c4d5e",
      routeKey: "$default",
      stage: "$default",
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    body: base64 ? Buffer.from(body, "utf8").toString("base64") : body,
    isBase64Encoded: base64,
  };
  return event;
}

/**
 * The same headers with names as a proxy that does not lower-case them would pass them.
 * @param {Record<string, string>} headers
 * @returns {Record<string, string>}
 */
export function mixedCase(headers) {
  /** @type {Record<string, string>} */
  const cased = {};
  for (const [name, value] of Object.entries(headers)) {
    cased[
      name.replace(
        /(^|-)([a-z])/g,
        (_, /** @type {string} */ dash, /** @type {string} */ letter) => dash + letter.toUpperCase(),
      )
    ] = value;
  }
  return cased;
}
