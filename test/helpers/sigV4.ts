// An independent check of AWS Signature Version 4, written from AWS's published algorithm with
// node:crypto alone, so the stub can refuse a badly signed request as AWS would.
import { createHash, createHmac } from "node:crypto";
import type { RecordedRequest } from "./loopbackServer.js";

const hmac = (key: string | Buffer, data: string) => createHmac("sha256", key).update(data, "utf8").digest();
const sha256Hex = (data: string) => createHash("sha256").update(data, "utf8").digest("hex");

/** Why the request's signature is wrong, or undefined when it is right. */
export function sigV4Problem(request: RecordedRequest, secretAccessKey: string): string | undefined {
  const match =
    /^AWS4-HMAC-SHA256 Credential=[^/]+\/(\d{8})\/([^/]+)\/([^/]+)\/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(
      String(request.headers.authorization ?? ""),
    );
  if (!match) return "no SigV4 Authorization header";
  const [, date, region, service, signedHeaders, signature] = match as unknown as string[];
  const amzDate = String(request.headers["x-amz-date"] ?? "");
  if (!amzDate.startsWith(date!)) return "X-Amz-Date does not match the credential scope";
  const names = signedHeaders!.split(";");
  if (!names.includes("host") || !names.includes("x-amz-date")) return "host and x-amz-date must be signed";

  const [path, query = ""] = request.url.split("?");
  // Non-S3 services sign each path segment URI-encoded twice.
  const canonicalPath = path!
    .split("/")
    .map((segment) => encodeURIComponent(encodeURIComponent(decodeURIComponent(segment))))
    .join("/");
  const canonicalHeaders = names
    .map(
      (name) =>
        `${name}:${String(request.headers[name] ?? "")
          .trim()
          .replace(/\s+/g, " ")}\n`,
    )
    .join("");
  const canonicalRequest = [
    request.method,
    canonicalPath,
    query,
    canonicalHeaders,
    signedHeaders,
    sha256Hex(request.body),
  ].join("\n");
  const scope = `${date}/${region}/${service}/aws4_request`;
  const stringToSign = ["AWS4-HMAC-SHA256", amzDate, scope, sha256Hex(canonicalRequest)].join("\n");
  const key = hmac(hmac(hmac(hmac(`AWS4${secretAccessKey}`, date!), region!), service!), "aws4_request");
  return hmac(key, stringToSign).toString("hex") === signature ? undefined : "signature does not match";
}
