"""The original's parse, for benchmark 4's comparison: BeautifulSoup selects div.post-content > h2
and walks each heading's siblings up to the next h2, collecting the links. Prints JSON timings.

usage: bs4_extract.py PAGE PARSER ITERATIONS   (PARSER: html.parser | lxml)
"""
import json
import sys
import time

from bs4 import BeautifulSoup, Tag


def extract(html, parser):
    soup = BeautifulSoup(html, parser)
    places = []
    for heading in soup.select("div.post-content > h2"):
        trucks = []
        for sibling in heading.next_siblings:
            if not isinstance(sibling, Tag):
                continue
            if sibling.name == "h2":
                break
            links = [sibling] if sibling.name == "a" else sibling.find_all("a")
            for link in links:
                trucks.append({"name": link.get_text(" ", strip=True), "url": link.get("href")})
        places.append({"place": heading.get_text(" ", strip=True), "trucks": trucks})
    return places


def main():
    path, parser, iterations = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(path, encoding="utf-8") as page:
        html = page.read()
    places = extract(html, parser)  # warm-up, and the counts to check against
    seconds = []
    for _ in range(iterations):
        started = time.perf_counter()
        extract(html, parser)
        seconds.append(time.perf_counter() - started)
    print(json.dumps({
        "python": sys.version.split()[0],
        "places": len(places),
        "trucks": sum(len(place["trucks"]) for place in places),
        "seconds": seconds,
    }))


main()
