"""Report formats people read, checked with real parsers and a real browser."""
import json
import os
import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET

import html5lib
import pytest
from markdown_it import MarkdownIt

from conftest import BIN, ROOT, Stack

HEADINGS_JA = ["１．はじめに", "２．特区申請の経緯", "３．川崎市等の取り組み", "４．横浜市等の取り組み", "５．まとめ"]
HEADINGS_EN = ["1. Introduction", "2. How the Special Zone Application Came About",
               "3. Initiatives of Kawasaki and Its Partners", "4. Initiatives of Yokohama and Its Partners", "5. Conclusion"]
XHTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"
JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]")
OUTPUT = os.path.join(ROOT, "test-output")


def compose(stack, **params):
    reply = stack.call("report.compose", params)
    assert "result" in reply, reply
    return reply["result"]


def text_of(element):
    return "".join(element.itertext())


def parse_html(document):
    parser = html5lib.HTMLParser(strict=True)
    return parser.parse(document)


def test_html_is_self_contained_valid_and_complete(stack, seed_paragraphs):
    result = compose(stack, format="html")
    assert result["format"] == "html"
    document = result["content"]
    tree = parse_html(document)  # strict: any HTML5 parse error raises
    assert tree.find(f".//{XHTML}head/{XHTML}style") is not None
    headings = [text_of(h) for h in tree.iter(f"{XHTML}h2")]
    assert headings == HEADINGS_JA
    body = text_of(tree.find(f".//{XHTML}body"))
    for paragraph in seed_paragraphs:
        assert paragraph in body, paragraph
    # One table per region under the measure's caption; each region's row for secondary industry.
    tables = list(tree.iter(f"{XHTML}table"))
    assert [text_of(t.find(f"{XHTML}caption")) for t in tables] == ["全国", "川崎市", "横浜市"]
    assert text_of(tree.find(f".//{XHTML}figure[@class='tables']/{XHTML}figcaption")) == "産業構造（産業別構成比） (%)"
    second = [[text_of(c) for c in t.find(f"{XHTML}tbody")[1]] for t in tables]
    assert second == [["第二次産業", "35.40", "25.24", "▲28.7%"], ["第二次産業", "53.33", "29.19", "▲45.3%"],
                      ["第二次産業", "31.90", "16.28", "▲49.0%"]]
    assert "（出典：内閣府国民経済計算、川崎市市民経済計算、横浜市の市民経済計算より作成）" in body
    svg = tree.find(f".//{SVG}svg")
    assert svg is not None and svg.get("role") == "img"
    assert svg.find(f"{SVG}title") is not None and svg.find(f"{SVG}desc") is not None
    # No external URL of any kind: no links, scripts, sources, or url() in the CSS.
    assert not re.search(r"(?i)(https?:|//[a-z0-9]|\bsrc=|\bhref=|url\(|@import|<script|<link)", document)


def test_svg_bars_match_the_data(stack):
    svg_text = compose(stack, format="svg")["content"]
    root = ET.fromstring(svg_text.encode())  # well-formed XML or this raises
    assert root.tag == f"{SVG}svg"
    table = stack.call("statistics.industryStructure", {"span": "endpoints"})["result"]
    parts = [s["code"] for s in table["sectors"] if s.get("parent") == "total"]
    bars = [r for r in root.iter(f"{SVG}rect") if r.get("class") == "bar"]
    assert len(bars) == len(table["regions"]) * len(table["years"]) * len(parts)
    for bar in bars:
        row = next(r for r in table["rows"] if r["region"] == bar.get("data-region") and r["sector"] == bar.get("data-sector"))
        year_index = [y["year"] for y in table["years"]].index(int(bar.get("data-year")))
        share = row["values"][year_index]
        assert float(bar.get("data-share")) == pytest.approx(share)
        assert float(bar.get("width")) == pytest.approx(share * 4, abs=0.01)
    # Segments of one bar are laid end to end.
    first = [b for b in bars if b.get("data-region") == "14130" and b.get("data-year") == "1990"]
    for a, b in zip(first, first[1:]):
        assert float(a.get("x")) + float(a.get("width")) == pytest.approx(float(b.get("x")), abs=0.02)


