import { describe, expect, it } from "vitest";
import { html, SafeHtml } from "./html.js";
import { cookieValue, setCookie } from "./exchange.js";

describe("html templates", () => {
  it("escape every interpolated string, and keep HTML made by html`` as it is", () => {
    const name = `<script>alert("x")</script> & 'co'`;
    expect(html`<p title="${name}">${name}</p>`.text).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</p>',
    );
    const list = html`<ul>
      ${["<a>", html`<li>b</li>`]}
    </ul>`.text;
    expect(list.replace(/\s+/g, "")).toBe("<ul>&lt;a&gt;<li>b</li></ul>");
    expect(html`${new SafeHtml("<b>kept</b>")}${3}`.text).toBe("<b>kept</b>3");
  });
});

describe("cookies", () => {
  it("are read by name from a Cookie header, and written HttpOnly and SameSite=Lax", () => {
    expect(cookieValue("a=1; slacktrux_oauth_state=abc.def; b=2", "slacktrux_oauth_state")).toBe("abc.def");
    expect(cookieValue("xslacktrux_oauth_state=1", "slacktrux_oauth_state")).toBeUndefined();
    expect(cookieValue(undefined, "a")).toBeUndefined();
    expect(setCookie("a", "1", { path: "/p", maxAgeSeconds: 60, secure: true })).toBe(
      "a=1; Path=/p; Max-Age=60; HttpOnly; SameSite=Lax; Secure",
    );
  });
});
