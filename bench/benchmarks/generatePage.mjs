// @ts-check
// A large tracker page for the parse benchmark: 50 places × 40 trucks in the shape the real list
// page has (test/fixtures/foodtruckfiesta/README.md), buried in the noise a WordPress page
// carries — head scripts and styles, a header menu, ad slots and comments between places, inline
// styles on every truck, a sidebar listing every truck, footer scripts. Deterministic (seeded),
// so every run parses the same bytes.

const REGIONS = ["DC", "VA", "MD"];
const PLACE_WORDS = [
  "Farragut",
  "Franklin",
  "Union",
  "Metro",
  "Navy",
  "Capitol",
  "Dupont",
  "Judiciary",
  "Foggy",
  "Rosslyn",
  "Ballston",
  "Crystal",
  "Bethesda",
  "Silver",
  "Tysons",
  "NoMa",
  "L&#8217;Enfant",
  "Eastern",
  "Logan",
  "Mount Vernon",
];
const PLACE_KINDS = ["Square", "Station", "Plaza", "Yard", "Hill", "Circle", "Center", "Market", "Bottom", "Triangle"];
const TRUCK_WORDS = [
  "Taco",
  "Pho",
  "Lobster",
  "Empanada",
  "Cheese",
  "Cupcake",
  "Dumpling",
  "Curry",
  "Falafel",
  "Kabob",
  "BBQ",
  "Burger",
  "Crepe",
  "Arepa",
  "Gyro",
  "Ramen",
  "Pizza",
  "Bao",
  "Biryani",
  "Waffle",
];
const TRUCK_STYLES = [
  "District",
  "Big",
  "Red Hook",
  "Capital",
  "Sâuçá",
  "Hula",
  "Popped",
  "Astro",
  "Fojol",
  "Pedro &amp; Vinny&#8217;s",
];

export const PLACES = 50;
export const TRUCKS_PER_PLACE = 40;