def test_markup_in_service_data_renders_as_text(tmp_path):
    catalogue = json.load(open(os.path.join(ROOT, "Services", "InitiativesService", "Resources", "special-zone.json")))
    catalogue["initiatives"][1]["summary"] = "<script>alert(1)</script> & <b>bold</b>"
    catalogue["initiatives"][1]["organisation"]["name"] = "\"quoted\" <i>org</i>"
    path = os.path.join(str(tmp_path), "hostile.json")
    json.dump(catalogue, open(path, "w"), ensure_ascii=False)
    stack = Stack()
    try:
        stack.start("statistics"), stack._spawn("initiatives-service", "--connect", stack.worker_endpoint, "--data", path)
        stack.wait_for_workers({"statistics": 1, "initiatives": 1})
        document = compose(stack, format="html")["content"]
        tree = parse_html(document)
        assert tree.find(f".//{XHTML}script") is None and tree.find(f".//{XHTML}b") is None and tree.find(f".//{XHTML}i") is None
        body = text_of(tree.find(f".//{XHTML}body"))
        assert "<script>alert(1)</script> & <b>bold</b>" in body
        assert "\"quoted\" <i>org</i>…" in body
        markdown = compose(stack, format="markdown")["content"]
        rendered = MarkdownIt("commonmark").enable("table").render(markdown)
        assert "<script>" not in rendered and "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    finally:
        stack.close()


def test_markdown_renders_its_table_with_a_real_renderer(stack):
    markdown = compose(stack, format="markdown")["content"]
    html = MarkdownIt("commonmark").enable("table").render(markdown)
    tree = parse_html(f"<!DOCTYPE html><html><head><title>t</title></head><body>{html}</body></html>")
    assert [text_of(h) for h in tree.iter(f"{XHTML}h2")] == HEADINGS_JA
    table = tree.find(f".//{XHTML}table")
    assert table is not None
    head = [text_of(th) for th in table.find(f"{XHTML}thead").iter(f"{XHTML}th")]
    assert head[1:4] == ["全国 平成2年", "全国 平成22年", "全国 増減率"]
    body = [[text_of(c) for c in tr] for tr in table.find(f"{XHTML}tbody")]
    assert [r[0] for r in body] == ["第一次産業", "第二次産業", "第三次産業", "全産業"]
    assert body[0][3] == "▲50.6%"


def test_english_edition_is_complete_and_english(stack):
    seed_ja = compose(stack, format="json")["content"]
    result = compose(stack, format="json", lang="en")
    assert result["lang"] == "en" and result["sections"] == HEADINGS_EN
    english = result["content"]
    # Every block of the Japanese edition has its English counterpart, in the same place.
    for ja_section, en_section in zip(seed_ja["sections"], english["sections"]):
        assert [b["kind"] for b in ja_section["blocks"]] == [b["kind"] for b in en_section["blocks"]]
    markdown = compose(stack, format="markdown", lang="en")["content"]
    assert not JAPANESE.search(markdown), JAPANESE.findall(markdown)[:10]
    for figure in ["2.39", "35.40", "83.62", "\u221250.6%", "33.3%", "\u221249.0%", "51.7%", "23.0%", "1990 (Heisei 2)", "2010 (Heisei 22)"]:
        assert figure in markdown, figure
    for name in ["Ajinomoto Co., Inc.", "Central Institute for Experimental Animals", "Yokohama City University",
                 "ReproCELL Inc.", "King Skyfront", "LIP. Yokohama", "December 2011 (Heisei 23)"]:
        assert name in markdown, name
    html = compose(stack, format="html", lang="en")["content"]
    tree = parse_html(html)
    assert tree.get("lang") == "en"
    assert not JAPANESE.search(text_of(tree.find(f".//{XHTML}body")))


def test_unknown_format_or_language_lists_the_supported_ones(stack):
    for params, field, listed in (({"format": "pdf"}, "format", "markdown, text, json, html, svg"),
                                  ({"lang": "fr"}, "lang", "ja, en")):
        error = stack.call("report.compose", params)["error"]
        assert error["code"] == -32602 and error["data"]["field"] == field
        assert listed in error["data"]["detail"]


def test_text_wraps_at_the_width_asked(stack):
    for width in (40, 100):
        text = compose(stack, format="text", width=width)["content"]
        widths = [sum(2 if JAPANESE.match(ch) else 1 for ch in line) for line in text.splitlines()]
        assert max(widths) <= width


def display_width(line):
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)


# What a line must not start with (行頭禁則), in either edition.
CLOSING = tuple("、。，．）」』】〕！？：；ー・％々ゝゞ,.;:!?)]}")


