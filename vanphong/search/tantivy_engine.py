"""The embedded search engine: a Tantivy index in a folder on local disk.

Tantivy ranks by BM25 with block-max pruning, so the first page of a broad query costs
about the same at ten hits or eight hundred thousand; filters, the user's scope and
facets run on columnar "fast" fields. Text is indexed already cut by `search.text`
(syllables joined by spaces), each text twice: as written and folded. The documents whose
code is the code typed, however it was typed, come before every other hit (`_exact_code`).
One process writes at a time (Tantivy's own lock file); any number read.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import re
import shutil
import threading
import zlib
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import tantivy

from vanphong.search.engine import (
    FACETS,
    Clause,
    EngineBusy,
    Entry,
    Hit,
    Request,
    Response,
    Scope,
)
from vanphong.search.text import Query, Word, indexed
from vanphong.vietnamese import bare_code, without_year

#: Bump when the schema changes: an index of another version is rebuilt empty (and the
#: start-up checks ask for `manage.py search_reindex`).
VERSION = "6"
WRITER_HEAP = 96_000_000
_TEXT = ("kind", "status", "type", "issuer", "signer")
_NUMBERS = ("office", "organization", "register", "unit", "secrecy", "urgency", "year", "day")
#: Each document's place in a fixed pseudo-random order (0 .. _SAMPLES - 1), so that a
#: share of any result set can be taken cheaply (facets of very broad queries).
_SAMPLES = 1024
#: Where text is kept. Every word must be in "text" (subject, identification and content
#: together, folded: one posting list per word, so matching is one intersection); the rest
#: only adds to the score of documents already found.
_TEXT_FIELDS = (
    ("text_folded", "position"),
    ("subject_folded", "position"),
    ("subject_exact", "freq"),
    #: Each two syllables side by side, folded, as one term ("chuyen_doi doi_so"): most
    #: Vietnamese words are two syllables, so a pair is rare where each syllable is common —
    #: phrases and closeness are looked up here first instead of in positions of millions.
    ("pairs", "freq"),
)
#: What a word found in the subject adds, beyond its match in the whole text (every extra
#: place scored costs a posting-list walk per word over every hit: at a million documents
#: a five-word query with the identification and content places scored too took a third
#: longer, benchmarks.md "third round").
_BONUS = (("subject_folded", 2.0),)
#: ... and written in the subject with the same marks as typed ("bán" is not "bàn").
_EXACT_BONUS = (("subject_exact", 2.0),)
#: Syllables typed side by side, found side by side (a pair of them in the text).
_CLOSE_PAIR = 3.0
_CODE_BOOST = 20.0
#: Documents whose code is the code typed come before every other hit (up to this many:
#: more share a code only in a huge office; those are then ranked with the rest), with a
#: score above any text's, decreasing with their place.
_EXACT_LIMIT = 200
_EXACT_SCORE = 10_000.0
_FACET_SIZE = 30
#: Facets are counted exactly up to this many hits; above it, on a sample of about this
#: many, scaled up and shown as estimates (the cost of counting grows with the hits).
FACET_EXACT_LIMIT = 20_000


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("key", stored=True, tokenizer_name="raw")
    builder.add_text_field("code", tokenizer_name="raw")
    builder.add_text_field("code_bare", stored=True, tokenizer_name="raw")
    builder.add_text_field("access", tokenizer_name="raw", index_option="basic")
    for name in _TEXT:
        builder.add_text_field(name, tokenizer_name="raw", fast=True)
    for name in _NUMBERS:
        builder.add_unsigned_field(name, stored=name == "year", indexed=True, fast=True)
    builder.add_unsigned_field("sample", indexed=True, fast=True)
    for name, option in _TEXT_FIELDS:
        builder.add_text_field(name, tokenizer_name="whitespace", index_option=option)
    return builder.build()


class TantivyEngine:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.schema = _schema()
        self._lock = threading.Lock()
        self.index = self._open()

    def _open(self) -> tantivy.Index:
        stamp = self.path / "VERSION"
        if self.path.exists() and (not stamp.exists() or stamp.read_text().strip() != VERSION):
            shutil.rmtree(self.path)
        self.path.mkdir(parents=True, exist_ok=True)
        index = tantivy.Index(self.schema, path=str(self.path), reuse=True)
        stamp.write_text(VERSION)
        return index

    # --- writing ---

    def apply(self, upserts: Sequence[Entry], deletes: Sequence[str]) -> None:
        with self._lock:
            writer = self._writer()
            for key in [*deletes, *(entry.key for entry in upserts)]:
                writer.delete_documents_by_term("key", key)
            for entry in upserts:
                writer.add_document(_document(entry))
            writer.commit()
            writer.wait_merging_threads()

    @contextlib.contextmanager
    def bulk(self) -> Iterator[Callable[[Sequence[Entry]], None]]:
        """One writer for a long run of batches (the reindex): each batch is committed, so
        a stopped run resumes after it, but segments merge in the background meanwhile,
        waited for once at the end — not after every batch."""
        with self._lock:
            writer = self._writer()

            def add(entries: Sequence[Entry]) -> None:
                for entry in entries:
                    writer.delete_documents_by_term("key", entry.key)
                for entry in entries:
                    writer.add_document(_document(entry))
                writer.commit()

            try:
                yield add
            finally:
                writer.wait_merging_threads()

    def clear(self) -> None:
        with self._lock:
            writer = self._writer()
            writer.delete_all_documents()
            writer.commit()
            writer.wait_merging_threads()

    def _writer(self) -> Any:
        try:
            return self.index.writer(heap_size=WRITER_HEAP, num_threads=1)
        except ValueError as exc:  # Tantivy's lock file: another process writes
            raise EngineBusy(str(exc)) from exc

    # --- reading ---

    def count(self) -> int:
        self.index.reload()
        return int(self.index.searcher().num_docs)

    def search(self, request: Request) -> Response:
        self.index.reload()
        searcher = self.index.searcher()
        query = self._query(request)
        hits, total = self._hits(searcher, query, request)
        if not request.facets:
            return Response(hits=hits, total=total, facets={})
        if total <= FACET_EXACT_LIMIT:
            return Response(hits=hits, total=total, facets=self._facets(searcher, query))
        share = max(1, -(-_SAMPLES * FACET_EXACT_LIMIT // total))  # samples to read, rounded up
        sample = tantivy.Query.range_query(
            self.schema, "sample", tantivy.FieldType.Unsigned, 0, share - 1
        )
        sampled = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, query), (tantivy.Occur.Must, sample)]
        )
        facets = self._facets(searcher, sampled)
        seen = sum(count for _, count in facets["kind"])  # every document has one kind
        scale = total / seen if seen else 0.0
        estimated = {
            name: [(value, max(1, round(count * scale))) for value, count in buckets]
            for name, buckets in facets.items()
        }
        return Response(hits=hits, total=total, facets=estimated, facets_estimated=True)

    def _hits(self, searcher: Any, query: Any, request: Request) -> tuple[list[Hit], int]:
        """The page asked for and the number of hits: ranked, the documents whose code is
        the code typed first (`_exact_code`), then the rest by score; or all by date."""
        by_date = request.sort == "date" or request.query.empty
        first = [] if by_date else self._exact_code(searcher, request)
        shown = first[request.offset:request.offset + request.limit]
        rest = self._excluding(query, first) if first else query
        offset, limit = max(0, request.offset - len(first)), max(1, request.limit - len(shown))
        if by_date:
            found = searcher.search(
                rest, limit, count=True, order_by_field="day",
                offset=offset, order=tantivy.Order.Desc,
            )
        else:
            found = searcher.search(rest, limit, count=True, offset=offset)
        hits = [Hit(key=key, score=_EXACT_SCORE - request.offset - place)
                for place, key in enumerate(shown)]
        hits += [
            Hit(key=searcher.doc(address)["key"][0], score=float(score))
            for score, address in found.hits[: request.limit - len(shown)]
        ]
        return hits, len(first) + int(getattr(found, "count", None) or 0)

    def _facets(self, searcher: Any, query: Any) -> dict[str, list[tuple[str, int]]]:
        spec = {name: {"terms": {"field": name, "size": _FACET_SIZE}} for name in FACETS}
        result = searcher.aggregate(query, spec)
        return {
            name: [(str(b["key"]), int(b["doc_count"])) for b in result[name]["buckets"]]
            for name in FACETS
        }

    # --- queries ---

    def _exact_code(self, searcher: Any, request: Request) -> list[str]:
        """The keys of the documents whose code is the code typed, however it was typed
        (`Query.exact_codes`): the longest reading of what was typed first ("so 291 qd
        ubdt" is 291/QĐ-UBDT before 291/QĐ), then those of the year typed, then the newest."""
        codes = request.query.exact_codes
        if not codes:
            return []
        wanted = _any([self._term("code_bare", code, 1.0) for code in codes])
        query = tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, q) for q in [*self._within(request), wanted]]
        )
        found = searcher.search(
            query, _EXACT_LIMIT, count=False, order_by_field="day", order=tantivy.Order.Desc
        )
        documents = [searcher.doc(address) for _, address in found.hits]
        reading = {code: place for place, code in enumerate(codes)}
        documents.sort(  # stable: the newest first within each
            key=lambda d: (reading[d["code_bare"][0]], d["year"][0] != request.query.code_year)
        )
        return [d["key"][0] for d in documents]

    def _excluding(self, query: Any, keys: list[str]) -> Any:
        clauses = [(tantivy.Occur.Must, query)]
        clauses += [(tantivy.Occur.MustNot, self._term("key", key, 1.0)) for key in keys]
        return tantivy.Query.boolean_query(clauses)

    def _within(self, request: Request) -> list[Any]:
        """The user's scope, the filters and the dates: what every hit must be in."""
        must = [_silent(self._scope(request.scope))]
        must += [_silent(self._clause(clause)) for clause in request.filters]
        dates = self._dates(request.date_from, request.date_to)
        if dates is not None:
            must.append(_silent(dates))
        return must

    def _query(self, request: Request) -> Any:
        """Within the scope, filters and dates: the documents having every word typed — or
        whose code is the code typed, whatever else was typed ("Số:", "năm 2019")."""
        must = self._within(request)
        should = []
        if not request.query.empty:
            matching = self._words(request.query)
            if request.query.exact_codes:
                codes = [self._term("code_bare", c, 1.0) for c in request.query.exact_codes]
                matching = _any([matching, _silent(_any(codes))])
            must.append(matching)
        if request.query.code:
            pattern = re.escape(request.query.code) + "(/.*)?"
            code = tantivy.Query.regex_query(self.schema, "code", pattern)
            should.append(tantivy.Query.boost_query(code, _CODE_BOOST))
        clauses = [(tantivy.Occur.Must, q) for q in must]
        clauses += [(tantivy.Occur.Should, q) for q in should]
        return tantivy.Query.boolean_query(clauses)

    def _words(self, query: Query) -> Any:
        """Every word and phrase typed; where and how they are written adds to the score."""
        must, should = [], []
        for required, bonus in [
            *(self._word(word) for word in query.words),
            *(self._phrase(phrase) for phrase in query.phrases),
        ]:
            must.append(required)
            should += bonus
        should += self._closeness(query)
        clauses = [(tantivy.Occur.Must, q) for q in must]
        clauses += [(tantivy.Occur.Should, q) for q in should]
        return tantivy.Query.boolean_query(clauses)

    def _term(self, field: str, value: str, boost: float) -> Any:
        term = tantivy.Query.term_query(self.schema, field, value)
        return tantivy.Query.boost_query(term, boost) if boost != 1.0 else term

    def _word(self, word: Word) -> tuple[Any, list[Any]]:
        """One syllable: required in the whole text; where it stands, and whether it is
        written with the marks typed, only add to the score."""
        bonus = [self._term(field, word.folded, weight) for field, weight in _BONUS]
        if word.exact:
            bonus += [self._term(field, word.exact, weight) for field, weight in _EXACT_BONUS]
        return self._term("text_folded", word.folded, 1.0), bonus

    def _phrase(self, words: tuple[Word, ...]) -> tuple[Any, list[Any]]:
        """A quoted phrase: its syllables side by side in the whole text — found through
        its syllable pairs, then checked on positions."""
        folded = [w.folded for w in words]
        bonus = [self._phrase_in(field, folded, weight) for field, weight in _BONUS]
        exact = [w.exact for w in words if w.exact]
        bonus += [self._term(field, e, weight) for field, weight in _EXACT_BONUS for e in exact]
        if len(folded) == 1:
            return self._term("text_folded", folded[0], 1.0), bonus
        pairs = [_silent(self._term("pairs", _pair(a, b), 1.0))
                 for a, b in itertools.pairwise(folded)]
        phrase = self._phrase_in("text_folded", folded, 1.0)
        required = [(tantivy.Occur.Must, q) for q in [*pairs, phrase]]
        return tantivy.Query.boolean_query(required), bonus

    def _phrase_in(self, field: str, words: list[str], boost: float) -> Any:
        if len(words) == 1:
            return self._term(field, words[0], boost)
        terms: list[str | tuple[int, str]] = list(words)
        phrase = tantivy.Query.phrase_query(self.schema, field, terms)
        return tantivy.Query.boost_query(phrase, boost) if boost != 1.0 else phrase

    def _closeness(self, query: Query) -> list[Any]:
        """Unquoted syllables that stand side by side rank higher (a word is often two):
        each pair typed is one term of `pairs`. (A phrase over the whole query in the subject
        ranked the same documents first but cost a positions walk over every hit: a third of
        a five-word query's time at a million documents.)"""
        words = [w.folded for w in query.words]
        return [
            self._term("pairs", _pair(a, b), _CLOSE_PAIR) for a, b in itertools.pairwise(words)
        ]

    def _clause(self, clause: Clause) -> Any:
        """All named fields hold one of their values. Term queries, not term sets: a term
        set over a value most documents have is a full scan per search; a term query is
        only stepped through where the words of the query already are."""
        if clause.empty:
            return tantivy.Query.empty_query()
        parts = []
        for field, values in clause.where:
            terms = [tantivy.Query.term_query(self.schema, field, value)
                     for value in _allowed(field, values)]
            parts.append(_any(terms))
        if len(parts) == 1:
            return parts[0]
        return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in parts])

    def _scope(self, scope: Scope) -> Any:
        """Documents holding one of the user's access tokens."""
        return _any([self._term("access", token, 1.0) for token in sorted(scope.tokens)])

    def _dates(self, start: dt.date | None, end: dt.date | None) -> Any:
        if start is None and end is None:
            return None
        return tantivy.Query.range_query(
            self.schema, "day", tantivy.FieldType.Unsigned,
            start.toordinal() if start else 0, end.toordinal() if end else 10_000_000,
        )


