import type { ActionsBlock, ContextBlock, HeaderBlock, KnownBlock, SectionBlock, StaticSelect } from "@slack/types";
import { describe, expect, it } from "vitest";
import type { PlaceListing } from "../trucks/types.js";
import {
  MAX_BLOCKS,
  MAX_CONTEXT_ELEMENTS,
  MAX_FALLBACK_TEXT_CHARS,
  MAX_HEADER_TEXT_CHARS,
  MAX_SECTION_TEXT_CHARS,
  type SlackMessage,
} from "../slack/blockKit.js";
import { trucksMessage, type TrucksMessageInput } from "./truckList.js";
import {
  helpMessage,
  lookingMessage,
  noTrucksMessage,
  placeListMessage,
  placePickerMessage,
  problemMessage,
  unknownPlaceMessage,
} from "./messages.js";

const SOURCE_URL = "https://foodtruckfiesta.com/dc-food-truck-list/";
// 15:42 UTC on a May day is 11:42 AM in Washington (EDT).
const FETCHED_AT = new Date("2024-05-14T15:42:00Z");

const FARRAGUT: PlaceListing = {
  place: "DC - Farragut Square",
  trucks: [
    { name: "District Taco", url: "https://twitter.com/districttaco" },
    { name: "Pho-bachi", url: null },
    { name: "Dirty Dumplings & Co", url: "https://twitter.com/dirtydumplings" },
  ],
};
const FRANKLIN: PlaceListing = {
  place: "DC - Franklin Square",
  trucks: [{ name: "Lemongrass", url: "https://twitter.com/lemongrasstruck" }],
};
const METRO_CENTER: PlaceListing = { place: "DC - Metro Center", trucks: [] };

function input(overrides: Partial<TrucksMessageInput> = {}): TrucksMessageInput {
  return { listings: [FARRAGUT], sourceUrl: SOURCE_URL, fetchedAt: FETCHED_AT, askedBy: "U123", ...overrides };
}

const blocksOf = (message: SlackMessage): KnownBlock[] => message.blocks ?? [];
const sections = (message: SlackMessage) => blocksOf(message).filter((b): b is SectionBlock => b.type === "section");
const headers = (message: SlackMessage) => blocksOf(message).filter((b): b is HeaderBlock => b.type === "header");
const contexts = (message: SlackMessage) => blocksOf(message).filter((b): b is ContextBlock => b.type === "context");
const sectionTexts = (message: SlackMessage) => sections(message).map((s) => s.text?.text ?? "");
const contextText = (message: SlackMessage) =>
  contexts(message)
    .flatMap((c) => c.elements)
    .map((e) => ("text" in e ? e.text : ""))
    .join("\n");
/** Every mrkdwn string in the message, fallback text included (Slack parses that too). */
function mrkdwnTexts(message: SlackMessage): string[] {
  const texts = [message.text];
  for (const block of blocksOf(message)) {
    if (block.type === "section" && block.text?.type === "mrkdwn") texts.push(block.text.text);
    if (block.type === "context") for (const e of block.elements) if (e.type === "mrkdwn") texts.push(e.text);
  }
  return texts;
}
const truckLines = (message: SlackMessage) =>
  sectionTexts(message)
    .flatMap((t) => t.split("\n"))
    .filter((line) => line.startsWith("• "));

/** Slack's hard limits, checked on every message a test builds. */
function expectWithinSlackLimits(message: SlackMessage): void {
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.text.length).toBeLessThanOrEqual(MAX_FALLBACK_TEXT_CHARS);
  const blocks = blocksOf(message);
  expect(blocks.length).toBeLessThanOrEqual(MAX_BLOCKS);
  for (const block of blocks) {
    if (block.type === "section") {
      expect(block.text?.text.length).toBeGreaterThan(0);
      expect(block.text?.text.length).toBeLessThanOrEqual(MAX_SECTION_TEXT_CHARS);
    } else if (block.type === "header") {
      expect(block.text.type).toBe("plain_text");
      expect(block.text.text.length).toBeGreaterThan(0);
      expect(block.text.text.length).toBeLessThanOrEqual(MAX_HEADER_TEXT_CHARS);
    } else if (block.type === "context") {
      expect(block.elements.length).toBeGreaterThan(0);
      expect(block.elements.length).toBeLessThanOrEqual(MAX_CONTEXT_ELEMENTS);
      for (const e of block.elements)
        if ("text" in e) expect(e.text.length).toBeLessThanOrEqual(MAX_SECTION_TEXT_CHARS);
    } else if (block.type === "actions") {
      // Slack: at most 25 elements; button labels ≤ 75 characters, values ≤ 2,000.
      expect(block.elements.length).toBeGreaterThan(0);
      expect(block.elements.length).toBeLessThanOrEqual(25);
      for (const e of block.elements) {
        if (e.type === "button") {
          expect(e.text.text.length).toBeLessThanOrEqual(75);
          expect((e.value ?? "").length).toBeLessThanOrEqual(2000);
        }
      }
    } else {
      throw new Error(`unexpected block type ${block.type}`);
    }
  }
}

