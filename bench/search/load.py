#!/usr/bin/env python
"""Load the search corpus (`corpus.py`) into the database through the real models,
for the search benchmark: a million documents into SQLite in about a quarter of an hour
on two cores (bench/README.md, "Search corpus").

Each document becomes the rows a registered or issued one has, written with
`bulk_create`, one transaction per batch:

- incoming: a `Receipt` with one `Attachment` of a `StoredFile` holding the text (as
  `incoming.actions.register_incoming` makes them), the `IncomingDocument` in its
  organization's (secret) incoming register with the next arrival number of its
  period and series, its "register" `IncomingEvent` and `AuditEvent`, and for a secret
  document the clerk as its reader;
- outgoing: a document signed on paper and issued (`issuing.record_signed_on_paper`
  then `issue_outgoing`): the scan's `StoredFile` is both its body file and its final
  PDF, version 1, the number of its register's series with the code the register's
  template gives, its "issue" `OutgoingEvent` and `AuditEvent`.

Register counters move with every batch, so the product numbers on after the corpus.
Rows are written straight to the tables: no signal runs, so nothing is queued for the
search index (rebuild it with `manage.py search_reindex`). Numbering is computed here,
per register, period and series, exactly as `registers.numbering` would; the Party
committee's earlier terms (before the demo's 2020–2025) are declared first, as an
administrator would, since its outgoing numbers restart with each term.

    .venv/bin/python bench/search/load.py --count 100000 --database sqlite:////tmp/c/db.sqlite3
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_corpus \\
        .venv/bin/python bench/search/load.py --count 100000

The command migrates, loads the demo office (`load_demo --if-empty`), then the corpus.
The same seed gives the same documents (and ids): load more with another `--seed`.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import os
import sys
import time
import uuid
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.search.bodies import COMMUNE_TERMS  # noqa: E402
from bench.search.corpus import DEFAULT_SEED, UNTIL, GeneratedDocument, generate  # noqa: E402

#: Documents per transaction. Larger batches rewrite fewer index pages: the uuid keys
#: and the files' sha256 take inserts at random places (10,000 wrote half the bytes of
#: 2,000 into SQLite's WAL, and loaded 10 % faster).
DEFAULT_BATCH = 10_000
SQLITE_CACHE_MB = 256
RUNNER = "bench.search.load"  # user agent of the audit rows
_RECEIPT = 0x5EC0_0000_0000_0000_0000_0000_0000_0001  # ids derived from the document's
_FILE = 0xF11E_0000_0000_0000_0000_0000_0000_0002


@dataclasses.dataclass
class LoadSummary:
    documents: int = 0
    incoming: int = 0
    outgoing: int = 0
    rows: int = 0
    seconds: float = 0.0
    generation_seconds: float = 0.0

    @property
    def rate(self) -> float:
        return self.documents / self.seconds if self.seconds else 0.0


def load(count: int, *, seed: int = DEFAULT_SEED, batch: int = DEFAULT_BATCH,
         until: dt.date = UNTIL, progress: Callable[[int], object] | None = None
         ) -> LoadSummary:
    """Generate `count` documents and write them into the demo office (which must be
    loaded: `build_office()` or `manage.py load_demo`)."""
    started = time.perf_counter()
    _tune_connection()
    office = _Office()
    documents = _Timed(generate(count, seed=seed, until=until))
    summary = LoadSummary()
    for chunk in _chunks(documents, batch):
        if not summary.documents:
            _check_not_loaded(chunk[0])
        _write(office, chunk, summary)
        if progress is not None:
            progress(len(chunk))
    summary.seconds = time.perf_counter() - started
    summary.generation_seconds = documents.seconds
    return summary


def _tune_connection() -> None:
    """SQLite: a larger page cache for this connection while loading (default 2 MB)."""
    from django.db import connection

    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_MB * 1024}")


def _check_not_loaded(document: GeneratedDocument) -> None:
    from vanphong.incoming.models import IncomingDocument
    from vanphong.outgoing.models import OutgoingDocument

    model = IncomingDocument if document.kind == "incoming" else OutgoingDocument
    if model.objects.filter(pk=document.id).exists():
        raise ValueError("This seed is already loaded here (same documents, same ids); "
                         "load more with another seed.")


class _Timed:
    """Iterates and counts the time spent generating (to tell it from writing)."""

    def __init__(self, documents: Iterator[GeneratedDocument]) -> None:
        self.documents, self.seconds = documents, 0.0

    def __iter__(self) -> Iterator[GeneratedDocument]:
        while True:
            began = time.perf_counter()
            document = next(self.documents, None)
            self.seconds += time.perf_counter() - began
            if document is None:
                return
            yield document


def _chunks(documents: Iterable[GeneratedDocument], size: int) -> Iterator[list[GeneratedDocument]]:
    chunk: list[GeneratedDocument] = []
    for document in documents:
        chunk.append(document)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


# --- What the office has: read once ---------------------------------------------------------


class _Office:
    """The demo office's organizations, registers, people, units, document types, terms
    and counters, read once; counters are then kept here and written per batch."""

    def __init__(self) -> None:
        from vanphong.organizations.models import Office, Organization, Unit, User
        from vanphong.registers.models import Counter, DocumentType, Register

        office = Office.objects.filter(organizations__short_name="UBND").order_by("pk").first()
        if office is None:
            raise LookupError("No demo office: run `manage.py load_demo` (or build_office()).")
        self.office = office
        self.orgs = {o.short_name: o for o in Organization.objects.filter(office=office)}
        self.registers = {
            (r.organization.short_name, r.kind): r
            for r in Register.objects.filter(organization__office=office, is_active=True)
            .select_related("organization").order_by("position", "pk")
        }
        self.users = {u.username: u for u in User.objects.all()}
        self.units = {u.short_name: u for u in Unit.objects.filter(office=office)}
        self.types = {(t.system, t.name): t for t in DocumentType.objects.filter(organization=None)}
        self._declare_terms()
        self.terms = self._terms()
        self.counters = {
            (c.register_id, c.period_key, c.series_key): c.last_number
            for c in Counter.objects.filter(register__organization__office=office)
        }
        self.stored_counters = set(self.counters)
        self.periods: dict[tuple[int, dt.date], str] = {}
        self.issuer_keys: dict[str, str] = {}

    def _declare_terms(self) -> None:
        """The Party committee's terms before the demo's: its outgoing numbers restart
        per term, and the corpus goes back to 2015."""
        from vanphong.registers.models import ResetPolicy, Term, TermKind

        orgs = {r.organization for r in self.registers.values()
                if r.reset_policy == ResetPolicy.PARTY_TERM}
        for org in orgs:
            first = Term.objects.filter(organization=org, kind=TermKind.TERM).order_by(
                "start_date").first()
            starts = [d for d in COMMUNE_TERMS if first is None or d < first.start_date]
            ends = [*starts[1:], first.start_date if first else None]
            for start, end in zip(starts, ends[:len(starts)], strict=True):
                Term.objects.get_or_create(
                    organization=org, kind=TermKind.TERM, start_date=start,
                    defaults={"name": f"Nhiệm kỳ {start.year}–{start.year + 5}",
                              "end_date": end - dt.timedelta(days=1) if end else None},
                )

    def _terms(self) -> dict[tuple[int, str], list[Any]]:
        from vanphong.registers.models import Term

        terms: dict[tuple[int, str], list[Any]] = {}
        for term in Term.objects.filter(organization__office=self.office):  # newest first
            terms.setdefault((term.organization_id, term.kind), []).append(term)
        return terms

    # --- Numbering, as registers.numbering does it --------------------------------------

    def register_for(self, short: str, kind: str, *, secret: bool) -> Any:
        """As `incoming_register_for` and `conformity.outgoing_register_for`: the secret
        register when the organization keeps one, else its ordinary register."""
        from vanphong.registers.models import RegisterKind

        if secret:
            secret_kind = (RegisterKind.SECRET_INCOMING if kind == RegisterKind.INCOMING
                           else RegisterKind.SECRET_OUTGOING)
            found = self.registers.get((short, secret_kind))
            if found is not None:
                return found
        return self.registers[(short, kind)]

    def period_key(self, register: Any, day: dt.date) -> str:
        """`numbering.period_key` without a query per document."""
        from vanphong.registers.models import ResetPolicy, TermKind

        key = (register.pk, day)
        found = self.periods.get(key)
        if found is None:
            if register.reset_policy == ResetPolicy.CALENDAR_YEAR:
                found = str(day.year)
            else:
                kind = (TermKind.TERM if register.reset_policy == ResetPolicy.PARTY_TERM
                        else TermKind.CONGRESS)
                terms = self.terms.get((register.organization_id, kind), [])
                term = next((t for t in terms if t.covers(day)), None)
                if term is None:
                    raise LookupError(f"No term of {register.organization} covers {day}.")
                found = f"{kind}:{term.pk}"
            self.periods[key] = found
        return found

    def take_number(self, register: Any, day: dt.date, document_type: Any,
                    secret: bool) -> tuple[str, str, int]:
        from vanphong.registers.numbering import series_key

        period = self.period_key(register, day)
        series = series_key(register, document_type=document_type, secret=secret)
        key = (register.pk, period, series)
        number = self.counters.get(key, 0) + 1
        self.counters[key] = number
        return period, series, number

    def save_counters(self, touched: set[tuple[int, str, str]]) -> None:
        from vanphong.registers.models import Counter

        new = []
        for key in sorted(touched):
            register_id, period, series = key
            if key in self.stored_counters:
                Counter.objects.filter(register_id=register_id, period_key=period,
                                       series_key=series).update(last_number=self.counters[key])
            else:
                new.append(Counter(register_id=register_id, period_key=period, series_key=series,
                                   last_number=self.counters[key]))
        Counter.objects.bulk_create(new)
        self.stored_counters |= {(c.register_id, c.period_key, c.series_key) for c in new}

    def issuer_key(self, issuer: str) -> str:
        from vanphong.vietnamese import name_key

        key = self.issuer_keys.get(issuer)
        if key is None:
            key = self.issuer_keys[issuer] = name_key(issuer)
        return key


# --- Rows of one batch -----------------------------------------------------------------------


@dataclasses.dataclass
class _Rows:
    files: list[Any] = dataclasses.field(default_factory=list)
    receipts: list[Any] = dataclasses.field(default_factory=list)
    attachments: list[Any] = dataclasses.field(default_factory=list)
    incoming: list[Any] = dataclasses.field(default_factory=list)
    readers: list[Any] = dataclasses.field(default_factory=list)
    incoming_events: list[Any] = dataclasses.field(default_factory=list)
    outgoing: list[Any] = dataclasses.field(default_factory=list)
    versions: list[Any] = dataclasses.field(default_factory=list)
    outgoing_events: list[Any] = dataclasses.field(default_factory=list)
    audit: list[Any] = dataclasses.field(default_factory=list)
    touched: set[tuple[int, str, str]] = dataclasses.field(default_factory=set)

    def save(self) -> int:
        """Insert in an order that satisfies the foreign keys; returns the row count."""
        from vanphong.audit.models import AuditEvent
        from vanphong.files.models import StoredFile
        from vanphong.incoming.models import Attachment, IncomingDocument, IncomingEvent, Receipt
        from vanphong.outgoing.models import OutgoingDocument, OutgoingEvent, Version

        readers = IncomingDocument.secret_readers.through
        plan = [(StoredFile, self.files), (Receipt, self.receipts),
                (Attachment, self.attachments), (IncomingDocument, self.incoming),
                (readers, self.readers), (IncomingEvent, self.incoming_events),
                (OutgoingDocument, self.outgoing), (Version, self.versions),
                (OutgoingEvent, self.outgoing_events), (AuditEvent, self.audit)]
        for model, rows in plan:
            model.objects.bulk_create(rows)  # type: ignore[attr-defined]
        return sum(len(rows) for _, rows in plan)


def _write(office: _Office, documents: list[GeneratedDocument], summary: LoadSummary) -> None:
    from django.db import transaction

    rows = _Rows()
    with transaction.atomic():
        for document in documents:
            if document.kind == "incoming":
                _incoming(office, document, rows)
                summary.incoming += 1
            else:
                _outgoing(office, document, rows)
                summary.outgoing += 1
        summary.rows += rows.save()
        office.save_counters(rows.touched)
        summary.rows += len(rows.touched)
    summary.documents += len(documents)


def _stored_file(document: GeneratedDocument, code: str, content: str, clerk: Any) -> Any:
    """The scan of the document with its text layer; the file itself is not written."""
    from vanphong.files.models import StoredFile
    from vanphong.vietnamese import fold

    sha = hashlib.sha256(document.id.bytes).hexdigest()
    size = len(content.encode()) * 5 + 20_000  # a scanned PDF is larger than its text
    return StoredFile(
        id=uuid.UUID(int=document.id.int ^ _FILE), sha256=sha, size=size,
        content_type="application/pdf", kind="pdf",
        original_name=f"{fold(code).upper().replace('/', '-')}.pdf"[:255],
        storage_name=f"originals/{sha[:2]}/{sha[2:4]}/{sha}.pdf", pages=document.pages,
        text=content, text_source="pdf", created_by_id=clerk.pk,
    )


def _incoming(office: _Office, document: GeneratedDocument, rows: _Rows) -> None:
    from vanphong.audit.models import AuditEvent
    from vanphong.incoming.models import (
        Attachment,
        EventKind,
        IncomingDocument,
        IncomingEvent,
        Receipt,
        Status,
    )
    from vanphong.registers.models import RegisterKind
    from vanphong.vietnamese import code_key, split_code

    org = office.orgs[document.organization]
    secret = document.secrecy > 0
    register = office.register_for(org.short_name, RegisterKind.INCOMING, secret=secret)
    document_type = office.types.get((document.type_system, document.type_name))
    period, series, number = office.take_number(register, document.at.date(), document_type,
                                                secret)
    rows.touched.add((register.pk, period, series))
    clerk = office.users[document.clerk]
    stored = _stored_file(document, document.code, document.content, clerk)
    receipt_id = uuid.UUID(int=document.id.int ^ _RECEIPT)
    rows.files.append(stored)
    rows.receipts.append(Receipt(
        id=receipt_id, office_id=office.office.pk, channel=document.channel,
        has_paper_original=document.channel == "paper", received_at=document.at,
        received_by_id=clerk.pk,
    ))
    rows.attachments.append(Attachment(receipt_id=receipt_id, stored_file_id=stored.id,
                                       filename=stored.original_name, position=0))
    code_number, notation = split_code(document.code)
    rows.incoming.append(IncomingDocument(
        id=document.id, office_id=office.office.pk, organization_id=org.pk,
        register_id=register.pk, receipt_id=receipt_id, period_key=period, series_key=series,
        arrival_number=number, arrival_at=document.at, issuer=document.issuer,
        issuer_key=office.issuer_key(document.issuer), code=document.code,
        code_number=code_number[:11], code_notation=notation[:30],
        code_key=code_key(document.code), issued_date=document.issued_date,
        document_type=document_type, subject=document.subject,
        signer_name=document.signer_name[:50], signer_position=document.signer_position[:100],
        reply_due=document.reply_due, recipients=document.recipients, pages=document.pages,
        urgency=document.urgency, secrecy=document.secrecy, status=Status.REGISTERED,
        created_by_id=clerk.pk, created_at=document.at,
    ))
    if secret:
        readers = IncomingDocument.secret_readers.through
        rows.readers.append(readers(incomingdocument_id=document.id, user_id=clerk.pk))
    note = f"Số đến {number} — {register.name}"
    rows.incoming_events.append(IncomingEvent(
        document_id=document.id, at=document.at, actor_id=clerk.pk, kind=EventKind.REGISTER,
        to_status=Status.REGISTERED, note=note, data={},
    ))
    rows.audit.append(AuditEvent(
        at=document.at, actor_id=clerk.pk, actor_name=str(clerk), action="incoming.register",
        object_type="incoming.incomingdocument", object_id=str(document.id),
        office_id=office.office.pk, organization_id=org.pk, user_agent=RUNNER,
        channel="command", summary=f"Vào sổ: {org.short_name} số đến {number}",
        data={"from_status": "", "to_status": Status.REGISTERED.value, "note": note},
    ))


def _outgoing(office: _Office, document: GeneratedDocument, rows: _Rows) -> None:
    from vanphong.audit.models import AuditEvent
    from vanphong.outgoing.models import (
        EventKind,
        FinalState,
        OutgoingDocument,
        OutgoingEvent,
        Status,
        Version,
    )
    from vanphong.registers.models import RegisterKind
    from vanphong.registers.numbering import format_notation

    org = office.orgs[document.organization]
    secret = document.secrecy > 0
    register = office.register_for(org.short_name, RegisterKind.OUTGOING, secret=secret)
    document_type = office.types[(document.type_system, document.type_name)]
    period, series, number = office.take_number(register, document.issued_date, document_type,
                                                secret)
    rows.touched.add((register.pk, period, series))
    unit = office.units.get(document.drafting_unit)
    code = format_notation(register, number=number, document_type=document_type,
                           unit=unit.short_name if unit else "")
    # The register's own series may already hold the demo's documents: the text shows
    # the number the register gives.
    content = document.content if code == document.code else document.content.replace(
        document.code, code, 1)
    clerk = office.users[document.clerk]
    stored = _stored_file(document, code, content, clerk)
    signed_at = document.at - dt.timedelta(hours=2)
    rows.files.append(stored)
    rows.outgoing.append(OutgoingDocument(
        id=document.id, office_id=office.office.pk, organization_id=org.pk,
        document_type_id=document_type.pk, subject=document.subject,
        addressees=document.recipients, urgency=document.urgency, secrecy=document.secrecy,
        drafting_unit_id=unit.pk if unit else None, drafter_id=clerk.pk,
        signer_id=office.users[document.signer_username].pk, capacity=document.capacity,
        body_file_id=stored.id, version=1, status=Status.ISSUED, signed_at=signed_at,
        signed_on_paper=True, register_id=register.pk, period_key=period, series_key=series,
        number=number, code=code, issued_date=document.issued_date, issued_at=document.at,
        issued_by_id=clerk.pk, final_state=FinalState.DONE, final_pdf_id=stored.id,
        created_at=signed_at,
    ))
    rows.versions.append(Version(
        document_id=document.id, number=1, stored_file_id=stored.id,
        filename=stored.original_name, text=document.subject, author_id=clerk.pk,
        created_at=signed_at, note="Bản đầu tiên",
    ))
    note = f"Số {code} — {register.name}"
    rows.outgoing_events.append(OutgoingEvent(
        document_id=document.id, at=document.at, actor_id=clerk.pk, kind=EventKind.ISSUE,
        from_status=Status.SIGNED, to_status=Status.ISSUED, note=note,
        data={"late": False, "number": number},
    ))
    rows.audit.append(AuditEvent(
        at=document.at, actor_id=clerk.pk, actor_name=str(clerk), action="outgoing.issue",
        object_type="outgoing.outgoingdocument", object_id=str(document.id),
        office_id=office.office.pk, organization_id=org.pk, user_agent=RUNNER,
        channel="command", summary=f"Cấp số, phát hành: {org.short_name} — {code}",
        data={"from_status": Status.SIGNED.value, "to_status": Status.ISSUED.value,
              "note": note, "late": False, "number": number},
    ))


# --- Command line --------------------------------------------------------------------------


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000, help="documents to load")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--batch", type=int, default=DEFAULT_BATCH,
                        help="documents per transaction")
    parser.add_argument("--until", type=dt.date.fromisoformat, default=UNTIL,
                        help="last day of the corpus (YYYY-MM-DD)")
    parser.add_argument("--database", help="database URL (default: DATABASE_URL, else the "
                        "settings' SQLite file)")
    parser.add_argument("--data-dir", help="VANPHONG_DATA_DIR (default: the SQLite file's "
                        "folder, else the settings' default)")
    parser.add_argument("--demo-documents", type=int,
                        help="incoming documents of the demo history (load_demo --documents)")
    return parser.parse_args(argv)


def _environment(args: argparse.Namespace) -> None:
    """Point the settings at the database and data folder, creating either if needed."""
    if args.database:
        os.environ["DATABASE_URL"] = args.database
    url = os.environ.get("DATABASE_URL", "")
    data_dir = args.data_dir or os.environ.get("VANPHONG_DATA_DIR")
    if not data_dir and url.startswith("sqlite:///"):
        data_dir = str(Path(url.removeprefix("sqlite:///")).parent)  # 4 slashes: absolute
    if data_dir:
        os.environ["VANPHONG_DATA_DIR"] = data_dir
        Path(data_dir).mkdir(parents=True, exist_ok=True)
    if url.startswith(("postgres://", "postgresql://")):
        _create_postgres_database(url)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vanphong.settings")


def _create_postgres_database(url: str) -> None:
    import dj_database_url
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import make_conninfo

    config = dj_database_url.parse(url)
    server = {key: str(config[name]) for key, name in  # type: ignore[literal-required]
              (("host", "HOST"), ("port", "PORT"), ("user", "USER"), ("password", "PASSWORD"))
              if config.get(name)}
    name = str(config["NAME"])
    with psycopg.connect(make_conninfo("", dbname="postgres", **server),
                         autocommit=True) as connection:
        if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s",
                                  [name]).fetchone():
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    _environment(args)
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from tqdm import tqdm

    print(f"Database: {connection.vendor} {connection.settings_dict['NAME']}")
    call_command("migrate", "--noinput", verbosity=0)
    demo = ["--documents", str(args.demo_documents)] if args.demo_documents else []
    call_command("load_demo", "--if-empty", *demo)
    with tqdm(total=args.count, unit="doc", smoothing=0.05) as bar:
        summary = load(args.count, seed=args.seed, batch=args.batch, until=args.until,
                       progress=bar.update)
    print(f"Loaded {summary.documents} documents ({summary.incoming} incoming, "
          f"{summary.outgoing} outgoing), {summary.rows} rows, in {summary.seconds:.1f} s: "
          f"{summary.rate:,.0f} documents/s, {summary.rows / summary.seconds:,.0f} rows/s "
          f"(generation {summary.generation_seconds:.1f} s of it).")
    with connection.cursor() as cursor:  # fresh statistics, as autovacuum would in time: a
        cursor.execute("ANALYZE")  # bulk load left the planner guessing (seq scans)
    return 0


if __name__ == "__main__":
    sys.exit(main())
