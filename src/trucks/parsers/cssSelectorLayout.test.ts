import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { createCssSelectorLayout } from "./cssSelectorLayout.js";
import { InvalidSelectorsError, type TrackerSelectors } from "./cssSelectorSettings.js";
import type { PlaceListing } from "../types.js";

const fixtures = new URL("../../../test/fixtures/", import.meta.url);
const PODS: TrackerSelectors = { container: "main .schedule", placeHeading: "h3", truckLink: "li a" };

const parse = (html: string, selectors: TrackerSelectors = PODS): PlaceListing[] =>
  createCssSelectorLayout(selectors).parse(html);
const names = (listings: PlaceListing[]) =>
  listings.map(({ place, trucks }) => [place, trucks.map((truck) => truck.name)]);

describe("selector tracker on a sample page", () => {
  it("reads the Portland pods page exactly as its expected JSON says", () => {
    const html = readFileSync(new URL("selectors-city.html", fixtures), "utf8");
    const expected = JSON.parse(readFileSync(new URL("selectors-city.expected.json", fixtures), "utf8")) as {
      places: PlaceListing[];
    };
    expect(parse(html)).toEqual(expected.places);
  });

  it("says its kind", () => {
    expect(createCssSelectorLayout(PODS).kind).toBe("selectors");
  });
});

describe("selector tracker: which truck belongs to which place", () => {
  it("reads a flat layout, where headings and lists are siblings", () => {
    const html = `<main><div class="schedule"><h3>A</h3><ul><li><a href="https://t/1">One</a></li></ul><h3>B</h3><ul><li><a>Two</a></li><li><a>Three</a></li></ul></div></main>`;
    expect(names(parse(html))).toEqual([
      ["A", ["One"]],
      ["B", ["Two", "Three"]],
    ]);
  });

  it("reads a nested layout, where each place is its own section", () => {
    const html = `<main><div class="schedule"><section><h3>A</h3><div><ul><li><a>One</a></li></ul></div></section><section><h3>B</h3></section></div></main>`;
    expect(names(parse(html))).toEqual([
      ["A", ["One"]],
      ["B", []],
    ]);
  });

  it("drops links before the first heading and after a nameless one", () => {
    const html = `<main><div class="schedule"><ul><li><a>Early</a></li></ul><h3>A</h3><ul><li><a>One</a></li></ul><h3> </h3><ul><li><a>Orphan</a></li></ul></div></main>`;
    expect(names(parse(html))).toEqual([["A", ["One"]]]);
  });

  it("starts each container afresh, in page order, and reads nested matches once", () => {
    const html = `<main>
      <div class="schedule"><h3>A</h3><div class="schedule"><ul><li><a>One</a></li></ul></div></div>
      <div class="schedule"><ul><li><a>Not A's</a></li></ul><h3>B</h3><ul><li><a>Two</a></li></ul></div>
    </main>`;
    expect(names(parse(html))).toEqual([
      ["A", ["One"]],
      ["B", ["Two"]],
    ]);
  });

  it("reads only inside containers", () => {
    const html = `<h3>Outside</h3><ul><li><a>Stray</a></li></ul><main><div class="schedule"><h3>A</h3><ul><li><a>One</a></li></ul></div></main><div class="schedule"><h3>Footer</h3></div>`;
    expect(names(parse(html))).toEqual([["A", ["One"]]]);
  });

  it("finds nothing when no container matches", () => {
    expect(parse(`<div class="schedule"><h3>A</h3><ul><li><a>One</a></li></ul></div>`)).toEqual([]);
    expect(parse("")).toEqual([]);
  });

  it("takes a heading's links as part of its name, never as trucks", () => {
    const html = `<main><div class="schedule"><h3><a href="https://pods/a">Pod A</a></h3><p><a href="https://t/1">One</a></p></div></main>`;
    expect(parse(html, { ...PODS, truckLink: "a" })).toEqual([
      { place: "Pod A", trucks: [{ name: "One", url: "https://t/1" }] },
    ]);
  });

  it("ignores headings and links in script, style and template", () => {
    const html = `<main><div class="schedule"><h3>A</h3><template><h3>T</h3><ul><li><a>In template</a></li></ul></template><script>"<li><a>In script</a></li>"</script><ul><li><a>One</a></li></ul></div></main>`;
    expect(names(parse(html))).toEqual([["A", ["One"]]]);
  });

  it("matches heading and truck selectors relative to the container too", () => {
    const html = `<main><div class="schedule"><h3>A</h3><section><h3>Not a place</h3><a>One</a></section><a>Two</a></div></main>`;
    expect(
      names(
        parse(html, { container: "main .schedule", placeHeading: ":scope > h3", truckLink: "section a, :scope > a" }),
      ),
    ).toEqual([["A", ["One", "Two"]]]);
    expect(names(parse(html, { container: "main .schedule", placeHeading: "> h3", truckLink: "a" }))).toEqual([
      ["A", ["One", "Two"]],
    ]);
  });
});