/** After removing the markup we put there on purpose (http(s) links and <@U…> mentions), no < or > may remain. */
function expectNoLiveMarkup(message: SlackMessage): void {
  for (const text of mrkdwnTexts(message)) {
    const rest = text.replace(/<https?:\/\/[^\s|<>]+\|[^<>]*>/g, "").replace(/<@[A-Za-z0-9]+>/g, "");
    expect(rest).not.toMatch(/[<>]/);
  }
}

function listing(place: string, truckCount: number, nameLength = 20): PlaceListing {
  return {
    place,
    trucks: Array.from({ length: truckCount }, (_, i) => ({
      name: `Truck ${i + 1} `.padEnd(nameLength, "x"),
      url: i % 3 === 2 ? null : `https://twitter.com/truck_${i + 1}`,
    })),
  };
}

describe("trucksMessage", () => {
  it("builds a header, linked truck lines and a context line for a place", () => {
    const message = trucksMessage(input());
    expect(message.response_type).toBe("in_channel");
    expect(message.blocks).toEqual([
      { type: "header", text: { type: "plain_text", text: "DC - Farragut Square", emoji: true } },
      {
        type: "section",
        text: {
          type: "mrkdwn",
          text: [
            "• <https://twitter.com/districttaco|District Taco>",
            "• Pho-bachi",
            "• <https://twitter.com/dirtydumplings|Dirty Dumplings &amp; Co>",
          ].join("\n"),
        },
      },
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: "Source: <https://foodtruckfiesta.com/dc-food-truck-list/|foodtruckfiesta.com> · fetched 11:42 AM · asked by <@U123>",
          },
        ],
      },
    ]);
    expect(message.text).toBe(
      "Food trucks at DC - Farragut Square: District Taco, Pho-bachi, Dirty Dumplings &amp; Co",
    );
    expectWithinSlackLimits(message);
  });

  it("shows each place in order, and a place without trucks as such", () => {
    const message = trucksMessage(input({ listings: [FARRAGUT, METRO_CENTER, FRANKLIN] }));
    expect(headers(message).map((h) => h.text.text)).toEqual([
      "DC - Farragut Square",
      "DC - Metro Center",
      "DC - Franklin Square",
    ]);
    expect(sectionTexts(message)[1]).toBe("_No trucks yet._");
    expect(sectionTexts(message)[2]).toBe("• <https://twitter.com/lemongrasstruck|Lemongrass>");
    expect(message.text).toBe(
      "Food trucks at DC - Farragut Square: District Taco, Pho-bachi, Dirty Dumplings &amp; Co; DC - Metro Center: no trucks yet; DC - Franklin Square: Lemongrass",
    );
    expect(blocksOf(message).at(-1)?.type).toBe("context");
  });

  it("formats the time in the given time zone", () => {
    expect(contextText(trucksMessage(input({ timeZone: "UTC" })))).toMatch(/fetched 3:42 PM/);
    expect(contextText(trucksMessage(input({ timeZone: "America/Los_Angeles" })))).toMatch(/fetched 8:42 AM/);
  });

  it("falls back to Washington time for an unknown time zone instead of failing", () => {
    expect(contextText(trucksMessage(input({ timeZone: "Mars/Olympus_Mons" })))).toMatch(/fetched 11:42 AM/);
  });

  describe("when the tracker failed and a cached page is shown", () => {
    const staleSince = new Date(FETCHED_AT.getTime() - 25 * 60_000);

    it("says how old the page is, given the clock", () => {
      const message = trucksMessage(input({ staleSince, nowMs: FETCHED_AT.getTime() }));
      expect(contextText(message)).toMatch(
        / · asked by <@U123> · tracker unreachable, showing the page from 25 min ago$/,
      );
    });

    it("rounds to minutes and goes to hours past the hour", () => {
      const at = (minutesOld: number) =>
        contextText(trucksMessage(input({ staleSince, nowMs: staleSince.getTime() + minutesOld * 60_000 })));
      expect(at(0.2)).toContain("showing the page from less than a minute ago");
      expect(at(1)).toContain("showing the page from 1 min ago");
      expect(at(60)).toContain("showing the page from 1 h ago");
      expect(at(135)).toContain("showing the page from 2 h 15 min ago");
    });

    it("gives the page's time when no clock is passed", () => {
      const message = trucksMessage(input({ staleSince }));
      expect(contextText(message)).toMatch(/tracker unreachable, showing the page from 11:17 AM$/);
    });

    it("adds no note when the page is fresh", () => {
      expect(contextText(trucksMessage(input()))).not.toContain("unreachable");
    });
  });

  describe("hostile scraped strings", () => {
    const hostile: PlaceListing = {
      place: "<!channel> Plaza",
      trucks: [
        { name: "<!channel> Free Tacos", url: "javascript:alert(1)" },
        { name: "<@U999> & friends", url: "https://evil.example/x|District Taco" },
        { name: "Looks Legit", url: "https://ok.example/<!everyone>" },
        { name: "Spoof", url: "https://ok.example/ <https://evil.example|x>" },
        { name: "Real >_< Truck", url: "https://ok.example/real" },
      ],
    };
    const message = trucksMessage(input({ listings: [hostile], askedBy: "U123>|<!channel" }));

    it("escapes names and drops unsafe links", () => {
      expect(truckLines(message)).toEqual([
        "• &lt;!channel&gt; Free Tacos",
        "• &lt;@U999&gt; &amp; friends",
        "• Looks Legit",
        "• Spoof",
        "• <https://ok.example/real|Real &gt;_&lt; Truck>",
      ]);
    });

    it("leaves no live mention or link anywhere, fallback text included", () => {
      expectNoLiveMarkup(message);
      const mrkdwn = mrkdwnTexts(message).join("\n");
      expect(mrkdwn).not.toContain("<!channel>");
      expect(mrkdwn).not.toContain("<!everyone>");
      expect(mrkdwn).not.toContain("javascript:");
      expect(message.text).toContain("&lt;!channel&gt; Free Tacos");
    });

    it("keeps the place name as typed in the plain_text header (Slack does not parse it)", () => {
      expect(headers(message)[0]?.text.text).toBe("<!channel> Plaza");
    });

    it("does not mention an asker id that is not shaped like one", () => {
      expect(contextText(message)).toContain("asked by U123&gt;|&lt;!channel");
    });
  });

  it("shows a 60-truck place in full across several sections within the limits", () => {
    const big = listing("DC - Farragut Square", 60, 120);
    const message = trucksMessage(input({ listings: [big] }));
    expectWithinSlackLimits(message);
    expect(sections(message).length).toBeGreaterThan(1);
    expect(headers(message)).toHaveLength(1);
    expect(truckLines(message)).toHaveLength(60);
    expect(truckLines(message)[59]).toContain("Truck 60 ");
    expect(JSON.stringify(message)).not.toContain("more truck");
  });

  it("summarizes places that do not fit in 50 blocks", () => {
    const places = Array.from({ length: 70 }, (_, i) => listing(`Place ${i + 1}`, 2));
    const message = trucksMessage(input({ listings: places }));
    expectWithinSlackLimits(message);
    expect(blocksOf(message)).toHaveLength(MAX_BLOCKS);
    const shown = headers(message).length;
    const summary = sectionTexts(message).at(-1) ?? "";
    expect(summary).toBe(`_…and ${70 - shown} more places_`);
    expect(headers(message).map((h) => h.text.text)).toEqual(places.slice(0, shown).map((p) => p.place));
    expect(blocksOf(message).at(-1)?.type).toBe("context");
  });

  it("cuts a place too big for one message mid-way and counts the trucks left out", () => {
    const huge = listing("Everywhere", 1000, 190);
    const message = trucksMessage(input({ listings: [huge, FRANKLIN] }));
    expectWithinSlackLimits(message);
    const shown = truckLines(message).length;
    expect(shown).toBeGreaterThan(0);
    expect(sectionTexts(message).at(-1)).toBe(`_…and ${1000 - shown} more trucks, and 1 more place_`);
  });

  it("caps a 400-character place name in the header and in mrkdwn", () => {
    const place = "DC - " + "Very Long Square ".repeat(24);
    expect(place.length).toBeGreaterThan(400);
    const message = trucksMessage(input({ listings: [{ place, trucks: FARRAGUT.trucks }] }));
    expectWithinSlackLimits(message);
    const header = headers(message)[0]?.text.text ?? "";
    expect(header).toHaveLength(MAX_HEADER_TEXT_CHARS);
    expect(header.endsWith("…")).toBe(true);
    expect(place.startsWith(header.slice(0, -1))).toBe(true);
  });

  it("never splits an emoji when capping a header", () => {
    const message = trucksMessage(input({ listings: [{ place: "🌮".repeat(200), trucks: [] }] }));
    const header = headers(message)[0]?.text.text ?? "";
    expect(header.length).toBeLessThanOrEqual(MAX_HEADER_TEXT_CHARS);
    expect(header).toMatch(/^(🌮)+…$/u);
  });

  it("keeps a long fallback text under 3,000 characters, ending after a whole name", () => {
    const message = trucksMessage(input({ listings: [listing("DC - Farragut Square", 400, 40)] }));
    expectWithinSlackLimits(message);
    expect(message.text.startsWith("Food trucks at DC - Farragut Square: Truck 1 ")).toBe(true);
    expect(message.text).toMatch(/x, …$/);
  });

  it("does not cut an escaped entity in half in the fallback text", () => {
    const ampersands: PlaceListing = { place: "A", trucks: [{ name: "&".repeat(199), url: null }] };
    const message = trucksMessage(input({ listings: Array.from({ length: 20 }, () => ampersands) }));
    expectWithinSlackLimits(message);
    expect(message.text).not.toMatch(/&[a-z]{0,3}…$/);
  });

  it("drops the link rather than overflow a section with a pathological URL", () => {
    const url = "https://example.com/?" + "&".repeat(900);
    const message = trucksMessage(input({ listings: [{ place: "A", trucks: [{ name: "&".repeat(500), url }] }] }));
    expectWithinSlackLimits(message);
    expect(truckLines(message)[0]).toMatch(/^• (&amp;)+…$/);
  });

  it("handles an empty listing", () => {
    const message = trucksMessage(input({ listings: [] }));
    expectWithinSlackLimits(message);
    expect(sectionTexts(message)).toEqual(["_No places to show._"]);
  });
});

