"""Who may use a stored file (issue 18 §2.3): its uploader, until something holds it;
then whoever may see a document, task, meeting or intake item that holds it — decided in
`vanphong.files.access`, which asks each holder type's own gatekeeper. Matrices over the
cast for downloading (the pages) and attaching (the gatekeeper, then every API endpoint
that takes file ids), refusals included: a missing file and a file one may not use get
the same answer."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from tests.conftest import make_pdf
from tests.test_api import ApiClient, api_as, assert_error, fields  # noqa: F401  (fixture)
from tests.test_incoming_permissions import EVERYONE, _register
from tests.test_meetings import BEFORE, conference  # noqa: F401  (fixture)
from tests.test_outgoing_flow import doc_type
from vanphong import clock
from vanphong.files.access import unregistered_relations, usable_ids
from vanphong.files.actions import delete_unattached_files, store_file
from vanphong.files.models import StoredFile
from vanphong.followup import actions as task_actions
from vanphong.followup.access import visible_tasks
from vanphong.followup.actions import AssigneeSpec, TaskSpec
from vanphong.incoming.access import visible_incoming
from vanphong.incoming.models import AssignmentKind, IncomingDocument
from vanphong.intake.access import visible_items
from vanphong.intake.receiving import receive_file
from vanphong.outgoing.access import visible_outgoing
from vanphong.outgoing.actions import DraftFields, RecipientSpec, create_draft
from vanphong.outgoing.models import Capacity, OutgoingDocument
from vanphong.registers.models import Secrecy
from vanphong.schedule import actions as schedule_actions
from vanphong.schedule.access import visible_meetings

pytestmark = pytest.mark.django_db


def _store(user, text: str, name: str = "tep.pdf") -> StoredFile:
    data = make_pdf(text)
    return store_file(actor=user, stream=io.BytesIO(data), name=name, size=len(data))


@dataclasses.dataclass
class Held:
    """A file held by one thing, the page that downloads it, and who may see the thing."""

    file: StoredFile
    url: str
    sees: Callable[[Any], bool]
    holder: Any = None


def _incoming(cast, secrecy: int = Secrecy.NONE) -> Held:
    document = _register(cast, secrecy=secrecy, subject=f"V/v hồ sơ {secrecy}")
    attachment = document.receipt.attachments.get()
    return Held(attachment.stored_file,
                reverse("incoming:download", args=[document.pk, attachment.pk]),
                lambda user: visible_incoming(user).filter(pk=document.pk).exists())


def _draft_with(cast, attachment: StoredFile) -> OutgoingDocument:
    fields = DraftFields(document_type=doc_type("Quyết định"), subject="Ban hành quy chế",
                         body="Điều 1. Ban hành quy chế.", signer=cast.chutich,
                         capacity=Capacity.COLLECTIVE, drafting_unit=cast.units["VHXH"],
                         recipients=(RecipientSpec(name="Trường Tiểu học Tân Hòa"),))
    return create_draft(actor=cast.chuyenvien, organization=cast.orgs["UBND"], fields=fields,
                        attachments=[attachment])


def _outgoing(cast) -> Held:
    document = _draft_with(cast, _store(cast.chuyenvien, "Phu luc du thao"))
    attachment = document.attachments.get()
    return Held(attachment.stored_file,
                reverse("outgoing:attachment", args=[document.pk, attachment.pk]),
                lambda user: visible_outgoing(user).filter(pk=document.pk).exists())


def _task(cast) -> Held:
    [task] = task_actions.create_tasks(actor=cast.chutich, organization=cast.orgs["UBND"], specs=[
        TaskSpec(title="Báo cáo kết quả chuyển đổi số", working_days=10, assignees=(
            AssigneeSpec(AssignmentKind.LEAD, cast.orgs["UBND"], cast.units["VHXH"],
                         cast.chuyenvien),))])
    stored = _store(cast.chuyenvien, "Bao cao tien do")
    task_actions.report_progress(actor=cast.chuyenvien, task=task, percent=30, note="Đang làm",
                                 files=[(stored, "bao-cao.pdf")])
    row = task.reports.get().files.get()
    return Held(stored, reverse("followup:download", args=[task.pk, row.pk]),
                lambda user: visible_tasks(user).filter(pk=task.pk).exists(), task)


def _meeting(cast, meeting) -> Held:
    stored = _store(cast.vanthu, "Tai lieu hop")
    with clock.frozen_at(BEFORE):
        schedule_actions.share_documents(actor=cast.vanthu, meeting=meeting,
                                         files=[(stored, "tai-lieu.pdf")])
    row = meeting.documents.get()
    return Held(stored, reverse("schedule:meeting_document", args=[meeting.pk, row.pk]),
                lambda user: visible_meetings(user).filter(pk=meeting.pk).exists())


def _intake(cast) -> Held:
    data = make_pdf("Cong van tiep nhan")
    item = receive_file(office=cast.office, stream=io.BytesIO(data), name="cv.pdf",
                        actor=cast.vanthu, size=len(data))
    return Held(item.original, reverse("intake:original", args=[item.pk]),
                lambda user: visible_items(user).filter(pk=item.pk).exists())


@pytest.fixture
def held(cast, conference) -> dict[str, Held]:  # noqa: F811
    return {"incoming": _incoming(cast), "secret incoming": _incoming(cast, Secrecy.SECRET),
            "outgoing": _outgoing(cast), "task": _task(cast),
            "meeting": _meeting(cast, conference), "intake": _intake(cast)}


def test_every_relation_to_a_stored_file_names_the_gatekeeper_of_its_holder():
    assert unregistered_relations() == []


@pytest.mark.parametrize("kind", ["incoming", "secret incoming", "outgoing", "task", "meeting",
                                  "intake"])
def test_a_held_file_is_downloaded_and_attached_only_by_who_sees_its_holder(
        cast, held, kind, client_for):
    case = held[kind]
    allowed, refused = set(), set()
    for name in EVERYONE:
        user = getattr(cast, name)
        sees = case.sees(user)
        (allowed if sees else refused).add(name)
        response = client_for(user).get(case.url)
        assert response.status_code == (200 if sees else 404), (kind, name)
        assert usable_ids(user, [case.file.pk]) == ({case.file.pk} if sees else set()), (
            kind, name)
    assert allowed and refused, (kind, allowed)  # the matrix says something both ways


def test_an_unattached_upload_is_usable_by_its_uploader_alone(cast, client_for):
    mine = _store(cast.chuyenvien, "Du thao cua toi")
    for name in EVERYONE:
        user = getattr(cast, name)
        expected = {mine.pk} if user == cast.chuyenvien else set()
        assert usable_ids(user, [mine.pk]) == expected, name
    assert usable_ids(None, [mine.pk]) == set()


# --- Attaching through the API: every endpoint that takes file ids -----------------------


def _upload(client: ApiClient, text: str, name: str = "tep.pdf") -> str:
    response = client.upload(name, make_pdf(text))
    assert response.status_code == 201, response.content
    return response.json()["id"]


def _split(user, held: dict[str, Held], *own_uploads: str) -> tuple[list[str], list[str]]:
    """The held files `user` may attach (they see the holder) and those they may not,
    with uploads of other people, by the holders' own gatekeepers."""
    seen = [str(h.file.pk) for h in held.values() if h.sees(user)]
    unseen = [str(h.file.pk) for h in held.values() if not h.sees(user)]
    assert unseen, "the matrix must hold files this person may not use"
    return seen, unseen + list(own_uploads)


