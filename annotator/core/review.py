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

from annotator.core.model import SPEAKER, DocStatus, Relation, Source, Span, SpanStatus, reading_order
from annotator.core.team import AnnotatorVersion

Key = tuple[int, int, str]

AUTO_REVIEWER = "majority"
"""The name the automatic review records its decisions under (a person's own edits keep theirs)."""


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


# ------------------------------------------------------------- settling by hand


@dataclass(frozen=True)
class Disagreement:
    """One place a person has to settle: overlapping open spans, or a quote's speaker.

    ``proposals`` maps each annotator to what they had there: span keys (for spans) or the
    speaker's key, None for no speaker (for a speaker disagreement).
    """

    kind: str  # "spans" or "speaker"
    start: int
    end: int
    keys: tuple[Key, ...]  # the open spans of the final version in this place (spans), or the quote (speaker)
    proposals: dict[str, tuple[Key, ...]]

    def take(self, annotator: str | None) -> tuple[set[Key], set[Key]]:
        """(keys to accept, keys to reject) to take ``annotator``'s version here; None takes neither."""
        chosen = set(self.proposals.get(annotator, ())) if annotator is not None else set()
        if self.kind == "speaker":
            return chosen, set()
        return chosen & set(self.keys), set(self.keys) - chosen


def disagreements(
    final_spans: Sequence[Span], final_relations: Sequence[Relation], versions: Sequence[AnnotatorVersion]
) -> list[Disagreement]:
    """The open places of a final version (after ``majority``), in text order, with each annotator's choice.

    Open spans that overlap form one place: "take A's" accepts what A accepted there and
    rejects the rest. An accepted quote with an open speaker link is a speaker place.
    """
    accepted = {v.annotator: {s.key for s in v.accepted()} for v in versions}
    speakers = {v.annotator: v.speakers() for v in versions}
    open_spans = sorted((s for s in final_spans if s.status is SpanStatus.SUGGESTED), key=reading_order)
    places: list[Disagreement] = []
    group: list[Span] = []
    group_end = -1

    def close() -> None:
        if group:
            keys = tuple(s.key for s in group)
            proposals = {name: tuple(k for k in keys if k in mine) for name, mine in accepted.items()}
            places.append(Disagreement("spans", group[0].start, max(s.end for s in group), keys, proposals))

    for span in open_spans:
        if span.start >= group_end:
            close()
            group, group_end = [], span.end
        group.append(span)
        group_end = max(group_end, span.end)
    close()
    decided = {s.key for s in final_spans if s.status is SpanStatus.ACCEPTED}
    for rel in final_relations:
        if rel.label == SPEAKER and rel.status is SpanStatus.SUGGESTED and rel.head in decided:
            said = {name: mine.get(rel.head) for name, mine in speakers.items()}
            proposals: dict[str, tuple[Key, ...]] = {
                name: () if actor is None else (actor,) for name, actor in said.items()
            }
            places.append(Disagreement("speaker", rel.head[0], rel.head[1], (rel.head,), proposals))
    places.sort(key=lambda d: (d.start, d.kind != "spans"))
    return places