describe("lookingMessage", () => {
  it("is ephemeral and escapes the query", () => {
    expect(lookingMessage("farragut")).toEqual({
      response_type: "ephemeral",
      text: "Looking up food trucks at farragut…",
    });
    expect(lookingMessage("<!channel> & co").text).toBe("Looking up food trucks at &lt;!channel&gt; &amp; co…");
  });

  it("has a generic wording for an empty query", () => {
    expect(lookingMessage("").text).toBe("Looking up today's food trucks…");
    expect(lookingMessage("   ").text).toBe("Looking up today's food trucks…");
  });

  it("stays short for a long query", () => {
    expect(lookingMessage("x".repeat(500)).text.length).toBeLessThan(300);
  });
});

describe("helpMessage", () => {
  it("is ephemeral and shows the usages with the command's own name", () => {
    const message = helpMessage("/foodtrucks");
    expect(message.response_type).toBe("ephemeral");
    expectWithinSlackLimits(message);
    const text = sectionTexts(message).join("\n");
    for (const usage of [
      "`/foodtrucks farragut`",
      "`/foodtrucks farragut, franklin`",
      "`/foodtrucks list`",
      "`/foodtrucks help`",
    ]) {
      expect(text).toContain(usage);
    }
    expect(helpMessage("/trucks").text).toContain("/trucks list");
  });

  it("escapes a strange command name", () => {
    expectNoLiveMarkup(helpMessage("<!channel>"));
  });
});

