// The tracker as phase 2 sees it, against a real loopback "tracker" that misbehaves on demand.
import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { startLoopbackServer, type LoopbackServer } from "../../test/helpers/loopbackServer.js";
import { TrackerError } from "./trackerError.js";
import { createTracker, type ParsePage } from "./tracker.js";
import { fetchTrackerPage } from "./fetchTrackerPage.js";
import type { HttpClient } from "../net/httpRequest.js";

const page = `<div class="post-content"><h2>DC - Farragut Square</h2><div><a href="http://t/1">District Taco</a></div></div>`;
// A stand-in parser keeps these tests about fetching and caching, not parsing.
const parse: ParsePage = (html) =>
  html.includes("<h2>")
    ? [{ place: "DC - Farragut Square", trucks: [{ name: "District Taco", url: "http://t/1" }] }]
    : [];

let tracker: LoopbackServer | undefined;
afterEach(async () => {
  await tracker?.close();
  tracker = undefined;
});

async function trackerDoing(
  respond: (res: ServerResponse, call: number, headers: Record<string, string | string[] | undefined>) => void,
) {
  let call = 0;
  tracker = await startLoopbackServer((req, res) => respond(res, call++, req.headers));
  return tracker;
}

async function failureOf(promise: Promise<unknown>): Promise<TrackerError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TrackerError) return error;
    throw error;
  }
  throw new Error("expected the tracker to fail");
}

const source = (url: string, options: { cacheSeconds?: number; nowMs?: () => number; limits?: object } = {}) =>
  createTracker({
    location: new URL(url),
    parse,
    cacheSeconds: options.cacheSeconds ?? 300,
    nowMs: options.nowMs,
    limits: options.limits,
  });

