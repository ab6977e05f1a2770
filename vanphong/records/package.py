"""Archival packages: a dossier with its documents, exported as a BagIt bag (RFC 8493, the
Library of Congress `bagit` library) in a zip — `data/ho-so.xml` holds the description with
the field names of ND30 Phụ lục VI and TT 02/2019 (FileCode/OrganId/FileCatalog/
FileNotation, Title, Maintenance, Rights, Creator, Language, StartDate, EndDate, DocTotal,
PageTotal, Description; per document DocOrdinal, TypeName, CodeNumber, CodeNotation,
IssuedDate, OrganName, Subject, Language, PageAmount, Description…), documents in
chronological order, and `data/van-ban/NNN/` their original files; `manifest-sha256.txt`
the checksums. Importing a package checks every checksum, then restores the dossier as it
was packaged (`ArchivedDossier`); exporting that again gives the same package.

Every file is packaged as stored (the original; the issued PDF of an outgoing document)
and, where possible, with its PDF/A-2b copy (`records.pdfa`) under `van-ban/NNN/pdfa/`; the
XML's `File` names both (`path`, `pdfa`) or says why there is no copy (`pdfa-note`). A file
that is PDF/A already is its own copy (`pdfa` = `path`).
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import io
import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, BinaryIO
from xml.etree import ElementTree as ET

import bagit
from defusedxml import ElementTree as SafeET
from django.db import transaction

from vanphong import clock
from vanphong.audit.actions import record_audit
from vanphong.errors import Invalid, NotAllowed
from vanphong.files.actions import cleanup_on_failure, open_stored, store_file
from vanphong.files.models import StoredFile
from vanphong.incoming.models import IncomingDocument
from vanphong.organizations.models import Office, Organization, User
from vanphong.records.access import DossierAction, can_dossier, keeps_packages
from vanphong.records.actions import contents, contents_for, document_date
from vanphong.records.models import (
    ArchivedDocument,
    ArchivedDossier,
    ArchivedFile,
    Dossier,
)
from vanphong.records.pdfa import pdfa_copy
from vanphong.records.unpack import MAX_MEMBERS, TOO_MANY, unpack

XML_NAME = "ho-so.xml"
LATER = "Chưa tạo được bản PDF/A lúc xuất gói (thiếu công cụ hoặc quá lâu); xuất lại sau."
#: Fixed for every member of the zip, so the same dossier always gives the same bytes.
ZIP_TIME = (2000, 1, 1, 0, 0, 0)
DOCUMENT_TAGS = ("DocOrdinal", "TypeName", "CodeNumber", "CodeNotation", "IssuedDate",
                 "OrganName", "Subject", "Language", "PageAmount", "Description",
                 "ArrivalDate", "ArrivalNumber", "SignerPosition", "SignerFullName")


#: A file's content: its bytes (exporting), or its file in an unpacked package (importing).
Blob = bytes | Path


def _opened(blob: Blob) -> BinaryIO:
    return blob.open("rb") if isinstance(blob, Path) else io.BytesIO(blob)


def _size(blob: Blob) -> int:
    return blob.stat().st_size if isinstance(blob, Path) else len(blob)


def _put(target: Path, blob: Blob) -> None:
    if isinstance(blob, Path):
        shutil.copyfile(blob, target)
    else:
        target.write_bytes(blob)


@dataclasses.dataclass
class PackFile:
    name: str
    data: Blob
    pdfa: Blob | None = None  # its PDF/A copy
    pdfa_same: bool = False  # the original is PDF/A itself
    pdfa_note: str = ""  # why there is no copy


@dataclasses.dataclass
class PackDocument:
    kind: str
    fields: dict[str, str]
    files: list[PackFile]


@dataclasses.dataclass
class Pack:
    dossier: dict[str, str]
    documents: list[PackDocument]
    bag_info: dict[str, str]


# --- From a dossier (or an imported one) to the neutral pack --------------------------------


def _read(stored: Any) -> bytes:
    with open_stored(stored) as handle:
        return handle.read()


def _text(value: object) -> str:
    return "" if value is None else str(value)


def _pack_file(name: str, stored: StoredFile) -> PackFile:
    """The original and its kept PDF/A copy (made now if there is none yet)."""
    data = _read(stored)
    copy = pdfa_copy(stored)
    if copy is None:
        return PackFile(name, data, pdfa_note=LATER)
    if copy.copy_id == stored.pk:
        return PackFile(name, data, pdfa_same=True)
    if copy.copy is None:
        return PackFile(name, data, pdfa_note=copy.note)
    return PackFile(name, data, pdfa=_read(copy.copy))


def pack_of(dossier: Dossier, reader: User) -> Pack:
    """The dossier as the reader may open it: the documents its page shows them (and so
    `DocTotal`, `PageTotal`, the dates) — never one they may not open."""
    items = contents_for(reader, dossier)
    plan = dossier.plan
    organization = plan.organization
    dates = [d for d in (document_date(i.document) for i in items) if d]
    documents = []
    for ordinal, item in enumerate(items, start=1):
        document = item.document
        fields = {"DocOrdinal": str(ordinal),
                  "TypeName": document.document_type.name if document.document_type else "",
                  "IssuedDate": _text(document_date(document)), "Language": "Tiếng Việt",
                  "Subject": document.subject}
        if isinstance(document, IncomingDocument):
            fields |= {"CodeNumber": document.code_number, "CodeNotation": document.code_notation,
                       "OrganName": document.issuer, "PageAmount": _text(document.pages),
                       "ArrivalDate": _text(document.arrival_at.date()),
                       "ArrivalNumber": str(document.arrival_number),
                       "SignerPosition": document.signer_position,
                       "SignerFullName": document.signer_name}
            files = [_pack_file(a.filename, a.stored_file)
                     for a in document.receipt.attachments.select_related("stored_file")]
        else:
            number, _, notation = document.code.partition("/")
            fields |= {"CodeNumber": number, "CodeNotation": notation,
                       "OrganName": organization.name,
                       "SignerFullName": document.signer.full_name if document.signer else ""}
            files = []
            if document.final_pdf is not None:
                files.append(_pack_file(f"{document.code.replace('/', '-')}.pdf",
                                        document.final_pdf))
            files += [_pack_file(a.filename, a.stored_file)
                      for a in document.attachments.select_related("stored_file")]
        documents.append(PackDocument(
            "incoming" if isinstance(document, IncomingDocument) else "outgoing",
            {k: v for k, v in fields.items() if v}, files))
    head = {
        "OrganId": organization.organ_id or "", "OrganName": organization.name,
        "FileCatalog": str(plan.year), "FileNotation": dossier.code, "Title": dossier.title,
        "Maintenance": dossier.retention_label, "Rights": "Hạn chế",
        "Creator": dossier.keeper.full_name, "Language": "Tiếng Việt",
        "StartDate": _text(min(dates)) if dates else "",
        "EndDate": _text(max(dates)) if dates else "", "DocTotal": str(len(documents)),
        "PageTotal": str(sum(int(d.fields.get("PageAmount", "0") or 0) for d in documents)),
        "Description": dossier.note,
    }
    return Pack(head, documents, {"Source-Organization": organization.name,
                                  "External-Identifier": f"{plan.year}.{dossier.code}"})


def pack_of_archived(dossier: ArchivedDossier) -> Pack:
    documents = [
        PackDocument(d.kind, dict(d.fields), [_archived_file(f) for f in d.files.select_related(
            "stored_file", "pdfa_file")])
        for d in dossier.documents.all()
    ]
    head = {"OrganId": dossier.organ_id, "OrganName": dossier.organ_name,
            "FileCatalog": str(dossier.file_catalog), "FileNotation": dossier.file_notation,
            "Title": dossier.title, "Maintenance": dossier.maintenance, "Rights": dossier.rights,
            "Creator": dossier.creator, "Language": dossier.language,
            "StartDate": _text(dossier.start_date), "EndDate": _text(dossier.end_date),
            "DocTotal": str(len(documents)),
            "PageTotal": str(sum(int(d.fields.get("PageAmount", "0") or 0) for d in documents)),
            "Description": dossier.description}
    return Pack(head, documents, {k: str(v) for k, v in dossier.bag_info.items()})


def _archived_file(file: ArchivedFile) -> PackFile:
    same = bool(file.pdfa_path) and file.pdfa_path == file.path
    copy = _read(file.pdfa_file) if file.pdfa_file is not None and not same else None
    return PackFile(file.name, _read(file.stored_file), pdfa=copy, pdfa_same=same,
                    pdfa_note=file.pdfa_note)


# --- Writing --------------------------------------------------------------------------------


def _xml(pack: Pack) -> bytes:
    root = ET.Element("HoSo")
    code = ET.SubElement(root, "FileCode")
    for tag in ("OrganId", "FileCatalog", "FileNotation"):
        ET.SubElement(code, tag).text = pack.dossier.get(tag, "")
    for tag in ("OrganName", "Title", "Maintenance", "Rights", "Creator", "Language",
                "StartDate", "EndDate", "DocTotal", "PageTotal", "Description"):
        ET.SubElement(root, tag).text = pack.dossier.get(tag, "")
    listing = ET.SubElement(root, "Documents")
    for index, document in enumerate(pack.documents, start=1):
        element = ET.SubElement(listing, "Document", {"kind": document.kind})
        for tag in DOCUMENT_TAGS:
            if tag in document.fields:
                ET.SubElement(element, tag).text = document.fields[tag]
        files = ET.SubElement(element, "Files")
        for file, path, pdfa in _layout(index, document):
            attributes = {"name": file.name, "path": path}
            if pdfa:
                attributes["pdfa"] = pdfa
            elif file.pdfa_note:
                attributes["pdfa-note"] = file.pdfa_note
            ET.SubElement(files, "File", attributes)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def _layout(index: int, document: PackDocument) -> list[tuple[PackFile, str, str]]:
    """Each file with its path and its PDF/A copy's path ("" for none) under data/."""
    folder = f"van-ban/{index:03d}"
    rows = []
    for position, file in enumerate(document.files, start=1):
        path = f"{folder}/{_safe(file.name)}"
        pdfa = path if file.pdfa_same else (
            f"{folder}/pdfa/{position:02d}-{_safe(Path(file.name).stem)}.pdf"
            if file.pdfa is not None else "")
        rows.append((file, path, pdfa))
    return rows


