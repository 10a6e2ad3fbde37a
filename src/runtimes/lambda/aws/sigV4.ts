// AWS Signature Version 4 on node:crypto, for the Lambda runtime's AWS calls (not S3: its path and
// payload rules differ). Synchronous and over plain objects on purpose: a WHATWG Headers object
// would load undici and WebCrypto's first HMAC costs a few ms more, both inside the receiver's
// cold start. The canonical request is AWS's documented one: the method; the path URI-encoded
// twice (slashes kept); the query sorted by name, then value; every header given plus host,
// x-amz-date and x-amz-security-token, lower-cased, values trimmed with inner whitespace
// collapsed, sorted by name (content-type included, as the AWS SDK signs it); the signed header
// names; and the body's SHA-256 in hex.
import { createHash, createHmac } from "node:crypto";

export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string | undefined;
}

export interface SignableRequest {
  method: string;
  url: URL;
  /** Every one is signed; header names in any case. The host comes from `url`. */
  headers: Record<string, string>;
  body: string;
  service: string;
  region: string;
  credentials: AwsCredentials;
  now: Date;
}

// Set by the signer (or, for host, by the HTTP client from the URL): a caller's copy would be sent
// beside ours and the signature would cover only one of them.
const SIGNER_HEADERS = new Set(["authorization", "host", "x-amz-date", "x-amz-security-token"]);

const sha256Hex = (data: string) => createHash("sha256").update(data, "utf8").digest("hex");
const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data, "utf8").digest();

/** encodeURIComponent plus the characters RFC 3986 reserves that it leaves alone. */
const encodeRfc3986 = (text: string) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

// The derived key changes only with the day, so one per secret, day, region and service. Cleared
// when it grows, as a long-lived process sees a new day (and maybe new credentials) now and then.
const signingKeys = new Map<string, Buffer>();

function signingKey(secretAccessKey: string, date: string, region: string, service: string): Buffer {
  const id = [secretAccessKey, date, region, service].join("\n");
  let key = signingKeys.get(id);
  if (!key) {
    key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date), region), service), "aws4_request");
    if (signingKeys.size >= 16) signingKeys.clear();
    signingKeys.set(id, key);
  }
  return key;
}

/** The headers to add to the request: authorization, x-amz-date, and x-amz-security-token with a session token. */
export function signRequest(request: SignableRequest): Record<string, string> {
  const { url, credentials } = request;
  const amzDate = request.now.toISOString().replace(/[:-]|\.\d{3}/g, ""); // 20150830T123600Z
  const date = amzDate.slice(0, 8);
  const added: Record<string, string> = { "x-amz-date": amzDate };
  if (credentials.sessionToken) added["x-amz-security-token"] = credentials.sessionToken;

  const headers = new Map<string, string>([["host", url.host]]);
  for (const [name, value] of Object.entries(request.headers)) {
    const lower = name.toLowerCase();
    if (SIGNER_HEADERS.has(lower) || headers.has(lower))
      throw new TypeError(`header ${lower} given twice or reserved for the signer`);
    headers.set(lower, value);
  }
  for (const [name, value] of Object.entries(added)) headers.set(name, value);
  const names = [...headers.keys()].sort();
  const signedHeaders = names.join(";");
  const canonicalHeaders = names.map((name) => `${name}:${headers.get(name)!.trim().replace(/\s+/g, " ")}\n`).join("");

  // Non-S3 services sign the path URI-encoded twice: url.pathname is already encoded once (a
  // function ARN's %3A is signed as %253A), so encode it once more, keeping the slashes.
  const canonicalPath = encodeRfc3986(url.pathname.replace(/\/+/g, "/")).replace(/%2F/g, "/");
  const canonicalQuery = [...url.searchParams]
    .filter(([name]) => name)
    .map(([name, value]) => [encodeRfc3986(name), encodeRfc3986(value)] as const)
    .sort(([n1, v1], [n2, v2]) => (n1 < n2 ? -1 : n1 > n2 ? 1 : v1 < v2 ? -1 : v1 > v2 ? 1 : 0))
    .map(([name, value]) => `${name}=${value}`)
    .join("&");

  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalPath,
    canonicalQuery,
    canonicalHeaders,
    signedHeaders,
    sha256Hex(request.body),
  ].join("\n");
  const scope = `${date}/${request.region}/${request.service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  const signature = createHmac("sha256", signingKey(credentials.secretAccessKey, date, request.region, request.service))
    .update(stringToSign, "utf8")
    .digest("hex");
  added.authorization = `AWS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
  return added;
}
