import { describe, it, expect } from "vitest";
import { matchPlaces, normalizeForMatch } from "./matchPlaces.js";
import { closestPlaces, prefixEditDistance } from "./placeSuggestions.js";

// In page order, as the list page has them.
const PLACES = [
  "DC - Farragut Square",
  "DC - Franklin Square",
  "DC - Metro Center",
  "DC - L\u2019Enfant Plaza",
  "DC - Union Station",
  "DC - NoMa",
  "DC - Foggy Bottom and GWU",
  "VA - Rosslyn",
  "VA - Ballston",
  "MD - Bethesda",
  "DC - Union Station East",
  "VA - Crystal City",
];

function placesFor(query: string): string[] {
  return matchPlaces(query, PLACES).places;
}

describe("normalizeForMatch", () => {
  it("lowercases, strips accents, drops apostrophes and turns other punctuation into spaces", () => {
    expect(normalizeForMatch("DC - L\u2019Enfant Plaza")).toBe("dc lenfant plaza");
    expect(normalizeForMatch("l'enfant")).toBe("lenfant");
    expect(normalizeForMatch("L\u2018Enfant `x`")).toBe("lenfant x");
    expect(normalizeForMatch("  Sâuçá!!  Café\u00a0&  Crêpes ")).toBe("sauca cafe crepes");
    expect(normalizeForMatch("ＦＵＬＬ width")).toBe("full width");
    expect(normalizeForMatch("🌮🌯")).toBe("");
  });
});

describe("matchPlaces: single places", () => {
  it("finds L'Enfant Plaza however the apostrophe is typed", () => {
    for (const query of ["lenfant", "l'enfant", "L\u2019Enfant", "L\u2019ENFANT plaza", "l enfant"]) {
      expect(placesFor(query), query).toEqual(["DC - L\u2019Enfant Plaza"]);
    }
  });

  it("makes the region prefix optional", () => {
    for (const query of ["farragut", "Farragut Square", "dc farragut", "DC - Farragut Square", "  FARRAGUT  "]) {
      expect(matchPlaces(query, PLACES), query).toEqual({ places: ["DC - Farragut Square"], unmatched: [] });
    }
  });

  it("matches word prefixes in order", () => {
    expect(placesFor("frank")).toEqual(["DC - Franklin Square"]);
    expect(placesFor("farr sq")).toEqual(["DC - Farragut Square"]);
    expect(placesFor("cryst")).toEqual(["VA - Crystal City"]);
    expect(placesFor("square farragut")).toEqual([]);
  });

  it("returns every place a term fits, in page order", () => {
    expect(placesFor("square")).toEqual(["DC - Farragut Square", "DC - Franklin Square"]);
    expect(placesFor("va")).toEqual(["VA - Rosslyn", "VA - Ballston", "VA - Crystal City"]);
  });

  it("prefers a place typed out in full over places it is a prefix of", () => {
    expect(placesFor("union station")).toEqual(["DC - Union Station"]);
    expect(placesFor("DC - Union Station")).toEqual(["DC - Union Station"]);
    expect(placesFor("union")).toEqual(["DC - Union Station", "DC - Union Station East"]);
    expect(placesFor("union station east")).toEqual(["DC - Union Station East"]);
  });

  it("keeps a place whose own name has 'and' matchable by that name", () => {
    expect(placesFor("Foggy Bottom and GWU")).toEqual(["DC - Foggy Bottom and GWU"]);
    expect(placesFor("foggy bottom & gwu")).toEqual(["DC - Foggy Bottom and GWU"]);
    expect(placesFor("foggy")).toEqual(["DC - Foggy Bottom and GWU"]);
  });
});

