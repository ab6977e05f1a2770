"""A person's calendar as an iCalendar feed (RFC 5545), for phones and desktop calendars:
the published (and later cancelled) events they attend, from a month back to half a
year ahead. The feed's address carries a private key; only its hash is stored, and a new
link revokes the old one."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event

from vanphong import clock
from vanphong.audit.actions import record_audit
from vanphong.organizations.models import User
from vanphong.schedule.models import CalendarFeed, EventState, ScheduleEvent

PAST = dt.timedelta(days=30)
AHEAD = dt.timedelta(days=180)


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def new_feed(*, user: User) -> str:
    """A fresh private link key for the user; any earlier link stops working."""
    key = secrets.token_urlsafe(32)
    with transaction.atomic():
        CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(
            revoked_at=clock.now())
        CalendarFeed.objects.create(user=user, key_hash=_hash(key), created_at=clock.now())
        record_audit(actor=user, action="calendar_feed.new", target=user,
                     summary="Tạo đường dẫn đồng bộ lịch mới")
    return key


def revoke_feeds(*, user: User) -> int:
    with transaction.atomic():
        count = CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(
            revoked_at=clock.now())
        if count:
            record_audit(actor=user, action="calendar_feed.revoke", target=user,
                         summary="Thu hồi đường dẫn đồng bộ lịch")
    return count


def user_for_key(key: str) -> User | None:
    feed = CalendarFeed.objects.filter(
        key_hash=_hash(key), revoked_at__isnull=True, user__is_active=True
    ).select_related("user").first()
    if feed is None:
        return None
    CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=clock.now())
    return feed.user


def feed_events(user: User) -> list[ScheduleEvent]:
    now = clock.now()
    return list(
        ScheduleEvent.objects.filter(
            attendees__person=user, state__in=[EventState.PUBLISHED, EventState.CANCELLED],
            ends_at__gte=now - PAST, starts_at__lte=now + AHEAD,
        ).distinct().select_related("room", "organization").prefetch_related(
            "attendees__person", "attendees__organization", "attendees__unit")
    )


def agenda_for(user: User, day: dt.date) -> list[ScheduleEvent]:
    """Today's published events the person chairs or attends ("Lịch hôm nay")."""
    start = timezone.make_aware(dt.datetime.combine(day, dt.time()))
    return list(ScheduleEvent.objects.filter(
        attendees__person=user, state=EventState.PUBLISHED, starts_at__gte=start,
        starts_at__lt=start + dt.timedelta(days=1),
    ).distinct().select_related("room").order_by("starts_at"))


def feed_for(user: User) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Mot Van Phong//Lich cong tac//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", f"Lịch công tác — {user.full_name}")
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for item in feed_events(user):
        event = Event()
        event.add("uid", f"event-{item.pk}@vanphong")
        event.add("dtstamp", clock.now())
        event.add("dtstart", item.starts_at)
        event.add("dtend", item.ends_at)
        event.add("summary", item.content[:250])
        if item.place:
            event.add("location", item.place)
        chair = item.chair
        lines = [f"Chủ trì: {chair.label}"] if chair else []
        if item.organization:
            lines.append(f"Cơ quan: {item.organization.name}")
        event.add("description", "\n".join(lines))
        event.add("sequence", item.sequence)
        event.add("status", "CANCELLED" if item.state == EventState.CANCELLED else "CONFIRMED")
        event.add("url", settings.BASE_URL + reverse("schedule:event", args=[item.pk]))
        calendar.add_component(event)
    return calendar.to_ical()
