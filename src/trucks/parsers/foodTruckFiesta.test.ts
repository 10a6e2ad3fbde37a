import { describe, it, expect } from "vitest";
import { readFileSync } from "node:fs";
import { parseFoodTruckFiesta } from "./foodTruckFiesta.js";
import type { PlaceListing } from "../types.js";

const dcFixtures = new URL("../../../test/fixtures/foodtruckfiesta/", import.meta.url);
const ownFixtures = new URL("../../../test/fixtures/", import.meta.url);

function readText(base: URL, name: string): string {
  return readFileSync(new URL(name, base), "utf8");
}

function readPlaces(base: URL, name: string): PlaceListing[] {
  return (JSON.parse(readText(base, name)) as { places: PlaceListing[] }).places;
}

/** Wraps list markup in the page frame the parser looks for. */
function page(postContent: string): string {
  return `<html><body><div id="main"><div class="post-content">${postContent}</div></div></body></html>`;
}

describe("parseFoodTruckFiesta on sample pages", () => {
  it("reads the DC list test page exactly as its expected JSON says", () => {
    const html = readText(dcFixtures, "dc-food-truck-list.html");
    expect(parseFoodTruckFiesta(html)).toEqual(readPlaces(dcFixtures, "dc-food-truck-list.expected.json"));
  });

  it("reads the other-city page exactly as its expected JSON says", () => {
    const html = readText(ownFixtures, "other-city.html");
    expect(parseFoodTruckFiesta(html)).toEqual(readPlaces(ownFixtures, "other-city.expected.json"));
  });
});