describe("matchPlaces: near misses", () => {
  it("matches nothing for a typo, and suggests the closest places", () => {
    const result = matchPlaces("farrgut", PLACES);
    expect(result.places).toEqual([]);
    expect(result.unmatched).toHaveLength(1);
    expect(result.unmatched[0]?.term).toBe("farrgut");
    expect(result.unmatched[0]?.suggestions[0]).toBe("DC - Farragut Square");
  });

  it("suggests for other typos too", () => {
    expect(matchPlaces("frankln", PLACES).unmatched[0]?.suggestions[0]).toBe("DC - Franklin Square");
    expect(matchPlaces("Bethsda", PLACES).unmatched[0]?.suggestions).toEqual(["MD - Bethesda"]);
    expect(matchPlaces("dc farrgut sq", PLACES).unmatched[0]?.suggestions).toEqual(["DC - Farragut Square"]);
    expect(matchPlaces("untion", PLACES).unmatched[0]?.suggestions).toEqual([
      "DC - Union Station",
      "DC - Union Station East",
    ]);
  });

  it("suggests at most three places, best first", () => {
    const suggestions = matchPlaces("sqaure", PLACES).unmatched[0]?.suggestions ?? [];
    expect(suggestions).toEqual(["DC - Farragut Square", "DC - Franklin Square"]);
    expect(closestPlaces("ab", [])).toEqual([]);
    const many = ["A - Taco One", "A - Taco Two", "A - Taco Three", "A - Taco Four"];
    expect(
      closestPlaces(
        "tacco",
        many.map((name) => ({ name, words: normalizeForMatch(name).split(" ") })),
      ),
    ).toEqual(many.slice(0, 3));
  });

  it("leaves suggestions empty when nothing is close", () => {
    expect(matchPlaces("xyz", PLACES)).toEqual({ places: [], unmatched: [{ term: "xyz", suggestions: [] }] });
    expect(matchPlaces("burrito", PLACES).unmatched).toEqual([{ term: "burrito", suggestions: [] }]);
  });
});

describe("matchPlaces: several places", () => {
  it("splits on commas, semicolons, &, +, / and the word 'and'", () => {
    const both = ["DC - Farragut Square", "DC - Franklin Square"];
    for (const query of [
      "farragut, franklin",
      "farragut;franklin",
      "farragut & franklin",
      "farragut+franklin",
      "farragut / franklin",
      "farragut and franklin",
      "FARRAGUT AND FRANKLIN",
      "franklin, farragut",
      "farragut &amp; franklin",
    ]) {
      expect(matchPlaces(query, PLACES), query).toEqual({ places: both, unmatched: [] });
    }
    expect(placesFor("farragut and union station")).toEqual(["DC - Farragut Square", "DC - Union Station"]);
  });

  it("does not split inside words that contain 'and'", () => {
    expect(placesFor("rosslyn and ballston")).toEqual(["VA - Rosslyn", "VA - Ballston"]);
    expect(matchPlaces("andover", PLACES).unmatched).toEqual([{ term: "andover", suggestions: [] }]);
  });

  it("reports the unmatched terms beside the matched ones, each once", () => {
    expect(matchPlaces("farragut, farrgut, burrito, farrgut", PLACES)).toEqual({
      places: ["DC - Farragut Square"],
      unmatched: [
        { term: "farrgut", suggestions: ["DC - Farragut Square"] },
        { term: "burrito", suggestions: [] },
      ],
    });
  });

  it("lists each place once, in page order", () => {
    expect(placesFor("rosslyn, farragut, rosslyn, square")).toEqual([
      "DC - Farragut Square",
      "DC - Franklin Square",
      "VA - Rosslyn",
    ]);
    expect(matchPlaces("noma", ["DC - NoMa", "DC - NoMa"]).places).toEqual(["DC - NoMa"]);
  });

  it("ignores empty terms and terms beyond the tenth", () => {
    expect(placesFor(",, farragut ,,; and ,")).toEqual(["DC - Farragut Square"]);
    const twelve = ["x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10", "farragut", "x12"].join(", ");
    const result = matchPlaces(twelve, PLACES);
    expect(result.places).toEqual([]);
    expect(result.unmatched.map((entry) => entry.term)).toEqual([
      "x1",
      "x2",
      "x3",
      "x4",
      "x5",
      "x6",
      "x7",
      "x8",
      "x9",
      "x10",
    ]);
  });
});