describe("placeListMessage", () => {
  it("is ephemeral and lists places with truck counts", () => {
    const message = placeListMessage([FARRAGUT, FRANKLIN, METRO_CENTER], SOURCE_URL, FETCHED_AT);
    expect(message.response_type).toBe("ephemeral");
    expectWithinSlackLimits(message);
    expect(sectionTexts(message).join("\n").split("\n")).toEqual([
      "*Places on the tracker today:*",
      "• DC - Farragut Square — 3 trucks",
      "• DC - Franklin Square — 1 truck",
      "• DC - Metro Center — no trucks yet",
    ]);
    expect(contextText(message)).toMatch(
      /^Source: <https:\/\/foodtruckfiesta.com\/dc-food-truck-list\/\|foodtruckfiesta.com> · fetched 11:42 AM$/,
    );
    expect(message.text).toBe(
      "Places on the tracker: DC - Farragut Square (3), DC - Franklin Square (1), DC - Metro Center (0)",
    );
  });

  it("stays within the limits for a huge tracker, summarizing the rest", () => {
    const places = Array.from({ length: 2000 }, (_, i) => listing(`<Place> ${i + 1} `.padEnd(150, "y"), i % 4));
    const message = placeListMessage(places, SOURCE_URL, FETCHED_AT);
    expectWithinSlackLimits(message);
    expectNoLiveMarkup(message);
    const listed = sectionTexts(message)
      .flatMap((t) => t.split("\n"))
      .filter((l) => l.startsWith("• ")).length;
    expect(sectionTexts(message).at(-1)).toBe(`_…and ${2000 - listed} more places_`);
  });

  it("says so when the tracker lists nothing", () => {
    const message = placeListMessage([], SOURCE_URL, FETCHED_AT);
    expectWithinSlackLimits(message);
    expect(sectionTexts(message)).toEqual(["The tracker lists no places right now."]);
  });
});