def _safe(name: str) -> str:
    keep = "".join(c if c.isalnum() or c in "-_." else "-" for c in name).strip(".-")
    return keep[:120] or "tep"


def write_package(pack: Pack) -> bytes:
    """The bag, zipped with fixed times and order: the same pack gives the same bytes."""
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder) / "goi-ho-so"
        root.mkdir()
        (root / XML_NAME).write_bytes(_xml(pack))
        for index, document in enumerate(pack.documents, start=1):
            (root / "van-ban" / f"{index:03d}").mkdir(parents=True)
            for file, path, pdfa in _layout(index, document):
                _put(root / path, file.data)
                if file.pdfa is not None and pdfa != path:
                    (root / pdfa).parent.mkdir(exist_ok=True)
                    _put(root / pdfa, file.pdfa)
        bagit.make_bag(str(root), {**pack.bag_info, "Bagging-Date": "2000-01-01"},
                       checksums=["sha256"])
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            for member in sorted(p for p in root.rglob("*") if p.is_file()):
                info = zipfile.ZipInfo(str(member.relative_to(root.parent)), ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, member.read_bytes())
        return buffer.getvalue()


def stored_files(dossier: Dossier) -> list[StoredFile]:
    """Every stored file a package of the dossier carries (originals, issued PDFs)."""
    files: list[StoredFile] = []
    for item in contents(dossier):
        document = item.document
        if isinstance(document, IncomingDocument):
            files += [a.stored_file for a in document.receipt.attachments.select_related(
                "stored_file")]
        else:
            if document.final_pdf is not None:
                files.append(document.final_pdf)
            files += [a.stored_file for a in document.attachments.select_related("stored_file")]
    return files


