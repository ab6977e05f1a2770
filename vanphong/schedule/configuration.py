"""Administrators keep the office's meeting rooms."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.db.models import QuerySet

from vanphong.audit.actions import record_audit
from vanphong.errors import Invalid, NotFound
from vanphong.organizations import access
from vanphong.organizations.models import Office, User
from vanphong.schedule.models import Room


def administered_rooms(user: User) -> QuerySet[Room]:
    return Room.objects.filter(office__in=access.administered_offices(user)).select_related(
        "office")


def get_room_for_admin(user: User, room_id: int) -> Room:
    room = administered_rooms(user).filter(pk=room_id).first()
    if room is None:
        raise NotFound("Không tìm thấy phòng họp.")
    return room


def save_room(*, actor: User, office: Office, name: str, capacity: int | None,
              is_active: bool = True, room: Room | None = None) -> Room:
    if office.pk not in access.administered_office_ids(actor):
        raise NotFound
    if not name.strip():
        raise Invalid("Nhập tên phòng.", fields={"name": "Bắt buộc."})
    try:
        with transaction.atomic():
            if room is None:
                room = Room.objects.create(office=office, name=name.strip(), capacity=capacity,
                                           is_active=is_active)
            else:
                Room.objects.filter(pk=room.pk).update(name=name.strip(), capacity=capacity,
                                                       is_active=is_active)
                room.refresh_from_db()
            record_audit(actor=actor, action="room.save", target=room,
                         summary=f"Phòng họp: {room.name}", office_id=office.pk)
    except IntegrityError:
        raise Invalid("Đã có phòng họp cùng tên.", fields={"name": "Trùng tên."}) from None
    return room
