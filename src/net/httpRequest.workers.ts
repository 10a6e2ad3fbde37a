// The Worker bundle's httpRequest.ts: scripts/build.mjs resolves every import of httpRequest.js to
// this file when it bundles for workerd, so the default HTTP client there is fetch's and node:http
// never reaches the bundle. Same exports, same limits, same failures.
export {
  HttpFailure,
  type HttpClient,
  type HttpFailureKind,
  type HttpRequestOptions,
  type HttpResponse,
} from "./httpClient.js";
export { fetchHttpClient as httpRequest } from "./fetchHttpClient.js";
