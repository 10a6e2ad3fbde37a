// Gets the tracker page's HTML from an http(s) URL, a file: URL or a plain path, within limits,
// revalidating with ETag / Last-Modified when asked. Redirects are followed only on the tracker's
// own host name (never to another host, an internal address, or from https down to http), at most
// a few, and all hops share one timeout, so a slow chain still leaves time for the last good page.
import { readFile } from "node:fs/promises";
import { fileURLToPath, pathToFileURL } from "node:url";
import { HttpFailure, httpRequest, type HttpClient } from "../net/httpRequest.js";
import { TrackerError } from "./trackerError.js";

export interface FetchLimits {
  connectTimeoutMs: number;
  /** For the whole fetch, every redirect hop included. */
  timeoutMs: number;
  maxBodyBytes: number;
  maxRedirects: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  connectTimeoutMs: 3_000,
  timeoutMs: 8_000,
  maxBodyBytes: 5 * 1024 * 1024,
  maxRedirects: 3,
};

export interface Validators {
  etag?: string | undefined;
  lastModified?: string | undefined;
}

export type PageResult = { notModified: false; html: string; validators: Validators } | { notModified: true };

/** Accepts "http://…", "https://…", "file:///…" or a filesystem path. */
export function trackerLocation(text: string): URL {
  if (/^(https?|file):/i.test(text)) return new URL(text);
  return pathToFileURL(text);
}

export async function fetchTrackerPage(
  location: URL,
  options: {
    limits?: Partial<FetchLimits> | undefined;
    validators?: Validators | undefined;
    http?: HttpClient | undefined;
    nowMs?: (() => number) | undefined;
  } = {},
): Promise<PageResult> {
  const limits = { ...DEFAULT_FETCH_LIMITS, ...options.limits };
  const http = options.http ?? httpRequest;
  if (location.protocol === "file:") return readLocalPage(location, limits.maxBodyBytes);
  if (location.protocol !== "http:" && location.protocol !== "https:") {
    throw new TrackerError("unreachable", `unsupported tracker URL scheme ${location.protocol}`);
  }

  const headers: Record<string, string> = {
    accept: "text/html,application/xhtml+xml;q=0.9,*/*;q=0.1",
    "user-agent": "slacktrux (+https://github.com/slacktrux/slacktrux)",
  };
  if (options.validators?.etag) headers["if-none-match"] = options.validators.etag;
  if (options.validators?.lastModified) headers["if-modified-since"] = options.validators.lastModified;

  const nowMs = options.nowMs ?? Date.now;
  const endsAtMs = nowMs() + limits.timeoutMs;
  let url = location;
  for (let hop = 0; ; hop++) {
    const remainingMs = endsAtMs - nowMs();
    if (remainingMs <= 0) {
      throw new TrackerError("too-slow", `${location.host} did not answer within ${limits.timeoutMs} ms`);
    }
    let response;
    try {
      response = await http(url, {
        headers,
        connectTimeoutMs: Math.min(limits.connectTimeoutMs, remainingMs),
        timeoutMs: remainingMs,
        maxBodyBytes: limits.maxBodyBytes,
      });
    } catch (error) {
      if (error instanceof HttpFailure) {
        if (error.kind === "too-large") throw new TrackerError("too-large", error.message);
        // Connected but not done in time (a hang, a slow drip): slow, not down.
        if (error.kind === "timeout") throw new TrackerError("too-slow", error.message);
        throw new TrackerError("unreachable", error.message);
      }
      throw error;
    }

    const { status } = response;
    if (status === 304 && options.validators) return { notModified: true };
    if (status >= 300 && status < 400 && response.headers.location) {
      if (hop >= limits.maxRedirects) {
        throw new TrackerError(
          "redirect-refused",
          `${location.host} redirected more than ${limits.maxRedirects} times`,
        );
      }
      url = followable(location, url, response.headers.location);
      continue;
    }
    if (status < 200 || status >= 300) {
      throw new TrackerError("bad-status", `${url.host} answered HTTP ${status}`);
    }
    const contentType = (response.headers["content-type"] ?? "").toLowerCase();
    // A missing content type is tolerated (some static hosts omit it); a wrong one is not.
    if (contentType && !/^(text\/html|application\/xhtml\+xml)\b/.test(contentType)) {
      throw new TrackerError("not-html", `${url.host} sent ${contentType.split(";")[0]}, not an HTML page`);
    }
    return {
      notModified: false,
      html: response.body.toString("utf8"),
      validators: { etag: response.headers.etag, lastModified: response.headers["last-modified"] },
    };
  }
}

/**
 * Where a redirect from `from` to `target` leads, if it may be followed: the tracker's own host
 * name only, on the same scheme and port, or upgraded from http to https (default port). Messages
 * name hosts, never paths or queries.
 */
function followable(tracker: URL, from: URL, target: string): URL {
  let next: URL;
  try {
    next = new URL(target, from);
  } catch {
    throw new TrackerError("redirect-refused", `${tracker.host} redirected to something that is not a URL`);
  }
  if (next.protocol !== "http:" && next.protocol !== "https:") {
    throw new TrackerError("redirect-refused", `${tracker.host} redirected to an unsupported scheme`);
  }
  if (next.hostname !== tracker.hostname) {
    throw new TrackerError("redirect-refused", `${tracker.host} redirected to another host (${next.host})`);
  }
  if (from.protocol === "https:" && next.protocol === "http:") {
    throw new TrackerError("redirect-refused", `${tracker.host} redirected from https down to http`);
  }
  const upgrade = from.protocol === "http:" && next.protocol === "https:" && next.port === "";
  if (!upgrade && (next.protocol !== from.protocol || next.port !== from.port)) {
    throw new TrackerError("redirect-refused", `${tracker.host} redirected to another port (${next.host})`);
  }
  return next;
}

async function readLocalPage(location: URL, maxBodyBytes: number): Promise<PageResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(fileURLToPath(location));
  } catch (error) {
    throw new TrackerError(
      "unreachable",
      `cannot read ${fileURLToPath(location)} (${(error as NodeJS.ErrnoException).code})`,
    );
  }
  if (bytes.length > maxBodyBytes)
    throw new TrackerError("too-large", `the tracker file is over ${maxBodyBytes} bytes`);
  return { notModified: false, html: bytes.toString("utf8"), validators: {} };
}