describe("selector tracker: names and links", () => {
  it("decodes entities, collapses whitespace (nbsp too) and separates words at <br> and blocks", () => {
    const html = `<main><div class="schedule"><h3>  Caf&eacute;&nbsp;&amp;\n Pod </h3><ul>
      <li><a href=" https://t/1 ">Big&nbsp;&nbsp;<b>Dogs</b></a></li>
      <li><a>Pedro<br>Vinny</a></li>
      <li><a><div>Two</div><div>Lines</div></a></li>
    </ul></div></main>`;
    expect(parse(html)).toEqual([
      {
        place: "Café & Pod",
        trucks: [
          { name: "Big Dogs", url: "https://t/1" },
          { name: "Pedro Vinny", url: null },
          { name: "Two Lines", url: null },
        ],
      },
    ]);
  });

  it("gives url null for a missing or blank href, and keeps the href otherwise", () => {
    const html = `<main><div class="schedule"><h3>A</h3><ul><li><a>None</a></li><li><a href="  ">Blank</a></li><li><a href="/carts/rel">Relative</a></li></ul></div></main>`;
    expect(parse(html)[0]!.trucks).toEqual([
      { name: "None", url: null },
      { name: "Blank", url: null },
      { name: "Relative", url: "/carts/rel" },
    ]);
  });

  it("drops nameless links and repeats within a place (same name in any case, or same link)", () => {
    const html = `<main><div class="schedule"><h3>A</h3><ul>
      <li><a href="https://t/1">One</a></li><li><a href="https://t/2">ONE</a></li><li><a href="https://t/1">Again</a></li>
      <li><a href="https://t/3"><img alt="logo"></a></li><li><a>Two</a></li><li><a>two</a></li>
    </ul><h3>B</h3><ul><li><a href="https://t/1">One</a></li></ul></div></main>`;
    expect(names(parse(html))).toEqual([
      ["A", ["One", "Two"]],
      ["B", ["One"]],
    ]);
  });
});

describe("selector tracker: pages of any shape", () => {
  it("reads a very deeply nested page without running out of stack", () => {
    const depth = 20_000;
    const html = `<main><div class="schedule"><h3>Deep</h3>${"<div>".repeat(depth)}<ul><li><a>Bottom</a></li></ul>${"</div>".repeat(depth)}</div></main>`;
    expect(names(parse(html))).toEqual([["Deep", ["Bottom"]]]);
    // Every one of those divs a container: read once, as the outermost one.
    expect(names(parse(html, { container: "div", placeHeading: "h3", truckLink: "a" }))).toEqual([
      ["Deep", ["Bottom"]],
    ]);
  });

  it("reads a large page in time that grows with its size", () => {
    const places = Array.from(
      { length: 500 },
      (_, place) =>
        `<section><h3>Pod ${place}</h3><ul>${Array.from({ length: 40 }, (_, truck) => `<li><a href="https://t/${place}/${truck}">Cart ${truck}</a></li>`).join("")}</ul></section>`,
    );
    const started = performance.now();
    const listings = parse(`<main><div class="schedule">${places.join("")}</div></main>`);
    expect(listings).toHaveLength(500);
    expect(listings.every((listing) => listing.trucks.length === 40)).toBe(true);
    // 20,000 links: a quadratic walk would take minutes; a linear one well under a second.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe("selector tracker: selectors checked up front", () => {
  it.each([
    ["container", "main ["],
    ["placeHeading", "h3,,"],
    ["truckLink", "a::before"],
  ] as const)("rejects an invalid %s selector, naming the key", (key, selector) => {
    const create = () => createCssSelectorLayout({ ...PODS, [key]: selector });
    expect(create).toThrow(InvalidSelectorsError);
    expect(create).toThrow(`invalid CSS selector in "${key}"`);
  });
});