def prepare_pdfa(dossier: Dossier) -> int:
    """Make the missing PDF/A copies now (the worker, after a dossier is closed)."""
    return sum(pdfa_copy(stored) is not None for stored in stored_files(dossier))


def export_dossier(*, actor: User, dossier: Dossier) -> bytes:
    if not can_dossier(actor, DossierAction.EXPORT, dossier):
        raise NotAllowed("Chỉ lưu trữ viên hoặc văn phòng xuất gói hồ sơ.")
    data = write_package(pack_of(dossier, actor))
    record_audit(actor=actor, action="dossier.export", target=dossier,
                 summary=f"Xuất gói hồ sơ {dossier.code}", office_id=dossier.plan.office_id,
                 organization_id=dossier.plan.organization_id)
    return data


def export_archived(*, actor: User, dossier: ArchivedDossier) -> bytes:
    if not keeps_packages(actor, dossier.office_id):
        raise NotAllowed("Chỉ lưu trữ viên hoặc văn phòng xuất gói hồ sơ.")
    data = write_package(pack_of_archived(dossier))
    record_audit(actor=actor, action="archived.export", target=dossier,
                 summary=f"Xuất lại gói hồ sơ {dossier.file_notation}",
                 office_id=dossier.office_id)
    return data


# --- Reading --------------------------------------------------------------------------------