@pytest.mark.parametrize("lang", ["ja", "en"])
def test_text_fits_every_width_and_no_line_starts_with_closing_punctuation(stack, lang):
    whole_words = {word for word in compose(stack, format="text", lang=lang, width=1000)["content"].split()
                   if not re.fullmatch(r"[=-]+", word)}
    for width in (40, 60, 80, 120):
        lines = compose(stack, format="text", lang=lang, width=width)["content"].splitlines()
        assert max(display_width(line) for line in lines) <= width, (lang, width)
        starts = [line for line in lines if line.strip().startswith(CLOSING)]
        assert starts == [], (lang, width, starts[:3])
        if lang == "en":  # English breaks between words: every word of a narrow line is a whole word
            words = {word for word in " ".join(lines).split() if not re.fullmatch(r"[=-]+", word)}  # rules: as wide as the line
            assert words <= whole_words, (width, words - whole_words)
        # The table keeps its caption and unit.
        caption = "産業構造（産業別構成比） (%)" if lang == "ja" else "Industry structure (shares by industry) (%)"
        assert caption in " ".join(line.strip() for line in lines), (lang, width)


def client_text(stack, *args, columns=None, tty_columns=None):
    """report-client's text report, its standard output a pseudo-terminal `tty_columns` wide (or a pipe)."""
    import fcntl
    import pty
    import struct
    import termios
    env = dict(os.environ)
    env.pop("COLUMNS", None)
    if columns:
        env["COLUMNS"] = str(columns)
    command = [os.path.join(BIN, "report-client"), "--endpoint", stack.client_endpoint, "--format", "text", *args]
    if tty_columns is None:
        return subprocess.run(command, capture_output=True, text=True, env=env, timeout=30).stdout
    leader, follower = pty.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 50, tty_columns, 0, 0))
    process = subprocess.Popen(command, stdout=follower, stderr=subprocess.DEVNULL, env=env)
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # EIO: the terminal's other end closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=30)
    os.close(leader)
    return b"".join(chunks).decode().replace("\r\n", "\n")


def test_report_client_lays_text_out_for_the_terminal_it_prints_to(stack):
    def widest(text):
        return max(display_width(line) for line in text.splitlines())
    in_terminal = client_text(stack, tty_columns=60)
    assert 50 < widest(in_terminal) <= 60
    assert 90 < widest(client_text(stack, tty_columns=100, columns=100)) <= 100
    assert 40 < widest(client_text(stack, tty_columns=100, columns=48)) <= 48  # $COLUMNS first
    assert 70 < widest(client_text(stack)) <= 80  # a pipe: 80, whatever the terminal
    assert widest(client_text(stack, "--width", "40", tty_columns=100)) <= 40  # --width wins


@pytest.mark.skipif(shutil.which("chromium") is None and not os.environ.get("CI"),
                    reason="needs Debian's chromium (make test installs it; in CI its absence is a failure)")
def test_a_real_browser_renders_the_page(stack):
    os.makedirs(OUTPUT, exist_ok=True)
    for lang, headings in (("ja", HEADINGS_JA), ("en", HEADINGS_EN)):
        page = os.path.join(OUTPUT, f"report-{lang}.html")
        subprocess.run([os.path.join(BIN, "report-client"), "--endpoint", stack.client_endpoint,
                        "--format", "html", "--lang", lang, "--output", page], check=True, capture_output=True)
        png = os.path.join(OUTPUT, f"report-{lang}.png")
        browser = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1000,1400"]
        shot = subprocess.run(browser + [f"--screenshot={png}", f"file://{page}"], capture_output=True, text=True, timeout=120)
        assert shot.returncode == 0, shot.stderr
        assert open(png, "rb").read(8) == b"\x89PNG\r\n\x1a\n" and os.path.getsize(png) > 10000
        dom = subprocess.run(browser + ["--dump-dom", f"file://{page}"], capture_output=True, text=True, timeout=120)
        assert dom.returncode == 0, dom.stderr
        for heading in headings:
            assert heading in dom.stdout, heading