def _refusals(send: Callable[[str], Any], refused: list[str]) -> None:
    """Each refused id gets exactly the answer of an id that does not exist."""
    missing = str(uuid.uuid4())
    expected = assert_error(send(missing), 422, "invalid")
    for file_id in refused:
        error = assert_error(send(file_id), 422, "invalid")
        assert json.loads(json.dumps(error, ensure_ascii=False).replace(file_id, missing)
                          ) == expected


def test_registering_attaches_only_files_the_clerk_may_use(cast, held, api_as):  # noqa: F811
    clerk = api_as(cast.vanthu2)
    seen, refused = _split(cast.vanthu2, held, str(_store(cast.vanthu, "Cua nguoi khac").pk))

    def send(file_id: str):
        return clerk.post("/incoming", fields(organization_ids=[cast.orgs["ĐU"].pk],
                                              file_ids=[file_id], has_paper_original=False,
                                              allow_duplicate=True, code="4/TB-ĐU"))

    _refusals(send, refused)
    assert not IncomingDocument.objects.filter(organization=cast.orgs["ĐU"]).exists()
    for file_id in [_upload(clerk, "Cua toi"), *seen]:
        assert send(file_id).status_code == 201, file_id
    assert IncomingDocument.objects.filter(organization=cast.orgs["ĐU"]).count() == 1 + len(seen)


def test_task_reports_attach_only_files_the_assignee_may_use(cast, held, api_as):  # noqa: F811
    specialist = api_as(cast.chuyenvien)
    task = held["task"].holder.pk
    seen, refused = _split(cast.chuyenvien, held,
                           str(_store(cast.chuyenvien2, "Cua dong nghiep").pk))

    def progress(file_id: str):
        return specialist.post(f"/tasks/{task}/progress",
                               {"percent": 50, "note": "Báo cáo", "file_ids": [file_id]})

    def complete(file_id: str):
        return specialist.post(f"/tasks/{task}/complete",
                               {"result": "Đã xong", "file_ids": [file_id]})

    _refusals(progress, refused)
    _refusals(complete, refused)
    for file_id in [_upload(specialist, "Bao cao cua toi"), *seen]:
        assert progress(file_id).status_code == 200, file_id
    assert complete(_upload(specialist, "Minh chung")).status_code == 200