#: The one answer for every file a package names outside its own payload — absolute, "..",
#: a tag file, or simply missing: it must not tell what exists on this server.
OUTSIDE = ("Gói hồ sơ nêu tệp không có trong danh sách tệp của gói (manifest-sha256.txt): "
           "mọi tệp phải nằm trong thư mục data/ của gói và có mã kiểm tra.")
KINDS = ("incoming", "outgoing")
MAX_XML = 16 * 1024 * 1024
MAX_ELEMENTS = 200_000
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@contextlib.contextmanager
def opened_package(source: IO[bytes]) -> Iterator[Pack]:
    """Unpack the package (bounded), check the bag (every checksum) and read its
    description. Inside the block the pack's files are those of the unpacked bag."""
    with tempfile.TemporaryDirectory() as folder:
        root = unpack(source, Path(folder))
        bag = _valid_bag(root)
        yield _describe(root, bag)


def _valid_bag(root: Path) -> bagit.Bag:
    try:
        bag = bagit.Bag(str(root))
        bag.validate()
    except (bagit.BagError, UnicodeError, ValueError) as error:
        detail = str(error).replace(str(root.parent), "")[:300]  # no folder of this server
        raise Invalid(f"Gói hồ sơ không toàn vẹn: {detail}") from None
    return bag


def _tree(root: Path) -> Any:
    """ho-so.xml, parsed with defusedxml and at most MAX_ELEMENTS elements."""
    path = root / "data" / XML_NAME
    if not path.is_file():
        raise Invalid("Gói hồ sơ thiếu tệp mô tả ho-so.xml.")
    if path.stat().st_size > MAX_XML:
        raise Invalid("Tệp mô tả ho-so.xml quá lớn.")
    try:
        parsing = SafeET.iterparse(str(path), events=("start",))
        for count, _ in enumerate(parsing, start=1):
            if count > MAX_ELEMENTS:
                raise Invalid("Tệp mô tả ho-so.xml có quá nhiều phần tử.")
        return parsing.root  # type: ignore[attr-defined]
    except Invalid:
        raise
    except Exception as error:  # defusedxml and expat raise several kinds
        raise Invalid(f"Tệp mô tả hồ sơ không đọc được: {str(error)[:200]}") from None


def _clip(text: str | None, length: int = 2000) -> str:
    return (text or "")[:length]


def _describe(root: Path, bag: bagit.Bag) -> Pack:
    tree = _tree(root)
    listed = frozenset(bag.payload_entries())
    head = {tag: _clip(tree.findtext(f"FileCode/{tag}"))
            for tag in ("OrganId", "FileCatalog", "FileNotation")}
    head |= {tag: _clip(tree.findtext(tag)) for tag in (
        "OrganName", "Title", "Maintenance", "Rights", "Creator", "Language", "StartDate",
        "EndDate", "DocTotal", "PageTotal", "Description")}
    documents = [_document(element, root, listed)
                 for element in tree.findall("Documents/Document")]
    if len(documents) + sum(len(d.files) for d in documents) > MAX_MEMBERS:
        raise Invalid(TOO_MANY)
    skip = ("Bagging-Date", "Payload-Oxum", "Bag-Software-Agent")
    info = {_clip(k, 100): _clip(str(v), 500) for k, v in list(bag.info.items())[:50]
            if k not in skip}
    return Pack(head, documents, info)


def _document(element: Any, root: Path, listed: frozenset[str]) -> PackDocument:
    kind = element.get("kind", "incoming")
    if kind not in KINDS:
        raise Invalid("Gói hồ sơ có loại văn bản không hợp lệ (chỉ incoming hoặc outgoing).")
    fields = {tag: _clip(element.findtext(tag)) for tag in DOCUMENT_TAGS
              if element.find(tag) is not None}
    return PackDocument(kind, fields, [_file(entry, root, listed)
                                       for entry in element.findall("Files/File")])