/** mulberry32: a tiny seeded PRNG, so the page is the same on every machine. */
/** @param {number} seed */
function random(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function generateLargePage() {
  const next = random(20_160_527);
  const pick = (/** @type {string[]} */ list) => /** @type {string} */ (list[Math.floor(next() * list.length)]);
  const word = () => Math.floor(next() * 36 ** 6).toString(36);

  // Minified-looking JavaScript: identifiers, strings, numbers and the odd "</h2>"-like string,
  // which a parser must not mistake for markup.
  const script = (/** @type {number} */ bytes) => {
    let out = "!function(e,t){";
    while (out.length < bytes) {
      out += `var ${word()}=e.${word()}||function(n){return n&&n.${word()}?"${word()}":${Math.floor(next() * 1e6)}};`;
      if (next() < 0.05) out += `t.write("<h2>"+${word()}+"<\\/h2>");`;
    }
    return `<script type="text/javascript">${out}}(window,document);</script>\n`;
  };
  const style = (/** @type {number} */ rules) => {
    let out = "";
    for (let i = 0; i < rules; i++)
      out += `.${word()} .${word()}>a:hover{color:#${word().slice(0, 6)};margin:${i % 9}px ${i % 7}px;font:14px/1.4 Georgia,serif}`;
    return `<style type="text/css">${out}</style>\n`;
  };
  const ad = () =>
    `<!-- ad slot ${word()} --><div class="ad-slot ad-${word()}" style="margin: 12px 0; padding: 8px; border: 1px solid #eee; text-align: center;">` +
    `<script async src="//pagead2.googlesyndication.com/pagead/js/adsbygoogle.js"></script>` +
    `<ins class="adsbygoogle" style="display:inline-block;width:728px;height:90px" data-ad-client="ca-pub-${Math.floor(next() * 1e16)}" data-ad-slot="${Math.floor(next() * 1e10)}"></ins>` +
    `<script>(adsbygoogle = window.adsbygoogle || []).push({});</script></div>\n`;

  const places = [];
  const usedPlaces = new Set();
  while (places.length < PLACES) {
    const name = `${pick(REGIONS)} - ${pick(PLACE_WORDS)} ${pick(PLACE_KINDS)}`;
    if (usedPlaces.has(name)) continue;
    usedPlaces.add(name);
    places.push(name);
  }

  const parts = [];
  parts.push(
    '<!DOCTYPE html>\n<html lang="en-US">\n<head>\n<meta charset="UTF-8" />\n<title>DC Food Truck List | Food Truck Fiesta</title>\n',
  );
  for (let i = 0; i < 40; i++)
    parts.push(
      `<link rel="stylesheet" id="${word()}-css" href="http://foodtruckfiesta.com/wp-content/plugins/${word()}/style.css?ver=4.7.5" type="text/css" media="all" />\n`,
    );
  for (let i = 0; i < 16; i++) parts.push(script(12_000));
  parts.push(style(1_200));
  parts.push(
    '</head>\n<body class="page-template-default page page-id-2291">\n<div id="wrapper">\n<div id="header"><h1 class="site-title"><a href="http://foodtruckfiesta.com/">Food Truck Fiesta</a></h1>\n<ul class="menu">\n',
  );
  for (let i = 0; i < 120; i++)
    parts.push(
      `<li class="menu-item menu-item-${i}"><a href="http://foodtruckfiesta.com/${word()}/">${word()} ${word()}</a></li>\n`,
    );
  parts.push(
    '</ul></div>\n<div id="main"><div class="post" id="post-2291"><h1 class="entry-title">DC Food Truck List</h1>\n<div class="post-content">\n',
  );
  parts.push(
    "<p>Below are the trucks that have tweeted a location this morning, grouped by where they are parked. <em>Last updated 11:42 AM.</em></p>\n",
  );

  /** @type {{ name: string; handle: string }[]} */
  const allTrucks = [];
  places.forEach((place, p) => {
    parts.push(`\n<h2>${place}</h2>\n<!-- place ${p}: ${word()} ${word()} -->\n`);
    for (let t = 0; t < TRUCKS_PER_PLACE; t++) {
      // The index keeps names (and handles) unique within a place: the parser drops repeats.
      const name = `${pick(TRUCK_STYLES)} ${pick(TRUCK_WORDS)} ${p}-${t}`;
      const handle = `truck${p}x${t}${word()}`;
      allTrucks.push({ name, handle });
      parts.push(
        `<div class="truck" style="padding: 2px 0;"><a href="http://twitter.com/${handle}" target="_blank"><span style="font-size: 14px; color: #333333;">${name}</span></a></div>\n`,
      );
      if (t % 10 === 9) parts.push(`<!-- .truck row ${word()} -->\n`);
    }
    parts.push(ad());
    if (p % 5 === 4) parts.push(script(3_000));
  });
  parts.push(
    '\n<p>See every truck on the <a href="http://foodtruckfiesta.com/apps/maplarge.html">live map</a>.</p>\n</div></div></div>\n',
  );
  const listEnd = parts.join("").length;

  parts.push('<div id="sidebar"><h2>All DC Trucks</h2><ul id="blogroll"><li><ul>\n');
  for (const truck of allTrucks)
    parts.push(
      `<li style="list-style: none;"><a href="http://twitter.com/${truck.handle}" title="${truck.name}">${truck.name}</a></li>\n`,
    );
  parts.push("</ul></li></ul>\n");
  for (let i = 0; i < 6; i++) parts.push(`<div class="widget">${ad()}</div>\n`);
  parts.push('</div>\n<div id="footer"><p>&copy; Food Truck Fiesta</p>\n');
  for (let i = 0; i < 6; i++) parts.push(script(12_000));
  parts.push(
    '<img src="//pixel.wp.com/g.gif?v=ext&amp;j=1%3A4.7.5" alt=":)" width="6" height="5" style="display:none" />\n</div>\n</div>\n</body>\n</html>\n',
  );

  const html = parts.join("");
  return { html, places: PLACES, trucks: PLACES * TRUCKS_PER_PLACE, listEndFraction: listEnd / html.length };
}
