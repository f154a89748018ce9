"""Settling what a majority agrees on: the reviewer's final version built from annotators' versions.

A span (start, end, label) that more than half of the annotators who finished the document
accepted is accepted; one that more than half did not accept is rejected (kept, marked
rejected, so the decision shows); a tie stays an open suggestion for a person to settle.
A quote's speaker is settled the same way among all the annotators; otherwise the speaker
most of them chose is left as a suggestion. The document is done when nothing is left open.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from annotator.core.model import SPEAKER, DocStatus, Relation, Source, Span, SpanStatus
from annotator.core.team import AnnotatorVersion

Key = tuple[int, int, str]


@dataclass
class ReviewOutcome:
    spans: list[Span] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    open_items: int = 0  # spans and speaker links left for a person

    @property
    def status(self) -> DocStatus:
        return DocStatus.IN_PROGRESS if self.open_items else DocStatus.DONE


def majority(versions: Sequence[AnnotatorVersion], reviewer: str) -> ReviewOutcome:
    """The final version of one document from the finished versions of its annotators.

    One version alone is its own majority: a document only one person annotated is taken as they left it.
    """
    n = len(versions)
    if not n:
        raise ValueError("a majority needs at least one annotator's version")
    outcome = ReviewOutcome()
    votes: dict[Key, list[tuple[str, Span]]] = {}
    for version in versions:
        for span in version.accepted():
            votes.setdefault(span.key, []).append((version.annotator, span))
    status_of: dict[Key, SpanStatus] = {}
    for key in sorted(votes, key=lambda k: (k[0], -k[1], k[2])):
        voters = votes[key]
        names = ", ".join(sorted(name for name, _ in voters))
        kinds = Counter(s.kind for _, s in voters)
        if 2 * len(voters) > n:
            status, who = SpanStatus.ACCEPTED, reviewer
        elif 2 * (n - len(voters)) > n:
            status, who = SpanStatus.REJECTED, reviewer
        else:
            status, who = SpanStatus.SUGGESTED, None
            outcome.open_items += 1
        status_of[key] = status
        outcome.spans.append(
            Span(
                key[0], key[1], key[2], status=status, source=Source.ANNOTATOR, source_name=names,
                annotator=who, kind=kinds.most_common(1)[0][0],
            )
        )
    speakers = [v.speakers() for v in versions]
    for quote, status in status_of.items():
        if quote[2] != "QUOTE" or status is SpanStatus.REJECTED:
            continue
        chosen = Counter(s.get(quote) for s in speakers)  # None: no link (or quote not found)
        linked = [(actor, k) for actor, k in chosen.most_common() if actor is not None]
        top, top_votes = chosen.most_common(1)[0]
        if status is SpanStatus.ACCEPTED and 2 * top_votes > n:
            if top is None:
                continue  # a majority gave no speaker
            if status_of.get(top) is SpanStatus.ACCEPTED:
                outcome.relations.append(_link(quote, top, SpanStatus.ACCEPTED, reviewer, speakers, versions))
                continue
        if not linked:
            continue
        actor = next((a for a, _ in linked if status_of.get(a) is not SpanStatus.REJECTED), None)
        if actor is None:
            continue
        outcome.relations.append(_link(quote, actor, SpanStatus.SUGGESTED, None, speakers, versions))
        if status is SpanStatus.ACCEPTED:
            outcome.open_items += 1
    return outcome


def _link(
    quote: Key, actor: Key, status: SpanStatus, who: str | None,
    speakers: list[dict[Key, Key]], versions: Sequence[AnnotatorVersion],
) -> Relation:
    names = ", ".join(sorted(v.annotator for v, s in zip(versions, speakers, strict=True) if s.get(quote) == actor))
    return Relation(quote, actor, SPEAKER, status=status, source=Source.ANNOTATOR, source_name=names, annotator=who)
