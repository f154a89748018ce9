"""Web pages in: .html/.htm files and folders, WARC archives; the article only, never markup.

tests/data/pages/creativecommons.at.faircoin.html is a real page saved in trafilatura's
test set (https://github.com/adbar/trafilatura, Apache-2.0; the text is creativecommons.at's),
with the stylesheet and script tags of its <head> removed.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from annotator.cli import main
from annotator.io.html import NoArticle, extract_page
from annotator.io.importer import import_paths
from annotator.store import Store

PAGES = Path(__file__).resolve().parent / "data" / "pages"
FAIRCOIN = PAGES / "creativecommons.at.faircoin.html"
PARAGRAPHS = (
    "Im Aktivitätsfeld Social Design engagiert sich fairkom für die Kryptowährung FairCoin.",
    "Wir waren massgeblich am Relaunch des Erscheinungsbildes beteiligt,",
    "Mittlerweile gibt es an unserem know-how zum Thema Blockchain reges Interesse.",
)
COOKIE_WALL = """<!DOCTYPE html><html lang="en"><head><title>Before you continue</title></head><body>
<div class="consent"><h2>We value your privacy</h2>
<p>We and our partners use cookies and similar technologies to store and access information on your device,
to personalise ads and content and to measure audiences. By clicking "Accept all" you agree to this.</p>
<button>Accept all</button> <button>Reject all</button> <a href="/privacy">Privacy policy</a>
<a href="/cookies">Manage cookies</a></div></body></html>"""
ARTICLE = """<!DOCTYPE html><html><head><title>Floods close the coast road - The Harbour Gazette</title>
<meta name="author" content="Ana Ruiz"><meta property="article:published_time" content="2024-03-05">
<link rel="canonical" href="https://gazette.example/floods"></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Floods close the coast road</h1>
<p>Heavy rain closed the coast road on Tuesday, the county said, and 40 families left their homes.</p>
<p>“We have never seen the river this high,” said Tom Hale, who has farmed there for 30 years.</p>
<p>Engineers expect the road to reopen by the weekend if the rain stops, a spokesperson said.</p>
</article><footer>© 2024 The Harbour Gazette</footer></body></html>"""


def documents(store: Store) -> list:  # type: ignore[type-arg]
    return [store.get_document(s.id) for s in store.list_documents()]


def test_a_real_saved_page_gives_its_article_as_paragraphs_with_metadata(store: Store) -> None:
    report = import_paths(store, [FAIRCOIN])
    assert report.ok and report.added == 1
    [doc] = documents(store)
    assert doc.title == "FairCoin hackathon beim Sommercamp"
    assert doc.source == FAIRCOIN.name
    assert doc.meta["author"] == "Rasos" and doc.meta["date"] == "2017-07-24"
    assert doc.meta["extracted_by"].startswith("trafilatura ")
    paragraphs = doc.text.split("\n\n")
    for start in PARAGRAPHS:  # each paragraph of the page is one paragraph of the article
        assert sum(p.startswith(start) for p in paragraphs) == 1, start
    for markup in ("<", ">", "&amp;", "field-item", "colorbox", "Suchformular"):
        assert markup not in doc.text
    assert "Impressum" not in doc.text and "Seite teilen" not in doc.text  # footer menu and share box left out


def test_title_author_date_site_and_url_go_into_meta() -> None:
    page = extract_page(ARTICLE.encode("utf-8"), url="https://gazette.example/floods")
    assert page.title == "Floods close the coast road"
    assert page.meta["author"] == "Ana Ruiz"
    assert page.meta["date"] == "2024-03-05"
    assert page.meta["url"] == "https://gazette.example/floods"
    assert page.meta["site"]
    assert page.text.split("\n\n")[-3:] == [
        "Heavy rain closed the coast road on Tuesday, the county said, and 40 families left their homes.",
        "“We have never seen the river this high,” said Tom Hale, who has farmed there for 30 years.",
        "Engineers expect the road to reopen by the weekend if the rain stops, a spokesperson said.",
    ]
    assert "Home" not in page.text.split("\n\n")


def test_a_folder_of_pages_and_texts_is_imported_and_a_cookie_wall_is_reported(tmp_path: Path, store: Store) -> None:
    folder = tmp_path / "scraped"
    (folder / "2024").mkdir(parents=True)
    shutil.copy(FAIRCOIN, folder / "faircoin.html")
    (folder / "2024" / "floods.HTM").write_text(ARTICLE, encoding="utf-8")
    (folder / "consent.html").write_text(COOKIE_WALL, encoding="utf-8")
    (folder / "note.txt").write_text("A plain article\n\nIt has one paragraph.\n", encoding="utf-8")
    report = import_paths(store, [folder])
    assert report.added == 3 and report.files == 4
    [rejection] = report.rejected
    assert rejection.file == str(folder / "consent.html") and rejection.line is None
    assert str(rejection).startswith(f"{folder / 'consent.html'}: no article text, only boilerplate (")
    assert "cookie" in rejection.reason
    assert {d.source for d in documents(store)} == {"faircoin.html", "2024/floods.HTM", "note.txt"}


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "empty page"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not an HTML page"),
    (b"<html><body><div id='app'></div><script>render()</script></body></html>", "no article text found"),
    (COOKIE_WALL.encode("utf-8"), "no article text, only boilerplate"),
])
def test_a_page_without_article_text_is_refused_with_the_reason(content: bytes, reason: str) -> None:
    with pytest.raises(NoArticle, match=reason):
        extract_page(content)


def test_cli_reports_a_page_without_article_as_file_reason_and_imports_the_rest(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wall = tmp_path / "wall.html"
    wall.write_text(COOKIE_WALL, encoding="utf-8")
    good = tmp_path / "floods.html"
    good.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "a.db"
    assert main(["--db", str(db), "import", str(wall), str(good)]) == 1
    out, err = capsys.readouterr()
    [line] = err.splitlines()
    assert line.startswith(f"{wall}: no article text, only boilerplate (cookie")
    assert line.endswith("): a cookie or consent wall?")
    assert "1 added" in out
    with Store.open(db) as store:
        assert [d.title for d in documents(store)] == ["Floods close the coast road"]


def _warc(path: Path, records: list[tuple[str, str, bytes]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=path.suffix == ".gz")
        for url, ctype, body in records:
            status = "404 Not Found" if url.endswith("/gone") else "200 OK"
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def test_a_warc_archive_gives_one_article_per_html_response(tmp_path: Path, store: Store) -> None:
    archive = tmp_path / "crawl.warc.gz"
    _warc(archive, [
        ("https://gazette.example/floods", "text/html; charset=utf-8", ARTICLE.encode("utf-8")),
        ("https://gazette.example/logo.png", "image/png", b"\x89PNG"),
        ("https://gazette.example/consent", "text/html", COOKIE_WALL.encode("utf-8")),
        ("https://gazette.example/gone", "text/html", b"<html><body>Not found</body></html>"),
        ("https://www.creativecommons.at/faircoin-hackathon", "text/html", FAIRCOIN.read_bytes()),
    ])
    report = import_paths(store, [archive])
    assert report.added == 2
    assert [str(r) for r in report.rejected] == [
        f"{archive}: record 3 (https://gazette.example/consent): no article text, only boilerplate"
        " (cookie): a cookie or consent wall?",
        f"{archive}: record 4 (https://gazette.example/gone): HTTP status 404, not a page",
    ]
    docs = {d.source: d for d in documents(store)}
    assert set(docs) == {"https://gazette.example/floods", "https://www.creativecommons.at/faircoin-hackathon"}
    assert docs["https://gazette.example/floods"].meta["url"] == "https://gazette.example/floods"


def test_a_file_named_warc_that_is_not_one_is_refused(tmp_path: Path, store: Store) -> None:
    fake = tmp_path / "fake.warc"
    fake.write_text("this is not an archive\n", encoding="utf-8")
    report = import_paths(store, [fake])
    [rejection] = report.rejected
    assert rejection.file == str(fake) and rejection.reason.startswith("not a WARC file")


def test_a_page_in_a_legacy_charset_is_read_as_it_declares() -> None:
    html = ('<html><head><meta charset="windows-1252"><title>Caf\xe9 closes</title></head><body><article>'
            "<h1>Caf\xe9 closes</h1><p>The caf\xe9 on the square closed on Monday after 40 years, its owner said"
            " \x93with a heavy heart\x94.</p><p>Regulars gathered outside to say goodbye to the staff, who had"
            " served them for decades.</p></article></body></html>").encode("latin-1")
    page = extract_page(html)
    assert page.title == "Café closes"
    assert "its owner said “with a heavy heart”." in page.text
