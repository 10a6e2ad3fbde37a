import { describe, expect, it } from "vitest";
import { escapeMrkdwn, isSafeLinkUrl, linkMrkdwn } from "./escape.js";

describe("escapeMrkdwn", () => {
  it("neutralises mentions and links", () => {
    expect(escapeMrkdwn("<!channel> Free Tacos")).toBe("&lt;!channel&gt; Free Tacos");
    expect(escapeMrkdwn("<@U123>")).toBe("&lt;@U123&gt;");
    expect(escapeMrkdwn("<!here|here>")).toBe("&lt;!here|here&gt;");
    expect(escapeMrkdwn("<https://evil.example|Click>")).toBe("&lt;https://evil.example|Click&gt;");
  });

  it("escapes & first, so existing entities stay literal", () => {
    expect(escapeMrkdwn("a & b")).toBe("a &amp; b");
    expect(escapeMrkdwn("&lt;!channel&gt;")).toBe("&amp;lt;!channel&amp;gt;");
  });

  it("leaves everything else alone", () => {
    expect(escapeMrkdwn("Pho-bachi 🍜 “café” *bold* _it_")).toBe("Pho-bachi 🍜 “café” *bold* _it_");
    expect(escapeMrkdwn("")).toBe("");
  });
});

describe("linkMrkdwn", () => {
  it("links an http(s) URL with an escaped label", () => {
    expect(linkMrkdwn("https://twitter.com/districttaco", "District Taco")).toBe(
      "<https://twitter.com/districttaco|District Taco>",
    );
    expect(linkMrkdwn("http://example.com/", "Tacos & <Burritos>")).toBe(
      "<http://example.com/|Tacos &amp; &lt;Burritos&gt;>",
    );
  });

  it("escapes & in the URL (Slack decodes it back)", () => {
    expect(linkMrkdwn("https://example.com/?a=1&b=2", "x")).toBe("<https://example.com/?a=1&amp;b=2|x>");
  });

  it.each([
    ["javascript:", "javascript:alert(1)"],
    ["data:", "data:text/html,<script>"],
    ["a relative URL", "/trucks/1"],
    ["a | that would swap the label", "https://evil.example|District Taco"],
    ["a > that would close the link", "https://example.com/>"],
    ["a < ", "https://example.com/<!channel>"],
    ["a space", "https://example.com/a b"],
    ["a newline", "https://example.com/\n<!channel>"],
    ["a control character", "https://example.com/\u0000"],
    ["no host", "https://"],
    ["empty", ""],
  ])("refuses %s and shows only the escaped label", (_, url) => {
    expect(isSafeLinkUrl(url)).toBe(false);
    expect(linkMrkdwn(url, "<!channel> Tacos")).toBe("&lt;!channel&gt; Tacos");
  });

  it("accepts upper-case schemes", () => {
    expect(linkMrkdwn("HTTPS://Example.com/x", "x")).toBe("<HTTPS://Example.com/x|x>");
  });

  it("uses the URL as the label when the label is empty", () => {
    expect(linkMrkdwn("https://example.com/", "")).toBe("<https://example.com/|https://example.com/>");
  });
});