def test_meeting_documents_and_minutes_attach_only_usable_files(
        cast, held, api_as, conference):  # noqa: F811
    staff = api_as(cast.vanthu2)
    seen, refused = _split(cast.vanthu2, held, str(_store(cast.vanthu, "Bien ban nhap").pk))
    path = f"/meetings/{conference.pk}"
    with clock.frozen_at(BEFORE):
        _refusals(lambda f: staff.post(path + "/documents", {"file_ids": [f]}), refused)
        _refusals(lambda f: staff.post(path + "/minutes", {"text": "", "file_id": f}), refused)
        for file_id in [_upload(staff, "Tai lieu 2"), *seen]:
            shared = staff.post(path + "/documents", {"file_ids": [file_id]})
            assert shared.status_code == 200, shared.content
        minutes = staff.post(path + "/minutes", {"file_id": _upload(staff, "Bien ban")})
        assert minutes.status_code == 200, minutes.content


# --- Uploading the same bytes twice ------------------------------------------------------


def test_an_upload_never_reveals_whose_file_it_duplicates(cast, held, api_as):  # noqa: F811
    secret = held["secret incoming"].file
    with open_blob(secret) as blob:
        data = blob.read()
    outsider = api_as(cast.chuyenvien2)
    answer = outsider.upload("cua-toi.pdf", data).json()
    assert answer["id"] != str(secret.pk) and answer["original_name"] == "cua-toi.pdf"
    assert str(secret.pk) not in json.dumps(answer)
    copy = StoredFile.objects.get(pk=answer["id"])
    assert copy.storage_name == secret.storage_name  # the bytes are stored once
    assert copy.created_by == cast.chuyenvien2
    # Their own upload of the same bytes is theirs again; the clerk's is the one they see.
    assert outsider.upload("lan-2.pdf", data).json()["id"] == answer["id"]
    assert api_as(cast.vanthu).upload("ban-sao.pdf", data).json()["id"] == str(secret.pk)


def test_the_same_bytes_are_still_found_as_a_duplicate_registration(cast, held, api_as):  # noqa: F811
    secret = held["secret incoming"].file
    with open_blob(secret) as blob:
        data = blob.read()
    clerk = api_as(cast.vanthu2)
    file_id = clerk.upload("ban-chup.pdf", data).json()["id"]
    assert file_id != str(secret.pk)
    response = clerk.post("/incoming", fields(organization_ids=[cast.orgs["UBND"].pk],
                                              code="77/TB-XYZ", file_ids=[file_id],
                                              has_paper_original=False))
    error = assert_error(response, 409, "duplicate")
    assert error["duplicates"] == [] and error["hidden_duplicates"] == 1


def open_blob(stored: StoredFile):
    from vanphong.files.actions import open_stored

    return open_stored(stored)


# --- Cleaning up ---------------------------------------------------------------------------


def test_cleanup_keeps_files_held_without_a_reverse_name_and_shared_blobs(cast, settings,
                                                                          tmp_path):
    attachment = _store(cast.chuyenvien, "Phu luc giu lai")
    document = _draft_with(cast, attachment)  # OutgoingAttachment: related_name="+"
    with open_blob(attachment) as blob:
        data = blob.read()
    twin = store_file(actor=cast.chuyenvien2, stream=io.BytesIO(data), name="ban-sao.pdf")
    assert twin.pk != attachment.pk and twin.storage_name == attachment.storage_name
    with clock.frozen_at(clock.now() + dt.timedelta(days=2)):
        assert delete_unattached_files(older_than=dt.timedelta(days=1)) == 1
    assert set(StoredFile.objects.values_list("pk", flat=True)) >= {attachment.pk}
    assert not StoredFile.objects.filter(pk=twin.pk).exists()
    assert (tmp_path / "files" / attachment.storage_name).exists()
    assert document.attachments.get().stored_file_id == attachment.pk


def test_a_browser_session_cannot_use_a_file_id_either(cast, held):
    """The pages take uploads, never file ids: the only ids a form carries are signed for
    the person who uploaded the file in that form."""
    from vanphong.incoming.forms import sign_kept_file, unsign_kept_files

    secret = held["secret incoming"].file
    token = sign_kept_file(secret, cast.vanthu2)  # even a token signed for them
    assert unsign_kept_files([token], cast.vanthu2) == []
    assert unsign_kept_files([sign_kept_file(secret, cast.vanthu)], cast.vanthu) == [secret]
    assert Client().get(held["incoming"].url).status_code == 302  # to the login page