def _file(entry: Any, root: Path, listed: frozenset[str]) -> PackFile:
    named, pdfa_named = entry.get("path", ""), entry.get("pdfa", "")
    path = _inside(root, listed, named)
    same = bool(pdfa_named) and pdfa_named == named
    pdfa = _inside(root, listed, pdfa_named) if pdfa_named and not same else None
    return PackFile(_plain_name(entry.get("name", ""), path), path, pdfa=pdfa, pdfa_same=same,
                    pdfa_note=_clip(entry.get("pdfa-note"), 300))


def _inside(root: Path, listed: frozenset[str], path: str) -> Path:
    """The payload file a package names: only a path its manifest lists, exactly."""
    if not path or f"data/{path}" not in listed:
        raise Invalid(OUTSIDE)
    payload = (root / "data").resolve()
    file = (payload / path).resolve()
    if not file.is_relative_to(payload) or not file.is_file():
        raise Invalid(OUTSIDE)
    return file


def _plain_name(name: str, path: Path) -> str:
    """A file name from the package, as a plain name: no folder, no control character."""
    plain = _CONTROL.sub("", name.replace("\\", "/")).rsplit("/", 1)[-1].strip()[:200]
    return plain if plain not in ("", ".", "..") else path.name


def _head_year(head: dict[str, str]) -> int:
    if not head.get("Title") or not head.get("FileNotation"):
        raise Invalid("Gói hồ sơ thiếu tiêu đề hoặc số ký hiệu hồ sơ.")
    try:
        year = int(head.get("FileCatalog") or 0)
    except ValueError:
        raise Invalid("Năm hình thành hồ sơ không hợp lệ.") from None
    if not 0 <= year <= 9999:
        raise Invalid("Năm hình thành hồ sơ không hợp lệ.")
    return year


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        raise Invalid(f"Ngày trong gói hồ sơ không hợp lệ: {text[:20]}.") from None


def _store(actor: User, blob: Blob, name: str) -> StoredFile:
    with _opened(blob) as stream:
        return store_file(actor=actor, stream=stream, name=name, size=_size(blob))


def import_package(*, actor: User, office: Office, source: IO[bytes]) -> ArchivedDossier:
    """Restore a packaged dossier as `ArchivedDossier`; every check runs before anything is
    written, and a failure while storing leaves no row and no file behind."""
    if not keeps_packages(actor, office.pk):
        raise NotAllowed("Chỉ lưu trữ viên hoặc văn phòng nhập gói hồ sơ.")
    with opened_package(source) as pack, cleanup_on_failure(), transaction.atomic():
        return _restore(actor, office, pack)


def _restore(actor: User, office: Office, pack: Pack) -> ArchivedDossier:
    head = pack.dossier
    year = _head_year(head)
    organization = Organization.objects.filter(
        office=office, organ_id=head["OrganId"]).first() if head.get("OrganId") else None
    dossier = ArchivedDossier.objects.create(
        office=office, organization=organization, organ_id=head.get("OrganId", "")[:13],
        organ_name=head.get("OrganName", "")[:200], file_catalog=year,
        file_notation=head["FileNotation"][:20], title=head["Title"][:500],
        maintenance=head.get("Maintenance", "")[:30], rights=head.get("Rights", "")[:30],
        creator=head.get("Creator", "")[:50], language=head.get("Language", "")[:50],
        start_date=_date(head.get("StartDate", "")), end_date=_date(head.get("EndDate", "")),
        description=head.get("Description", "")[:500], bag_info=pack.bag_info,
        imported_by=actor, imported_at=clock.now())
    for ordinal, document in enumerate(pack.documents, start=1):
        row = ArchivedDocument.objects.create(dossier=dossier, ordinal=ordinal,
                                              kind=document.kind, fields=document.fields)
        for file, path, pdfa in _layout(ordinal, document):
            stored = _store(actor, file.data, file.name)
            copy = stored if file.pdfa_same else None
            if file.pdfa is not None:
                copy = _store(actor, file.pdfa, Path(pdfa).name)
            ArchivedFile.objects.create(document=row, stored_file=stored, name=file.name,
                                        path=path, pdfa_file=copy, pdfa_path=pdfa,
                                        pdfa_note=file.pdfa_note)
    record_audit(actor=actor, action="archived.import", target=dossier,
                 summary=f"Nhập gói hồ sơ {dossier.file_notation}: {dossier.title[:120]}",
                 office_id=office.pk)
    return dossier