describe("parseFoodTruckFiesta rules", () => {
  it("takes an h2 as a place and the links that fill a block after it as trucks", () => {
    const html = page(`
      <h2>DC - Farragut Square</h2>
      <div><a href="http://twitter.com/a"><span>A Truck</span></a></div>
      <p><a href="http://twitter.com/b">B Truck</a></p>
      <ul><li><a href="http://twitter.com/c">C Truck</a></li></ul>`);
    expect(parseFoodTruckFiesta(html)).toEqual([
      {
        place: "DC - Farragut Square",
        trucks: [
          { name: "A Truck", url: "http://twitter.com/a" },
          { name: "B Truck", url: "http://twitter.com/b" },
          { name: "C Truck", url: "http://twitter.com/c" },
        ],
      },
    ]);
  });

  it("skips links inside running text, links sharing a block, and links before the first heading", () => {
    const html = page(`
      <div><a href="http://twitter.com/early">Early Truck</a></div>
      <h2>DC - Metro Center</h2>
      <p>See every truck on the <a href="http://example.com/map">live map</a>.</p>
      <div><a href="http://twitter.com/x">X</a> <a href="http://twitter.com/y">Y</a></div>
      <div><a href="http://twitter.com/z">Z</a> (maybe)</div>`);
    expect(parseFoodTruckFiesta(html)).toEqual([{ place: "DC - Metro Center", trucks: [] }]);
  });

  it("lets an empty-named link sit beside the truck link without spoiling it", () => {
    const html = page(
      `<h2>P</h2><div><a href="http://x/logo"><img src="l.png"></a> <a href="http://x/t">Taco</a></div>`,
    );
    expect(parseFoodTruckFiesta(html)).toEqual([{ place: "P", trucks: [{ name: "Taco", url: "http://x/t" }] }]);
  });

  it("decodes entities, collapses whitespace and nbsp, and treats br as a space", () => {
    const html = page(`<h2> DC&nbsp;-&nbsp;L&#8217;Enfant
      Plaza </h2><div><a href=" http://x/p "> Pedro &amp;<br>Vinny&#8217;s&nbsp; </a></div>`);
    expect(parseFoodTruckFiesta(html)).toEqual([
      { place: "DC - L\u2019Enfant Plaza", trucks: [{ name: "Pedro & Vinny\u2019s", url: "http://x/p" }] },
    ]);
  });

  it("keeps words apart across blocks inside a link", () => {
    const html = page(`<h2>P</h2><div><a href="http://x/t">Taco<div>Town</div>Two</a></div>`);
    expect(parseFoodTruckFiesta(html)[0]?.trucks).toEqual([{ name: "Taco Town Two", url: "http://x/t" }]);
  });

  it("keeps the first of repeated trucks, by name ignoring case or by url", () => {
    const html = page(`<h2>P</h2>
      <div><a href="http://x/1">Taco Truck</a></div>
      <div><a href="http://x/2">TACO truck</a></div>
      <div><a href="http://x/1">Taco Truck Two</a></div>
      <div><a>Secret</a></div>
      <div><a>secret</a></div>
      <h2>Q</h2>
      <div><a href="http://x/1">Taco Truck</a></div>`);
    expect(parseFoodTruckFiesta(html)).toEqual([
      {
        place: "P",
        trucks: [
          { name: "Taco Truck", url: "http://x/1" },
          { name: "Secret", url: null },
        ],
      },
      { place: "Q", trucks: [{ name: "Taco Truck", url: "http://x/1" }] },
    ]);
  });

  it("gives a link without href, or with an empty one, a null url", () => {
    const html = page(`<h2>P</h2><div><a>No Link</a></div><div><a href="  ">Blank Link</a></div>`);
    expect(parseFoodTruckFiesta(html)).toEqual([
      {
        place: "P",
        trucks: [
          { name: "No Link", url: null },
          { name: "Blank Link", url: null },
        ],
      },
    ]);
  });

  it("keeps relative hrefs as written", () => {
    const html = page(`<h2>P</h2><div><a href="/trucks/taco">Taco</a></div>`);
    expect(parseFoodTruckFiesta(html)[0]?.trucks).toEqual([{ name: "Taco", url: "/trucks/taco" }]);
  });

  it("ignores headings and links outside post-content and inside script or style", () => {
    const html = `<html><head><script>var s = "<h2>DC - Nowhere</h2>";</script></head><body>
      <div id="menu"><h2>Menu</h2><div><a href="http://x/menu">Menu Link</a></div></div>
      <div class="post-content">
        <h2>DC - Real</h2>
        <script>document.write("<div><a href='http://x/s'>Script Truck</a></div>")</script>
        <style>h2::after { content: "<h2>Styled</h2>" }</style>
        <div><a href="http://x/r">Real Truck</a></div>
      </div>
      <div id="sidebar"><h2>Sidebar</h2><div><a href="http://x/side">Side Truck</a></div></div>
      </body></html>`;
    expect(parseFoodTruckFiesta(html)).toEqual([
      { place: "DC - Real", trucks: [{ name: "Real Truck", url: "http://x/r" }] },
    ]);
  });

  it("finds post-content among other classes and keeps track of nested divs", () => {
    const html = `<div class="entry  post-content\tclearfix"><div class="row"><div>
      <h2>P</h2><div><div><a href="http://x/n">Nested</a></div></div></div></div>
      <div><a href="http://x/later">Later</a></div></div>
      <div><a href="http://x/outside">Outside</a></div>`;
    expect(parseFoodTruckFiesta(html)).toEqual([
      {
        place: "P",
        trucks: [
          { name: "Nested", url: "http://x/n" },
          { name: "Later", url: "http://x/later" },
        ],
      },
    ]);
  });

  it("does not mistake a class that merely contains post-content for it", () => {
    expect(parseFoodTruckFiesta(`<div class="post-content-wrapper"><h2>P</h2></div>`)).toEqual([]);
  });

  it("keeps reading after an empty post-content that comes before the list", () => {
    const html = `<div class="post-content"></div><div class="post-content"><h2>P</h2><div><a>T</a></div></div>`;
    expect(parseFoodTruckFiesta(html)).toEqual([{ place: "P", trucks: [{ name: "T", url: null }] }]);
  });

  it("keeps a place with no trucks and drops nameless headings", () => {
    const html = page(`<h2>Empty</h2><p>No trucks yet.</p><h2> &nbsp; </h2><div><a>Orphan</a></div><h2>Last</h2>`);
    expect(parseFoodTruckFiesta(html)).toEqual([
      { place: "Empty", trucks: [] },
      { place: "Last", trucks: [] },
    ]);
  });
});