describe("tracker source: failures", () => {
  it.each([
    [500, "bad-status"],
    [404, "bad-status"],
  ])("HTTP %i is %s", async (status, kind) => {
    const t = await trackerDoing((res) => res.writeHead(status).end("nope"));
    expect((await failureOf(source(t.url).get())).kind).toBe(kind);
  });

  it("a wrong content type is not-html", async () => {
    const t = await trackerDoing((res) => res.writeHead(200, { "content-type": "application/json" }).end("{}"));
    expect((await failureOf(source(t.url).get())).kind).toBe("not-html");
  });

  it("a 30 MB body is too-large, and reading stops", async () => {
    const t = await trackerDoing((res) => {
      res.writeHead(200, { "content-type": "text/html" });
      const chunk = Buffer.alloc(1024 * 1024, "a");
      let sent = 0;
      const pump = () => {
        while (sent < 30 && res.write(chunk)) sent++;
        if (sent < 30) res.once("drain", () => (sent++, pump()));
        else res.end();
      };
      pump();
    });
    expect((await failureOf(source(t.url, { limits: { maxBodyBytes: 2 * 1024 * 1024 } }).get())).kind).toBe(
      "too-large",
    );
  });

  it("a declared oversize Content-Length is refused before reading", async () => {
    const t = await trackerDoing((res) =>
      res.writeHead(200, { "content-type": "text/html", "content-length": String(30 * 1024 * 1024) }).end(),
    );
    expect((await failureOf(source(t.url).get())).kind).toBe("too-large");
  });

  it("a hanging tracker times out as too-slow", async () => {
    const t = await trackerDoing(() => {});
    const started = Date.now();
    const error = await failureOf(source(t.url, { limits: { timeoutMs: 300 } }).get());
    expect(error.kind).toBe("too-slow");
    expect(Date.now() - started).toBeLessThan(3_000);
  });

  it("a slow drip is cut off by the total timeout", async () => {
    const t = await trackerDoing((res) => {
      res.writeHead(200, { "content-type": "text/html" });
      const timer = setInterval(() => res.write("<p>"), 50);
      res.on("close", () => clearInterval(timer));
    });
    expect((await failureOf(source(t.url, { limits: { timeoutMs: 400 } }).get())).kind).toBe("too-slow");
  });

  it("a page with no places is layout-changed", async () => {
    const t = await trackerDoing((res) =>
      res.writeHead(200, { "content-type": "text/html" }).end("<html><body>We moved!</body></html>"),
    );
    const error = await failureOf(source(t.url).get());
    expect(error.kind).toBe("layout-changed");
  });

  it("a refused connection is unreachable", async () => {
    expect((await failureOf(source("http://127.0.0.1:1/list").get())).kind).toBe("unreachable");
  });

  it("follows a few redirects on its own host, not endlessly", async () => {
    const t = await trackerDoing((res, call) => {
      if (call < 2) res.writeHead(301, { location: `/hop${call}` }).end();
      else res.writeHead(200, { "content-type": "text/html" }).end(page);
    });
    expect((await source(t.url).get()).listings).toHaveLength(1);
    await t.close();

    const loop = await trackerDoing((res) => res.writeHead(302, { location: "/again" }).end());
    const error = await failureOf(source(loop.url).get());
    expect(error.kind).toBe("redirect-refused");
    expect(error.message).toMatch(/redirected more than 3 times/);
    expect(loop.requests.length).toBe(4);
  });

  it("refuses a redirect to another host, such as an internal address, without asking it", async () => {
    const elsewhere = await startLoopbackServer((_req, res) =>
      res.writeHead(200, { "content-type": "text/html" }).end(page),
    );
    try {
      for (const target of [
        elsewhere.url.replace("127.0.0.1", "localhost") + "/latest/meta-data/iam/",
        "http://169.254.169.254/latest/meta-data/iam/",
      ]) {
        const t = await trackerDoing((res) => res.writeHead(302, { location: target }).end());
        const error = await failureOf(source(t.url).get());
        expect(error.kind).toBe("redirect-refused");
        expect(error.message).toMatch(/redirected to another host/);
        expect(error.message).not.toContain("meta-data");
        await t.close();
      }
      expect(elsewhere.requests).toHaveLength(0);
    } finally {
      await elsewhere.close();
    }
  });

  it("refuses a redirect to another port of its own host", async () => {
    const other = await startLoopbackServer((_req, res) =>
      res.writeHead(200, { "content-type": "text/html" }).end(page),
    );
    try {
      const t = await trackerDoing((res) => res.writeHead(302, { location: `${other.url}/list` }).end());
      expect((await failureOf(source(t.url).get())).kind).toBe("redirect-refused");
      expect(other.requests).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  /** An HTTP client that answers by URL, recording what was asked: for https, which loopback tests lack. */
  function scriptedHttp(answers: Record<string, { status: number; location?: string }>) {
    const asked: string[] = [];
    const http: HttpClient = async (url) => {
      asked.push(url.href);
      const answer = answers[url.href];
      if (!answer) throw new Error(`unexpected request to ${url.href}`);
      const headers: Record<string, string> =
        answer.status === 200 ? { "content-type": "text/html" } : { location: answer.location ?? "" };
      return { status: answer.status, headers, body: Buffer.from(answer.status === 200 ? page : "") };
    };
    return { http, asked };
  }

  it("follows an upgrade from http to https on its own host", async () => {
    const { http, asked } = scriptedHttp({
      "http://tracker.example/list": { status: 301, location: "https://tracker.example/list" },
      "https://tracker.example/list": { status: 200 },
    });
    const result = await fetchTrackerPage(new URL("http://tracker.example/list"), { http });
    expect(result.notModified).toBe(false);
    expect(asked).toEqual(["http://tracker.example/list", "https://tracker.example/list"]);
  });

  it("never follows https down to http, even on its own host", async () => {
    const { http, asked } = scriptedHttp({
      "https://tracker.example/list": { status: 302, location: "http://tracker.example/list" },
      "http://tracker.example/list": { status: 200 },
    });
    const error = await failureOf(fetchTrackerPage(new URL("https://tracker.example/list"), { http }));
    expect(error.kind).toBe("redirect-refused");
    expect(error.message).toMatch(/from https down to http/);
    expect(asked).toEqual(["https://tracker.example/list"]);
  });

  it("gives all redirect hops one timeout, so a slow chain is too-slow rather than one timeout per hop", async () => {
    // Each hop alone is well within the timeout; together they are not.
    const t = await trackerDoing((res, call) =>
      setTimeout(() => {
        if (call < 3) res.writeHead(302, { location: `/hop${call}` }).end();
        else res.writeHead(200, { "content-type": "text/html" }).end(page);
      }, 200),
    );
    expect((await failureOf(source(t.url, { limits: { timeoutMs: 500 } }).get())).kind).toBe("too-slow");
  });
});

describe("tracker source: what it shows of its address", () => {
  it("credits its origin and path only, never the query, even in a layout-changed message", async () => {
    const t = await trackerDoing((res) => res.writeHead(200, { "content-type": "text/html" }).end("<p>moved</p>"));
    const tracker = source(`${t.url}/list?apikey=very-secret`);
    expect(tracker.sourceUrl).toBe(`${t.url}/list`);
    const error = await failureOf(tracker.get());
    expect(error.kind).toBe("layout-changed");
    expect(error.message).not.toContain("very-secret");
    expect(t.requests[0]!.url).toBe("/list?apikey=very-secret");
  });
});

describe("tracker source: cache", () => {
  it("reuses a page within TRACKER_CACHE_SECONDS, then revalidates with ETag and Last-Modified", async () => {
    let now = 1_000_000;
    const t = await trackerDoing((res, _call, headers) => {
      if (headers["if-none-match"] === '"v1"') return res.writeHead(304).end();
      res
        .writeHead(200, { "content-type": "text/html", etag: '"v1"', "last-modified": "Wed, 25 Nov 2026 11:42:00 GMT" })
        .end(page);
    });
    const tracker = source(t.url, { cacheSeconds: 300, nowMs: () => now });
    const first = await tracker.get();
    now += 60_000;
    await tracker.get();
    expect(t.requests).toHaveLength(1);

    now += 300_000;
    const revalidated = await tracker.get();
    expect(t.requests).toHaveLength(2);
    expect(t.requests[1]!.headers["if-none-match"]).toBe('"v1"');
    expect(t.requests[1]!.headers["if-modified-since"]).toBe("Wed, 25 Nov 2026 11:42:00 GMT");
    expect(revalidated.listings).toEqual(first.listings);
    expect(revalidated.fetchedAt.getTime()).toBe(now);
    expect(revalidated.stale).toBeUndefined();
  });

  it("serves the last good page, marked stale, when the tracker then fails", async () => {
    let now = 1_000_000;
    const t = await trackerDoing((res, call) => {
      if (call === 0) res.writeHead(200, { "content-type": "text/html" }).end(page);
      else res.writeHead(503).end();
    });
    const tracker = source(t.url, { cacheSeconds: 300, nowMs: () => now });
    await tracker.get();
    now += 20 * 60_000;
    const snapshot = await tracker.get();
    expect(snapshot.listings).toHaveLength(1);
    expect(snapshot.fetchedAt.getTime()).toBe(1_000_000);
    expect(snapshot.stale?.error.kind).toBe("bad-status");
  });

  it("still serves the last good page when a redirect chain is slow: the chain cannot take a timeout per hop", async () => {
    let now = 1_000_000;
    const t = await trackerDoing((res, call) => {
      if (call === 0) return res.writeHead(200, { "content-type": "text/html" }).end(page);
      setTimeout(() => {
        if (call < 4) res.writeHead(302, { location: `/hop${call}` }).end();
        else res.writeHead(200, { "content-type": "text/html" }).end(page);
      }, 200);
    });
    const tracker = source(t.url, { cacheSeconds: 300, nowMs: () => now, limits: { timeoutMs: 500 } });
    await tracker.get();
    now += 20 * 60_000;
    const snapshot = await tracker.get();
    expect(snapshot.stale?.error.kind).toBe("too-slow");
    expect(snapshot.listings).toHaveLength(1);
  });

  it("shares one fetch among commands that arrive together", async () => {
    const t = await trackerDoing((res) =>
      setTimeout(() => res.writeHead(200, { "content-type": "text/html" }).end(page), 50),
    );
    const tracker = source(t.url);
    await Promise.all([tracker.get(), tracker.get(), tracker.get()]);
    expect(t.requests).toHaveLength(1);
  });
});