describe("matchPlaces: odd input", () => {
  it("returns nothing for an empty or blank query", () => {
    expect(matchPlaces("", PLACES)).toEqual({ places: [], unmatched: [] });
    expect(matchPlaces(" \t\n ", PLACES)).toEqual({ places: [], unmatched: [] });
    expect(matchPlaces("!!! ... ---", PLACES)).toEqual({ places: [], unmatched: [] });
    expect(matchPlaces("farragut", [])).toEqual({ places: [], unmatched: [{ term: "farragut", suggestions: [] }] });
  });

  it("copes with emoji, RTL text and control characters", () => {
    expect(matchPlaces("🌮", PLACES)).toEqual({ places: [], unmatched: [] });
    expect(placesFor("🌮 farragut 🌯")).toEqual(["DC - Farragut Square"]);
    expect(matchPlaces("\u0645\u0631\u062d\u0628\u0627 \u202e", PLACES)).toEqual({
      places: [],
      unmatched: [{ term: "\u0645\u0631\u062d\u0628\u0627 \u202e", suggestions: [] }],
    });
    expect(matchPlaces("farr\u0000gut\u0007, \ud800", PLACES).unmatched[0]?.term).toBe("farr gut");
  });

  it("stays cheap and cut short on 2,000 characters of garbage", () => {
    const garbage = Array.from({ length: 2000 }, (_, index) => String.fromCharCode(33 + ((index * 7919) % 90))).join(
      "",
    );
    const started = performance.now();
    const result = matchPlaces(garbage, PLACES);
    expect(performance.now() - started).toBeLessThan(200);
    expect(result.unmatched.length).toBeLessThanOrEqual(10);
    for (const entry of result.unmatched) expect(entry.term.length).toBeLessThanOrEqual(100);

    const longWords = `${"farragut ".repeat(250)}`;
    expect(() => matchPlaces(longWords, PLACES)).not.toThrow();
    expect(() => matchPlaces("a, ".repeat(700), PLACES)).not.toThrow();
    expect(() => matchPlaces("\ud83c\udf2e".repeat(1000), PLACES)).not.toThrow();
  });
});

describe("prefixEditDistance", () => {
  it("measures typos against the closest prefix of a word", () => {
    expect(prefixEditDistance("farrgut", "farragut", 2)).toBe(1);
    expect(prefixEditDistance("frank", "franklin", 2)).toBe(0);
    expect(prefixEditDistance("fnarkl", "franklin", 2)).toBe(2);
    expect(prefixEditDistance("rfank", "franklin", 2)).toBe(1); // a transposition is one typo
    expect(prefixEditDistance("zzzzzz", "franklin", 2)).toBe(3); // gave up past the limit
    expect(prefixEditDistance("", "franklin", 2)).toBe(0);
  });
});

describe("matchPlaces: the whole query before its parts", () => {
  const corners = ["DC - Farragut Square", "DC - Farragut & 17th", "DC - 17th & K"];

  it("takes a query that names one place whole as that place, though it has a separator", () => {
    expect(matchPlaces("farragut & 17th", corners)).toEqual({ places: ["DC - Farragut & 17th"], unmatched: [] });
  });

  it("splits the query only when no place fits it whole", () => {
    expect(matchPlaces("farragut square & k", corners)).toEqual({
      places: ["DC - Farragut Square", "DC - 17th & K"],
      unmatched: [],
    });
  });
});

describe("matchPlaces: words run together", () => {
  it("finds a place typed without its spaces, from any of its words on", () => {
    expect(placesFor("farragutsq")).toEqual(["DC - Farragut Square"]);
    expect(placesFor("lenfantplaza")).toEqual(["DC - L\u2019Enfant Plaza"]);
    expect(placesFor("dcnoma")).toEqual(["DC - NoMa"]);
    expect(placesFor("unionstationeast")).toEqual(["DC - Union Station East"]);
    expect(placesFor("l enfant")).toEqual(["DC - L\u2019Enfant Plaza"]);
  });

  it("keeps the words in the page's order", () => {
    expect(matchPlaces("squarefarragut", PLACES).places).toEqual([]);
    expect(matchPlaces("sq farragut", PLACES).places).toEqual([]);
  });
});