describe("parseFoodTruckFiesta entities (decoded by us, not by the parser)", () => {
  it("decodes decimal and hex references in headings and names", () => {
    const html = page(`<h2>L&#8217;Enfant &#x2019;s</h2><div><a href="http://x/1">Vinny&#x2019;s &#8217;</a></div>`);
    expect(parseFoodTruckFiesta(html)).toEqual([
      { place: "L\u2019Enfant \u2019s", trucks: [{ name: "Vinny\u2019s \u2019", url: "http://x/1" }] },
    ]);
  });

  it("decodes hrefs by the attribute rules, whatever the quoting or case", () => {
    const html = page(`<h2>P</h2>
      <div><a href="http://x/?a=1&amp;b=2">A</a></div>
      <div><a href='http://x/?a=1&copy=2&amp'>B</a></div>
      <div><a HREF=&#104;ttp://x/c>C</a></div>`);
    expect(parseFoodTruckFiesta(html)[0]?.trucks).toEqual([
      { name: "A", url: "http://x/?a=1&b=2" },
      { name: "B", url: "http://x/?a=1&copy=2&" },
      { name: "C", url: "http://x/c" },
    ]);
  });

  it("reads malformed references as browsers do, and never joins one across a tag", () => {
    const html = page(`<h2>&notanentity; &#0;</h2><div><a>AT&am<span></span>p;T &copy 2017</a></div>`);
    expect(parseFoodTruckFiesta(html)).toEqual([
      { place: "\u00acanentity; \ufffd", trucks: [{ name: "AT&amp;T \u00a9 2017", url: null }] },
    ]);
  });

  it("sees text that decodes to whitespace beside a link as no text", () => {
    const html = page(`<h2>P</h2>
      <div><a href="http://x/t">Taco</a>&nbsp;&#32;</div>
      <div><a href="http://x/u">Udon</a> &amp; </div>`);
    expect(parseFoodTruckFiesta(html)[0]?.trucks).toEqual([{ name: "Taco", url: "http://x/t" }]);
  });

  it("keeps CDATA inside svg literal, as browsers do", () => {
    const html = page(`<h2>P</h2><div><a href="http://x/s">S&amp;<svg><![CDATA[ &amp; more]]></svg></a></div>`);
    expect(parseFoodTruckFiesta(html)[0]?.trucks).toEqual([{ name: "S& &amp; more", url: "http://x/s" }]);
  });
});

describe("parseFoodTruckFiesta on bad input", () => {
  it("returns [] for empty, garbage and list-less pages", () => {
    expect(parseFoodTruckFiesta("")).toEqual([]);
    expect(parseFoodTruckFiesta("   ")).toEqual([]);
    expect(parseFoodTruckFiesta("<<<>>></div></a><h2>x")).toEqual([]);
    expect(parseFoodTruckFiesta("\u0000\uffff\ud800 post-content <\u202e>")).toEqual([]);
    expect(parseFoodTruckFiesta("<html><body><h2>DC - Farragut</h2><div><a>T</a></div></body></html>")).toEqual([]);
    expect(parseFoodTruckFiesta(undefined as unknown as string)).toEqual([]);
  });

  it("copes with unclosed tags and stray closing tags", () => {
    const html = `<div class="post-content"><h2>DC - One</h2></span></p>
      <div><a href="http://x/1"><span>First</div>
      <div><a href="http://x/2">Second</a></b></i></div>
      <h2>DC - Two</h2><div><p><a href="http://x/3">Third`;
    expect(parseFoodTruckFiesta(html)).toEqual([
      {
        place: "DC - One",
        trucks: [
          { name: "First", url: "http://x/1" },
          { name: "Second", url: "http://x/2" },
        ],
      },
      { place: "DC - Two", trucks: [{ name: "Third", url: "http://x/3" }] },
    ]);
  });

  it("never throws on random tag soup", () => {
    const pieces = [
      "<div class='post-content'>",
      "<h2>",
      "</h2>",
      "<div>",
      "</div>",
      "<a href='u'>",
      "</a>",
      "<p>",
      "</p>",
      "<script>",
      "</script>",
      "text",
      "&amp;",
      "&#0;",
      "<br/>",
      "<li>",
      "<table>",
      "<",
      ">",
    ];
    let seed = 7;
    const random = (limit: number): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % limit;
    };
    for (let round = 0; round < 300; round++) {
      let html = "";
      for (let index = 0; index < 60; index++) html += pieces[random(pieces.length)];
      expect(() => parseFoodTruckFiesta(html)).not.toThrow();
    }
  });
});

