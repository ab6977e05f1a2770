"""Issuing and revoking API tokens. The token itself is returned once and never stored."""

from __future__ import annotations

from django.db import transaction

from vanphong import clock
from vanphong.api.models import ApiToken, hash_token, new_token
from vanphong.audit.actions import record_audit
from vanphong.errors import Invalid
from vanphong.organizations.models import User


def issue_token(*, actor: User | None, user: User, name: str = "") -> tuple[ApiToken, str]:
    """Create a token for `user`; returns the row and the token to hand over once."""
    if not user.is_active:
        raise Invalid(f"Tài khoản {user.username} đã ngừng hoạt động; không cấp mã truy cập.")
    token = new_token()
    with transaction.atomic():
        row = ApiToken.objects.create(user=user, name=name[:100], key_hash=hash_token(token))
        record_audit(actor=actor, action="api.issue_token", target=row,
                     summary=f"Cấp mã truy cập API cho {user.username}", user=user.pk,
                     name=row.name)
    return row, token


def revoke_tokens(*, actor: User | None, user: User, name: str | None = None) -> int:
    """Revoke the user's live tokens (only those with `name` when given)."""
    rows = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    if name is not None:
        rows = rows.filter(name=name)
    with transaction.atomic():
        ids = list(rows.values_list("pk", flat=True))
        ApiToken.objects.filter(pk__in=ids).update(revoked_at=clock.now())
        for pk in ids:
            record_audit(actor=actor, action="api.revoke_token", summary=(
                f"Thu hồi mã truy cập API của {user.username}"), token=pk, user=user.pk)
    return len(ids)