def _allowed(field: str, values: frozenset[int | str]) -> list[Any]:
    """The values a field can hold (a number field takes whole numbers from 0 up)."""
    if field in _NUMBERS:
        return sorted(v for v in values if isinstance(v, int) and 0 <= v < 2**63)
    return sorted(str(v) for v in values)


def _any(queries: list[Any]) -> Any:
    if not queries:
        return tantivy.Query.empty_query()
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in queries])


def _pair(first: str, second: str) -> str:
    return f"{first}_{second}"


def _pairs(folded: str) -> str:
    syllables = folded.split()
    return " ".join(_pair(a, b) for a, b in itertools.pairwise(syllables))


def _silent(query: Any) -> Any:
    """A condition that filters without changing the score."""
    return tantivy.Query.const_score_query(query, 0.0)


def _document(entry: Entry) -> tantivy.Document:
    document = tantivy.Document()
    document.add_text("key", entry.key)
    if entry.code:
        for code in dict.fromkeys([entry.code, without_year(entry.code)[0]]):
            document.add_text("code", code)  # a code is found by its start with or without year
        if bare_code(entry.code):
            document.add_text("code_bare", bare_code(entry.code))
    for name in _TEXT:
        document.add_text(name, getattr(entry, name) or "-")
    numbers = {
        "office": entry.office, "organization": entry.organization, "register": entry.register,
        "unit": entry.unit, "secrecy": entry.secrecy, "urgency": entry.urgency,
        "year": entry.date.year, "day": entry.date.toordinal(),
    }
    for name, value in numbers.items():
        document.add_unsigned(name, value)
    document.add_unsigned("sample", zlib.crc32(entry.key.encode()) % _SAMPLES)
    for token in entry.access:
        document.add_text("access", token)
    for place in ("subject", "meta", "content"):
        exact, folded = indexed(getattr(entry, place))
        document.add_text("text_folded", folded)
        document.add_text("pairs", _pairs(folded))
        if place == "subject":
            document.add_text("subject_folded", folded)
            document.add_text("subject_exact", exact)
    return document