describe("parseFoodTruckFiesta: what makes a truck's block", () => {
  const truckIn = (markup: string) => parseFoodTruckFiesta(page(`<h2>P</h2>${markup}`))[0]?.trucks;

  // The HTML elements a browser lays out as blocks (h2 names a place instead).
  const blocks = [
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl", "dt",
    "fieldset", "figcaption", "figure", "footer", "form", "h1", "h3", "h4", "h5", "h6", "header",
    "hgroup", "li", "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul",
  ]; // prettier-ignore

  it.each(blocks)("takes a link that fills a <%s> as a truck", (tag) => {
    expect(truckIn(`<${tag}><a href="http://x/t">Taco</a></${tag}>`)).toEqual([{ name: "Taco", url: "http://x/t" }]);
  });

  it.each(["span", "b", "em", "small", "label"])("does not take a link that fills an inline <%s> as a truck", (tag) => {
    expect(truckIn(`<div>Today: <${tag}><a href="http://x/t">Taco</a></${tag}></div>`)).toEqual([]);
  });

  it("takes an inline element around the link as part of the truck's block", () => {
    expect(truckIn(`<div><span><a href="http://x/t">Taco</a></span></div>`)).toEqual([
      { name: "Taco", url: "http://x/t" },
    ]);
  });

  it("keeps a block's words apart inside a link's name", () => {
    expect(truckIn(`<div><a href="http://x/t">Pedro<section>and</section>Vinny</a></div>`)).toEqual([
      { name: "Pedro and Vinny", url: "http://x/t" },
    ]);
  });

  it("counts a nested block's text as its parent's, so the parent holds no truck", () => {
    expect(truckIn(`<div><div>Closed today</div><a href="http://x/t">Taco</a></div>`)).toEqual([]);
    expect(truckIn(`<div><div><a href="http://x/a">A</a></div><a href="http://x/t">Taco</a></div>`)).toEqual([
      { name: "A", url: "http://x/a" },
    ]);
  });

  it("takes a truck only under a heading of the list", () => {
    expect(parseFoodTruckFiesta(page(`<h2>P</h2><div><a href="http://x/t">Taco <h2>Q</h2></a></div>`))).toEqual([
      { place: "P", trucks: [] },
      { place: "Q", trucks: [] },
    ]);
  });

  it("ignores script and style inside a truck's block, its link and a heading", () => {
    expect(truckIn(`<div><a href="http://x/t">Taco</a><script>track("<b>click</b>")</script></div>`)).toEqual([
      { name: "Taco", url: "http://x/t" },
    ]);
    expect(truckIn(`<div><style>.x { content: "x" }</style><a href="http://x/t">Taco</a></div>`)).toEqual([
      { name: "Taco", url: "http://x/t" },
    ]);
    expect(truckIn(`<div><a href="http://x/t">Taco<script>1</script> Bell</a></div>`)).toEqual([
      { name: "Taco Bell", url: "http://x/t" },
    ]);
    expect(parseFoodTruckFiesta(page(`<h2>DC <style>.a{}</style>- Farragut</h2>`))).toEqual([
      { place: "DC - Farragut", trucks: [] },
    ]);
  });

  it("sees the text after a script as the block's own again", () => {
    expect(truckIn(`<div><script>1</script>Closed: <a href="http://x/t">Taco</a></div>`)).toEqual([]);
  });
});