# Measures the page as laid out, in the browser, once it has loaded: the page's and every table
# container's scroll width against its client width, and the smallest computed font size of any
# text outside the chart. Appended to a copy of the page, it writes what it found into the DOM,
# which `--dump-dom` then prints.
MEASURE = r"""<script>
addEventListener("load", () => {
  const page = document.scrollingElement;
  const texts = [...document.querySelectorAll("main *")].filter(e => !e.closest("svg")
      && [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()));
  const found = {
    page: [page.scrollWidth, page.clientWidth],
    tables: [...document.querySelectorAll(".table-wrap")].map(e => [e.scrollWidth, e.clientWidth]),
    captions: [...document.querySelectorAll(".tables > figcaption, table caption")]
      .filter(e => e.getBoundingClientRect().height > 0).length,
    smallest: Math.min(...texts.map(e => parseFloat(getComputedStyle(e).fontSize))),
  };
  // The chart: where each text lies against the SVG's box, its size as rendered (the SVG scales
  // with the page), and the contrast of each text against what is under it, from the rendered
  // colours; and of each bar and swatch against the page.
  const svg = document.querySelector("figure.chart svg");
  const box = svg.getBoundingClientRect();
  const scale = box.width / svg.viewBox.baseVal.width;
  const rgb = c => c.match(/[\d.]+/g).slice(0, 3).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
      .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
  const ground = rgb(getComputedStyle(document.body).backgroundColor);
  const bars = [...svg.querySelectorAll("rect")];
  const under = t => {
    const r = t.getBoundingClientRect(), cx = r.left + r.width / 2, cy = r.top + r.height / 2;
    const bar = bars.find(b => { const q = b.getBoundingClientRect();
      return cx >= q.left && cx <= q.right && cy >= q.top && cy <= q.bottom; });
    return bar ? rgb(getComputedStyle(bar).fill) : ground;
  };
  const texts2 = [...svg.querySelectorAll("text")];
  found.chart = {
    texts: texts2.length,
    outside: texts2.filter(t => { const r = t.getBoundingClientRect();
      return r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5; })
      .map(t => t.textContent),
    smallestPx: Math.min(...texts2.map(t => parseFloat(getComputedStyle(t).fontSize) * scale)),
    textContrast: Math.min(...texts2.map(t => ratio(rgb(getComputedStyle(t).fill), under(t)))),
    barContrast: Math.min(...bars.map(b => ratio(rgb(getComputedStyle(b).fill), ground))),
    percentValues: texts2.filter(t => /^\d+(\.\d+)?%$/.test(t.textContent)).length,
    ticks: texts2.filter(t => /^(0|25|50|75|100)%$/.test(t.textContent)).map(t => t.textContent),
  };
  const out = document.createElement("pre");
  out.id = "measured";
  out.textContent = JSON.stringify(found);
  document.body.appendChild(out);
});
</script>"""


@pytest.mark.skipif(shutil.which("chromium") is None and not os.environ.get("CI"),
                    reason="needs Debian's chromium (make test installs it; in CI its absence is a failure)")
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_the_page_fits_a_desktop_a_tablet_and_a_phone(stack, lang, tmp_path):
    document = compose(stack, format="html", lang=lang)["content"]
    folder = str(tmp_path)
    page = os.path.join(folder, f"measure-{lang}.html")
    open(page, "w").write(document.replace("</body>", MEASURE + "</body>"))
    regions = 3
    for width in (1200, 768, 390, 320):
        dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                              f"--window-size={width},900", "--virtual-time-budget=3000", "--dump-dom",
                              f"file://{page}"], capture_output=True, text=True, timeout=120)
        assert dom.returncode == 0, dom.stderr
        found = json.loads(re.search(r'<pre id="measured">(.*?)</pre>', dom.stdout).group(1))
        scroll, client = found["page"]
        assert scroll <= client, (lang, width, "page", found)
        assert len(found["tables"]) == regions, found
        for scroll, client in found["tables"]:
            assert scroll <= client, (lang, width, "a table is wider than its box", found)
        assert found["captions"] == regions + 1, (lang, width, found)  # the measure's and each region's
        assert found["smallest"] >= 11, (lang, width, found)
        chart = found["chart"]
        assert chart["texts"] > 20 and chart["outside"] == [], (lang, width, chart)  # no label cut off
        assert chart["ticks"] == ["0%", "25%", "50%", "75%", "100%"], chart
        assert chart["percentValues"] >= 12, chart  # the values carry "%"
        assert chart["textContrast"] >= 4.5 and chart["barContrast"] >= 3, (lang, width, chart)
        if width >= 390:
            assert chart["smallestPx"] >= 11, (lang, width, chart)