describe("unknownPlaceMessage", () => {
  it("suggests the closest place", () => {
    const message = unknownPlaceMessage(
      [{ term: "farrgut", suggestions: ["DC - Farragut Square"] }],
      ["DC - Franklin Square"],
    );
    expect(message.response_type).toBe("ephemeral");
    expectWithinSlackLimits(message);
    expect(sectionTexts(message)).toEqual([
      "I don't know a place called “farrgut”. Did you mean DC - Farragut Square?",
    ]);
  });

  it("offers several suggestions as a choice", () => {
    const message = unknownPlaceMessage(
      [{ term: "square", suggestions: ["A Square", "B Square", "C Square", "D Square"] }],
      [],
    );
    expect(sectionTexts(message)[0]).toBe(
      "I don't know a place called “square”. Did you mean A Square, B Square or C Square?",
    );
  });

  it("lists the places with trucks (capped) when there is no suggestion", () => {
    const withTrucks = Array.from({ length: 20 }, (_, i) => `Place ${i + 1}`);
    const message = unknownPlaceMessage([{ term: "zzz", suggestions: [] }], withTrucks);
    expectWithinSlackLimits(message);
    const lines = sectionTexts(message).join("\n").split("\n");
    expect(lines.slice(0, 3)).toEqual(["I don't know a place called “zzz”.", "Places with trucks today:", "• Place 1"]);
    expect(lines.filter((l) => l.startsWith("• "))).toHaveLength(15);
    expect(lines.at(-1)).toBe("_…and 5 more places_");
  });

  it("says when no place has trucks yet", () => {
    const message = unknownPlaceMessage([{ term: "zzz", suggestions: [] }], []);
    expect(sectionTexts(message).join("\n")).toBe("I don't know a place called “zzz”.\nNo place has trucks yet today.");
  });

  it("escapes what the user typed and the suggestions", () => {
    const message = unknownPlaceMessage([{ term: "<!channel>", suggestions: ["<@U1> Square"] }], ["<!here>"]);
    expectNoLiveMarkup(message);
    expect(message.text).toContain("“&lt;!channel&gt;”");
  });

  it("stays within the limits for many unknown terms", () => {
    const unmatched = Array.from({ length: 250 }, (_, i) => ({ term: `term ${i} `.padEnd(200, "&"), suggestions: [] }));
    const message = unknownPlaceMessage(unmatched, ["A"]);
    expectWithinSlackLimits(message);
  });
});