describe("parseFoodTruckFiesta: attributes", () => {
  it("finds the href among other attributes, in any order and case", () => {
    const trucks = parseFoodTruckFiesta(
      page(`<h2>P</h2>
        <div><a target="_blank" rel="noopener" href="http://x/a">A</a></div>
        <div><a download title="B's" HREF="http://x/b">B</a></div>
        <div><a href="http://x/c" target="_blank">C</a></div>
        <div><a href="http://x/first" href="http://x/second">D</a></div>`),
    )[0]?.trucks;
    expect(trucks).toEqual([
      { name: "A", url: "http://x/a" },
      { name: "B", url: "http://x/b" },
      { name: "C", url: "http://x/c" },
      { name: "D", url: "http://x/first" },
    ]);
  });

  it("finds the class among other attributes, in any case, the first one winning", () => {
    const list = `<h2>P</h2><div><a href="http://x/t">T</a></div>`;
    const expected = [{ place: "P", trucks: [{ name: "T", url: "http://x/t" }] }];
    expect(parseFoodTruckFiesta(`<div id="content" data-x="1" class="post-content">${list}</div>`)).toEqual(expected);
    expect(parseFoodTruckFiesta(`<DIV ID="content" CLASS="post-content">${list}</DIV>`)).toEqual(expected);
    expect(parseFoodTruckFiesta(`<div class="sidebar" class="post-content">${list}</div>`)).toEqual([]);
    expect(parseFoodTruckFiesta(`<section class="post-content">${list}</section>`)).toEqual([]);
  });

  it("reads no href from the elements inside a link", () => {
    expect(parseFoodTruckFiesta(page(`<h2>P</h2><div><a><span href="http://x/no">T</span></a></div>`))).toEqual([
      { place: "P", trucks: [{ name: "T", url: null }] },
    ]);
  });
});

describe("parseFoodTruckFiesta: names' whitespace", () => {
  const nameOf = (text: string) =>
    parseFoodTruckFiesta(page(`<h2>P</h2><div><a href="http://x/t">${text}</a></div>`))[0]?.trucks[0]?.name;

  it("collapses any run of whitespace inside, before or after a name", () => {
    expect(nameOf("Big  Truck")).toBe("Big Truck");
    expect(nameOf(" Lead")).toBe("Lead");
    expect(nameOf("Trail ")).toBe("Trail");
    expect(nameOf("Tab\tName")).toBe("Tab Name");
    expect(nameOf("Line\nBreak")).toBe("Line Break");
    expect(nameOf("No&nbsp;Break")).toBe("No Break");
    expect(nameOf("Ogham\u1680Space")).toBe("Ogham Space");
    expect(nameOf("Em\u2003Space")).toBe("Em Space");
    expect(nameOf("Ideographic\u3000Space")).toBe("Ideographic Space");
  });

  it("leaves a tidy name as it is, whatever its letters", () => {
    expect(nameOf("Tacos El Güero")).toBe("Tacos El Güero");
    expect(nameOf("東京 Ramen ᚠ")).toBe("東京 Ramen ᚠ");
    expect(nameOf("A")).toBe("A");
    expect(nameOf("x\u0001y")).toBe("x\u0001y");
  });

  it("collapses a heading's whitespace the same way", () => {
    expect(parseFoodTruckFiesta(page(`<h2>  DC -\n  Farragut   Square </h2>`))).toEqual([
      { place: "DC - Farragut Square", trucks: [] },
    ]);
  });
});

describe("parseFoodTruckFiesta: one list a page", () => {
  it("reads only the first post-content that has a list", () => {
    const html = `<div class="post-content"><h2>P</h2><div><a href="http://x/t">T</a></div></div>
      <div class="sidebar"><div class="post-content"><h2>Related</h2><div><a href="http://x/r">R</a></div></div></div>`;
    expect(parseFoodTruckFiesta(html)).toEqual([{ place: "P", trucks: [{ name: "T", url: "http://x/t" }] }]);
  });
});
