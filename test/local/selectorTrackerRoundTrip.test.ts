// Another city end to end over real loopback HTTP: the local server configured with
// TRACKER_KIND=selectors reads the Portland pods page and `/foodtrucks cartopia` posts its carts.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { SlackMessage } from "../../src/slack/blockKit.js";
import { commandBody, signedHeaders } from "../helpers/slackRequest.js";
import { useRoundTrip } from "../helpers/roundTrip.js";

const page = readFileSync(new URL("../fixtures/selectors-city.html", import.meta.url), "utf8");

const trip = useRoundTrip(page, {
  trackerPath: "/pods/today",
  env: {
    TRACKER_KIND: "selectors",
    TRACKER_SELECTORS: '{"container": "main .schedule", "placeHeading": "h3", "truckLink": "li a"}',
  },
});

/** Sends a signed /foodtrucks <text> and returns the one message phase 2 posted. */
async function ask(text: string): Promise<SlackMessage> {
  const body = commandBody(text, trip.responseUrl());
  const ack = await fetch(trip.baseUrl + "/slack/commands", { method: "POST", headers: signedHeaders(body), body });
  expect(ack.status).toBe(200);
  await trip.local.idle();
  expect(trip.catcher.requests).toHaveLength(1);
  return JSON.parse(trip.catcher.requests[0]!.body) as SlackMessage;
}

describe("/foodtrucks with a selector tracker", () => {
  it("posts Cartopia's carts to the channel, and no other pod's", async () => {
    const message = await ask("cartopia");
    expect(message.response_type).toBe("in_channel");
    const [header, carts] = message.blocks as { text?: { text: string } }[];
    expect(header!.text!.text).toBe("Cartopia (SE 12th & Hawthorne)");
    expect(carts!.text!.text).toBe(
      "• <https://pdxcarts.example/potato-champion|Potato Champion>\n• <https://pdxcarts.example/pyro-pizza|Pyro Pizza>\n• Perierra Crêperie",
    );
    const blocks = JSON.stringify(message.blocks);
    for (const other of [
      "Hawthorne Asylum",
      "Prost",
      "Nong",
      "Late",
      "Rose City",
      "Sidebar",
      "Footer",
      "Script",
      "Template",
      "legend",
    ]) {
      expect(blocks).not.toContain(other);
    }
  });

  it("says a pod with no carts has none yet", async () => {
    const message = await ask("hawthorne asylum");
    expect(JSON.stringify(message)).toMatch(/No trucks at Hawthorne Asylum/);
  });

  it("lists the pods read from the page", async () => {
    const text = JSON.stringify(await ask("list"));
    for (const pod of ["Cartopia", "Hawthorne Asylum", "Prost! Marketplace", "Rose City Food Park"])
      expect(text).toContain(pod);
    for (const notPod of ["Popular pods", "Menu", "Footer Pod", "Script Pod", "Template Pod"])
      expect(text).not.toContain(notPod);
  });

  it("suggests a pod for a near miss", async () => {
    const message = await ask("cartopa");
    expect(message.response_type).toBe("ephemeral");
    expect(JSON.stringify(message)).toMatch(/did you mean.*Cartopia/i);
  });
});