describe("noTrucksMessage", () => {
  it("says the place has no trucks and lists those that do, with counts", () => {
    const message = noTrucksMessage(["DC - Metro Center"], [FARRAGUT, FRANKLIN]);
    expect(message.response_type).toBe("ephemeral");
    expectWithinSlackLimits(message);
    expect(sectionTexts(message).join("\n")).toBe(
      [
        "No trucks at DC - Metro Center yet today.",
        "These places do have trucks:",
        "• DC - Farragut Square — 3 trucks",
        "• DC - Franklin Square — 1 truck",
      ].join("\n"),
    );
  });

  it("joins several places", () => {
    expect(sectionTexts(noTrucksMessage(["A", "B", "C"], []))[0]).toBe(
      "No trucks at A, B or C yet today.\nNo place on the tracker has trucks yet today.",
    );
  });

  it("caps the list of places that have trucks", () => {
    const many = Array.from({ length: 40 }, (_, i) => listing(`P${i}`, 1));
    const lines = sectionTexts(noTrucksMessage(["X"], many))
      .join("\n")
      .split("\n");
    expect(lines.filter((l) => l.startsWith("• "))).toHaveLength(15);
    expect(lines.at(-1)).toBe("_…and 25 more places_");
  });
});

describe("problemMessage", () => {
  it("is one ephemeral section with our mrkdwn kept", () => {
    const message = problemMessage("The tracker at *foodtruckfiesta.com* is down. Try again in a few minutes.");
    expect(message).toEqual({
      response_type: "ephemeral",
      text: "The tracker at *foodtruckfiesta.com* is down. Try again in a few minutes.",
      blocks: [
        {
          type: "section",
          text: { type: "mrkdwn", text: "The tracker at *foodtruckfiesta.com* is down. Try again in a few minutes." },
        },
      ],
    });
  });

  it("is length-capped", () => {
    const message = problemMessage("x".repeat(5000));
    expectWithinSlackLimits(message);
    expect(sectionTexts(message)[0]).toHaveLength(MAX_SECTION_TEXT_CHARS);
  });

  it("never sends an empty section", () => {
    expectWithinSlackLimits(problemMessage(""));
  });
});

describe("placePickerMessage", () => {
  it("offers every place, keeping each option's count visible when the name is long", () => {
    const long = listing(`DC - ${"Very Long Place Name ".repeat(5)}`, 3);
    const message = placePickerMessage([FARRAGUT, long, METRO_CENTER]);
    expectWithinSlackLimits(message);
    const menu = blocksOf(message).find((block) => block.type === "actions") as ActionsBlock;
    const select = menu.elements[0] as StaticSelect;
    const texts = select.options!.map((option) => option.text.text);
    expect(texts.every((text) => text.length <= 75)).toBe(true);
    expect(texts[1]).toMatch(/… \(3\)$/);
    expect(select.options!.map((option) => option.value)).toEqual([FARRAGUT.place, long.place, METRO_CENTER.place]);
  });

  it("counts an emoji as two characters when fitting an option's text, and never splits one", () => {
    const tacos = listing(`DC - ${"🌮".repeat(40)}`, 2);
    const menu = blocksOf(placePickerMessage([tacos])).find((block) => block.type === "actions") as ActionsBlock;
    const [option] = (menu.elements[0] as StaticSelect).options!;
    expect(option!.text.text.length).toBeLessThanOrEqual(75);
    expect(option!.text.text).toMatch(/^DC - (🌮)+… \(2\)$/u);
    expect(option!.value).toBe(tacos.place);
  });

  it("falls back to a list when no place name fits a menu option", () => {
    const message = placePickerMessage([listing(`DC - ${"x".repeat(200)}`, 2)]);
    expectWithinSlackLimits(message);
    expect(blocksOf(message).some((block) => block.type === "actions")).toBe(false);
    expect(message.text).toContain("Places on the tracker today");
  });
});

describe("trucksMessage: Refresh", () => {
  const refreshValue = (message: SlackMessage) => {
    const menu = blocksOf(message).find((block) => block.type === "actions") as ActionsBlock;
    return JSON.parse((menu.elements[0] as { value: string }).value) as unknown;
  };

  it("names the places shown", () => {
    expect(refreshValue(trucksMessage(input({ refreshable: true })))).toEqual({ places: [FARRAGUT.place] });
  });

  it("on a digest post, carries that it is one and its time zone, so a refresh keeps both", () => {
    const digest = trucksMessage(input({ askedBy: undefined, refreshable: true, timeZone: "America/Chicago" }));
    expect(refreshValue(digest)).toEqual({ places: [FARRAGUT.place], digest: { timeZone: "America/Chicago" } });
    expect(contextText(digest)).toContain("daily digest");
  });

  it("says who refreshed a digest", () => {
    const refreshed = trucksMessage(input({ askedBy: undefined, refreshedBy: "U0CLICK" }));
    expect(contextText(refreshed)).toContain("daily digest, refreshed by <@U0CLICK>");
  });
});
