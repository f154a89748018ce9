"""Scraped boilerplate out of an article's text before it is stored (``import --clean``).

Works on whole lines and never edits inside one: a line is kept as it is or
removed, and every removed line is returned with its line number and the rule
that removed it, so the import can record it in the document's ``meta``
(nothing disappears silently). Cleaning runs before a text is stored, so no
span offset ever refers to the text before cleaning.

The rules, each named in what is recorded:

- ``repeated headline``: the headline (the first line, or the given title,
  without a `` - Site name`` or ``Section | `` part) again, as a line of its own;
- ``repeated line``: a line that the text already had (a gallery's captions, a
  pull quote, a section name) of eight words or more, or of four or more that
  is not a sentence (a short sentence said twice, as in a transcript, stays);
- ``advertisement``, ``share``, ``cookie``, ``newsletter``, ``navigation``,
  ``caption``, ``credits``, ``paywall``, ``copyright``: whole lines that are only that ("Advertisement",
  "Share this article", "We use cookies ...", "Image 1 of 23", "© 2019 ...");
- ``javascript``, ``bot check``, ``error page``: what a site shows instead of
  the article ("Please enable JavaScript", "Checking your browser", "Access
  Denied", "Page not found"), so that a page of nothing else is reported;
- ``comments``: from a comment box ("Leave a Comment", "12 comments", "Your
  email address will not be published") to the end, once the article has begun
  (a "Comments (123)" among share buttons, or in the first quarter of the text,
  is a link to the comments: that line alone goes, as ``share``);
- ``link list``: a "Most read" / "Related articles" / "More from ..." heading
  and the short lines after it, up to the next paragraph of prose;
- ``menu``: eight or more short lines (five words at most) in a row, blank
  lines aside.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

CLEAN_VERSION = 1
"""Recorded in ``meta["clean"]``: which rules cleaned a text."""


@dataclass(frozen=True)
class Removed:
    """A line that cleaning took out: its number in the text as read (from 1), text and rule."""

    line: int
    text: str
    rule: str


@dataclass(frozen=True)
class Cleaned:
    text: str
    removed: tuple[Removed, ...]

    def meta(self) -> dict[str, Any]:
        """What goes into the document's ``meta["clean"]``: the rules' version and each removed line."""
        return {
            "version": CLEAN_VERSION,
            "removed": [{"line": r.line, "rule": r.rule, "text": r.text} for r in self.removed],
        }


def _lines(*patterns: str) -> re.Pattern[str]:
    return re.compile("^(?:" + "|".join(patterns) + r")[.:!]?$", re.IGNORECASE)


_SOCIAL = r"facebook|twitter|x|instagram|linkedin|whatsapp|reddit|pinterest|telegram|flipboard|youtube|tiktok|rss|email"
# Whole lines (matched on the line with its spaces collapsed) that are boilerplate wherever they stand.
_LINE_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("advertisement", _lines(
        r"-* ?(?:advertisement|advertisements|advertising|anzeige|werbung|ad|ads|sponsored|sponsored content"
        r"|paid content|promoted|promoted content) ?-*",
        r"(?:story|article) continues (?:below|after) (?:this )?(?:advertisement|ad)",
        r"continue reading(?: the main story| below)?", r"scroll to continue(?: with content)?",
        r"advertise with us", r"supported by",
    )),
    ("share", _lines(
        r"(?:share|tweet|pin it|print|e-?mail|copy link|link copied|comment|save|"
        + _SOCIAL + r")(?:[\s|•·,/]+(?:share|tweet|pin it|print|e-?mail|copy link|comment|save|" + _SOCIAL + r"))*",
        r"share (?:this|the) (?:article|story|post|page|on \w+)", r"share (?:on|via) \w+(?: \w+)?",
        r"(?:seite|artikel) teilen",
        r"follow (?:us|[\w.'&-]+(?: [\w.'&-]+){0,5}) on (?:" + _SOCIAL + r")(?:\W.{0,80})?",
    )),
    ("newsletter", _lines(
        r"(?:sign up|subscribe)(?: now| today| here)?(?: (?:to|for) (?:our|the) .{0,40}newsletters?)?",
        r"newsletters?(?: sign-?up)?", r"subscribe(?: now)? ?(?:/ )?sign in", r"sign in|log in|log out|register",
        r"get (?:our|the) .{0,40}newsletter.{0,60}", r"support independent journalism", r"contribute",
    )),
    ("navigation", _lines(
        r"skip to (?:main )?content(?: skip to site index)?", r"skip to (?:site )?(?:index|navigation|footer)",
        r"back to top ?«?", r"return to top", r"logo return to top", r"go to home page ?»?", r"menu(?: sections)?",
        r"search(?: icon)?", r"home", r"read more", r"see more", r"show more", r"load more", r"more",
        r"\.\.\. ?more", r"less", r"close", r"open", r"previous|next|zurück|weiter|vorheriges",
        r"(?:view|show|hide|see) (?:all )?comments?(?: \(\d+\))?",
    )),
    ("caption", _lines(
        r"(?:image|photo|picture|slide) \d+ of(?: /)? \d+", r"\d+ ?/ ?\d+", r"back to gallery", r"caption",
        r"(?:photo|image|picture|foto|bild)(?: credit)?s?: .{1,80}", r"credits?(?::|\.{2,3}|…) ?.{1,60}",
        r"(?:view|open|see) (?:the )?(?:gallery|slideshow|photos)", r"above: .{1,200}",
        r".{10,400}[.!?] less", r".{10,400}\.\.\. ?more",  # a caption's "show less" / "... more" toggles
    )),
    ("credits", _lines(r"\((?:additional )?(?:reporting|writing|editing) by .{1,300}\)")),
    ("paywall", _lines(
        r"to read the full (?:story|article)", r"subscribe to (?:continue|keep) reading",
        r"already a subscriber\?.{0,40}",
        r"this (?:article|content|story) is (?:only )?(?:available|for|reserved for) (?:to )?(?:subscribers|members)"
        r".{0,80}",
    )),
    # What a site shows a program instead of the article: a script's placeholder, a bot check, an error page.
    ("javascript", _lines(
        r"(?:please |you (?:need|have|must) to |you must )?(?:enable|turn on|activate|allow) javascript.{0,100}",
        r"javascript is (?:disabled|required|not enabled|turned off).{0,100}", r"loading(?:\.{3}|…)?",
        r"this (?:site|page|website|app) (?:requires|needs|works best with) javascript.{0,100}",
    )),
    ("bot check", _lines(
        r"checking (?:if the site connection is secure|your browser).{0,80}", r"just a moment(?:\.{3}|…)?",
        r"(?:please )?verify (?:that )?you are (?:a )?human.{0,60}", r"are you a robot\?",
        r"this process is automatic\..{0,120}", r"please allow up to \d+ seconds.{0,10}",
        r"access to this page has been denied.{0,200}",
        r"please (?:complete the security check|solve the captcha).{0,80}",
        r"(?:cloudflare )?ray id:? ?[\w.-]+", r"enable cookies.{0,80}",
    )),
    ("error page", _lines(
        r"(?:error )?(?:404|403|410|500|503)(?: error)?(?: -)?(?: page)? ?(?:not found|forbidden|gone)?",
        r"(?:page|article|story|file) not found", r"access denied", r"forbidden", r"not found",
        r"(?:sorry, |oops[.!,]? )?(?:the|this) page you (?:are|were|'re) looking for .{0,120}",
        r"you don'?t have permission to access .{0,120}", r"(?:the )?requested url .{0,100} was not found.{0,60}",
        r"(?:reference #|reference number:? ?)[\w.-]+",
    )),
    ("copyright", _lines(
        r"(?:©|\(c\)|copyright ©|copyright \(c\)|copyright \d{4}).{0,160}", r".{0,160}all rights reserved.{0,60}",
        r"privacy(?: policy| notice)?|cookie policy|terms of (?:use|service|sale)|your ad choices|impressum",
    )),
)

_COOKIE_WORD = re.compile(r"\bcookies?\b|\bconsent\b|\bdatenschutz", re.IGNORECASE)
_COOKIE_CONTEXT = re.compile(
    r"\b(?:accept|agree|allow|reject|decline|manage|settings|preferences|polic(?:y|ies)|partners|personali[sz]"
    r"|tracking|uses?|store|einstellungen|akzeptieren|zustimmen|verwenden)",
    re.IGNORECASE,
)
# A consent banner speaks to the reader ("we use cookies", "you agree"); news about cookies does not,
# and reports what someone said ("regulators said you can reject cookies").
_COOKIE_READER = re.compile(r"\b(?:we|you|your|our|us|wir|sie|ihre?)\b", re.IGNORECASE)
_REPORTED = re.compile(r"\b(?:said|says|told|according to|sagte|sagt)\b", re.IGNORECASE)
_COOKIE_BUTTON = _lines(
    r"(?:accept|allow|reject|decline|deny)(?: all| necessary| essential)?(?: cookies)?",
    r"i agree|agree|ok(?:ay)?,? got it|got it",
    r"manage (?:preferences|settings|options|cookies)", r"cookie (?:settings|preferences|policy)",
    r"alle akzeptieren|akzeptieren|ablehnen|einstellungen",
)

# A comment box: everything from here to the end is comments, not the article.
_COMMENTS = _lines(
    r"leave a (?:comment|reply)", r"\d+ (?:comments?|responses?|replies)", r"comments?(?: \(\d+\))?",
    r"(?:add|post|write|submit) (?:a |your )?(?:comment|reply)", r"join the (?:discussion|conversation)",
    r"no comments(?: yet)?\b.{0,80}", r"comments are closed", r"kommentare?(?: \(\d+\))?",
    r"your email address will not be published.{0,80}", r"required fields are marked.{0,10}",
    r"(?:what do you think|have your say)\??",
)
# A heading of a list of links to other articles: it and the short lines after it go.
_LINK_LIST = _lines(
    r"most (?:popular|read|viewed|shared|emailed|commented)(?: (?:articles|stories|videos|news|now|today))?",
    r"related(?: articles| stories| news| content| coverage| posts| topics| links)?",
    r"recommended(?: for you| articles| stories| reading)?", r"you (?:may|might) also (?:like|be interested in)",
    r"more (?:from|on|in|stories|articles|news|videos)\b.{0,50}", r"read (?:next|also)", r"further reading",
    r"see also", r"(?:trending|popular)(?: now| stories| articles| on .{1,30})?", r"top stories",
    r"latest (?:news|stories|articles|videos)", r"editor'?s picks", r"around the web", r"from our partners",
    r"upcoming events", r"site index", r"site information navigation", r"helpful links", r"channels",
    r"tags?", r"topics?", r"mehr zum thema", r"das könnte sie auch interessieren",
)

_BUTTONS = frozenset({"share", "navigation", "newsletter"})
_COMMENTS_FROM = 0.25  # a comment box ends a page: a "Comments" line in the first quarter is only a link to it
_HEADING_WORDS = 7  # "More from the count: turnout was 59.7 percent" is a sentence, not a list's heading
_MENU_RUN = 8
_MENU_WORDS = 5
_MENU_CHARS = 50
_PROSE_CHARS = 120
_PROSE_WORDS = 8
# A number standing alone ("SNP: 9 seats", "July 4: polling day"), not a year or part of a name ("Big3"):
# a line with one is a row of a table in the article, not a menu item.
_FIGURE = re.compile(r"(?<![\w.,])(?!(?:19|20)\d\d(?![\w.,]))\d[\d.,]*(?!\w)")
_SENTENCE_END = re.compile(r"[.!?…:;\"”’)»]$")
_AFFIX = re.compile(r"\s+[|–—-]\s+|\s*:\s+")


def _key(line: str) -> str:
    return " ".join(line.split()).casefold()


def _is_prose(key: str) -> bool:
    """A paragraph of the article: long, or a sentence of several words."""
    return len(key) >= _PROSE_CHARS or (len(key.split()) >= _PROSE_WORDS and bool(_SENTENCE_END.search(key)))


def _repeats_page_furniture(key: str) -> bool:
    """Whether a line the text already had goes: a caption, pull quote or section name a page repeats.

    A short sentence is kept, however often it comes: an answer in a transcript ("A: I don't
    remember that."), a chant or a refrain is the article's.
    """
    words = len(key.split())
    return words >= _PROSE_WORDS or (words >= 4 and not _SENTENCE_END.search(key))


def _headline_keys(first: str) -> set[str]:
    """The headline and its parts without a site name or section (``Title - Site``, ``Section | Title``)."""
    keys = {first}
    for part in _AFFIX.split(first):
        if len(part.split()) >= 3:
            keys.add(part)
    return keys


# What a page of nothing but one kind of boilerplate most likely is (the message for a page with no article).
PAGE_KINDS = {
    "cookie": "a cookie or consent wall", "paywall": "a paywall", "newsletter": "a sign-in or sign-up page",
    "javascript": "a page its scripts fill in", "bot check": "a bot check", "error page": "an error page",
}


def boilerplate_rule(line: str) -> str | None:
    """The rule that finds ``line`` boilerplate wherever it stands ("cookie", "share", ...), or None."""
    return _line_rule(_key(line))


def _line_rule(key: str) -> str | None:
    if len(key) > 400:
        return None
    for rule, pattern in _LINE_RULES:
        if pattern.match(key):
            return rule
    if _COOKIE_BUTTON.match(key) or (
        _COOKIE_WORD.search(key) and _COOKIE_CONTEXT.search(key)
        and (len(key.split()) <= 8 or _COOKIE_READER.search(key))  # a banner's links, or words to the reader
        and not _REPORTED.search(key)
    ):
        return "cookie"
    return None


def clean_text(text: str, *, title: str | None = None) -> Cleaned:
    """``text`` without the boilerplate lines the rules find (see the module docstring).

    Blank lines left next to each other by a removal collapse to one, and the
    text is trimmed of blank lines at both ends; no line is otherwise changed.
    """
    lines = text.split("\n")
    keys = [_key(line) for line in lines]
    why: dict[int, str] = {}
    filled = [i for i, k in enumerate(keys) if k]
    if not filled:
        return Cleaned(text, ())

    # Lines that are boilerplate wherever they stand.
    for i in filled:
        rule = _line_rule(keys[i])
        if rule:
            why[i] = rule

    # The headline again near the top (scrapers often take it from <title> and from <h1>).
    first = filled[0]
    heads = _headline_keys(keys[first]) | (_headline_keys(_key(title)) if title and title.strip() else set())
    heads = {h for h in heads if len(h.split()) >= 3}
    seen: set[str] = set()
    for i in filled[1:]:
        if i in why:
            continue
        if keys[i] in heads:
            why[i] = "repeated headline"
        elif keys[i] in seen and _repeats_page_furniture(keys[i]):
            why[i] = "repeated line"  # galleries and pull quotes repeat lines of the page
        seen.add(keys[i])

    # Comment boxes (to the end) and link lists (to the next prose), once the article has begun.
    offsets = [0] * len(lines)  # where each line starts in the text
    for n in range(1, len(lines)):
        offsets[n] = offsets[n - 1] + len(lines[n - 1]) + 1
    started = False
    i = 0
    while i < len(lines):
        key = keys[i]
        if not key:
            i += 1
            continue
        if started and i not in why and _COMMENTS.match(key):
            if _is_button(keys, why, i) or offsets[i] < len(text) * _COMMENTS_FROM:
                why[i] = "share"  # "Comments (123)" in a share bar, or a link to comments far below: the line alone
                i += 1
                continue
            for j in range(i, len(lines)):
                if keys[j]:
                    why.setdefault(j, "comments")
            break
        if started and _LINK_LIST.match(key) and len(key.split()) <= _HEADING_WORDS:
            why[i] = "link list"
            j = i + 1
            while j < len(lines) and not _is_prose(keys[j]):
                if keys[j]:
                    if _COMMENTS.match(keys[j]):
                        break
                    why.setdefault(j, "link list")
                j += 1
            i = j
            continue
        if i not in why and _is_prose(key):
            started = True
        i += 1

    _mark_menus(keys, why)

    kept: list[str] = []
    for i, line in enumerate(lines):
        if i in why:
            continue
        if not keys[i] and kept and not kept[-1].strip():
            continue  # one blank line between what remains
        kept.append("" if not keys[i] else line)
    while kept and not kept[-1].strip():
        kept.pop()
    while kept and not kept[0].strip():
        kept.pop(0)
    removed = tuple(Removed(i + 1, lines[i], why[i]) for i in sorted(why))
    if not removed and "\n".join(kept) == text:
        return Cleaned(text, ())
    return Cleaned("\n".join(kept), removed)


def _is_button(keys: Sequence[str], why: dict[int, str], i: int) -> bool:
    """Whether line ``i`` stands in a bar of buttons: the nearest line before or after it is one."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(keys) and not keys[j]:
            j += step
        if 0 <= j < len(keys) and why.get(j) in _BUTTONS:
            return True
    return False


def _mark_menus(keys: Sequence[str], why: dict[int, str]) -> None:
    """Runs of short lines with no prose between them (blank lines do not break a run): site menus."""
    run: list[int] = []

    def close() -> None:
        if len(run) >= _MENU_RUN:
            for j in run:
                why.setdefault(j, "menu")
        run.clear()

    for i, key in enumerate(keys):
        if not key:
            continue
        if _FIGURE.search(key) and i not in why:
            continue  # a table's row ("SNP: 9 seats"), not a menu item; it neither counts nor ends a run
        if i in why or (len(key.split()) <= _MENU_WORDS and len(key) <= _MENU_CHARS):
            if i not in why:
                run.append(i)
            continue
        close()
    close()