describe("matchPlaces: regions", () => {
  it("takes a name typed out in full without its region, whatever dash the page uses", () => {
    for (const dash of ["-", "\u2013", "\u2014"]) {
      const places = [`MD ${dash} Union Station`, `MD ${dash} Union Station East`];
      expect(matchPlaces("union station", places).places, dash).toEqual([places[0]]);
    }
    const noSpaces = ["VA-Union Station", "VA-Union Station East"];
    expect(matchPlaces("union station", noSpaces).places).toEqual(["VA-Union Station"]);
  });

  it("sees a region only in two or three capitals before a dash", () => {
    const places = ["NOVA - Union Station", "NOVA - Union Station East"];
    expect(matchPlaces("union station", places).places).toEqual(places);
    expect(matchPlaces("nova union station", places).places).toEqual(["NOVA - Union Station"]);
    const lower = ["dc - Union Station", "dc - Union Station East"];
    expect(matchPlaces("union station", lower).places).toEqual(lower);
  });
});

describe("matchPlaces: length caps", () => {
  it("reads the first 1,100 characters of a query and no more", () => {
    expect(placesFor(" ".repeat(1_092) + "farragut")).toEqual(["DC - Farragut Square"]);
    expect(matchPlaces(" ".repeat(1_100) + "farragut", PLACES)).toEqual({ places: [], unmatched: [] });
  });

  it("matches the whole query only up to 100 characters", () => {
    const long = "x".repeat(91);
    const places = ["DC - Farragut Square", `DC - Farragut & ${long}`];
    // "farragut " and 91 letters: 100 characters, matched whole.
    expect(matchPlaces(`farragut & ${long}`, places).places).toEqual([places[1]]);
    // One more: too long to match whole, so its parts are matched, and "farragut" fits both.
    expect(matchPlaces(`farragut & ${long}x`, places)).toEqual({
      places,
      unmatched: [{ term: `${long}x`, suggestions: [places[1]] }],
    });
  });

  it("matches a longer query by its parts, even when it would fit a long place name whole", () => {
    const places = ["DC - Farragut Square", `DC - Farragut & ${"x".repeat(120)}`];
    expect(matchPlaces(`farragut & ${"x".repeat(95)}`, places).places).toEqual(places);
  });

  it("cuts a term to its first 100 characters before matching it", () => {
    const place = `DC - Long ${"a".repeat(120)}`;
    expect(matchPlaces(`long ${"a".repeat(150)}`, [place]).places).toEqual([place]);
    expect(matchPlaces(`long ${"a".repeat(95)}b`, [place]).places).toEqual([place]);
    expect(matchPlaces(`long ${"a".repeat(94)}b`, [place]).places).toEqual([]);
  });

  it("reads a term's first 200 characters as typed and no more", () => {
    expect(matchPlaces(`${"!".repeat(200)}farragut, franklin`, PLACES)).toEqual({
      places: ["DC - Franklin Square"],
      unmatched: [],
    });
    expect(matchPlaces(`${"!".repeat(192)}farragut, franklin`, PLACES).places).toEqual([
      "DC - Farragut Square",
      "DC - Franklin Square",
    ]);
  });

  it("shows an unmatched term back tidied and cut to 100 characters", () => {
    expect(matchPlaces("q".repeat(150), PLACES).unmatched).toEqual([{ term: "q".repeat(100), suggestions: [] }]);
    expect(matchPlaces("  zz \t\n  yy  , farragut", PLACES).unmatched).toEqual([{ term: "zz yy", suggestions: [] }]);
    expect(matchPlaces(`${"🌮".repeat(60)} qq ${"🌯".repeat(60)}`, PLACES).unmatched[0]?.term).toBe(
      `${"🌮".repeat(60)} qq ${"🌯".repeat(36)}`,
    );
  });

  it("never matches a place whose name has no letters or digits", () => {
    expect(matchPlaces("a", ["***"]).places).toEqual([]);
    expect(matchPlaces("***", ["***"])).toEqual({ places: [], unmatched: [] });
  });

  it("is safe to call with what is not a string", () => {
    expect(matchPlaces(undefined as unknown as string, PLACES)).toEqual({ places: [], unmatched: [] });
  });
});
