"""Closing records and history lines stop carrying what a reader may not see.

Before, `closing_note` held the whole closing record (counts of every document, the review
points naming them) and history lines counted or named the documents filed and taken out,
whoever read them. Now the record is built per reader from the closer's note and per-
document points, and a history line about a document names it and is shown only to those
who may open it. Records written before keep only the closer's note (their points cannot
be tied to documents); old history lines about documents lose their counts and names. The
audit log keeps every original text.
"""

import re

import django.db.models.deletion
from django.db import migrations, models

RECORD = re.compile(r"Hồ sơ gồm \d+ văn bản \(\d+ văn bản đến, \d+ văn bản đi\); thời hạn "
                    r"bảo quản .+?; năm kết thúc công việc \d+\."
                    r"(?: (?!Kết thúc khi còn: )(?P<note>.*?))?"
                    r"(?: Kết thúc khi còn: .*)?", re.DOTALL)
PLAIN = {"file": "Đưa văn bản vào hồ sơ", "unfile": "Rút văn bản khỏi hồ sơ",
         "close": "Kết thúc hồ sơ"}


def forget_what_readers_may_not_see(apps, schema_editor):
    Dossier = apps.get_model("records", "Dossier")
    DossierEvent = apps.get_model("records", "DossierEvent")
    for dossier in Dossier.objects.exclude(closing_note=""):
        found = RECORD.fullmatch(dossier.closing_note)
        if found:
            dossier.closing_note = (found.group("note") or "").strip()
            dossier.save(update_fields=["closing_note"])
    for kind, note in PLAIN.items():
        DossierEvent.objects.filter(kind=kind).update(note=note)


class Migration(migrations.Migration):

    dependencies = [
        ('incoming', '0003_withdrawn_and_reply'),
        ('outgoing', '0002_seed_templates'),
        ('records', '0007_pdfa_copies'),
    ]

    operations = [
        migrations.AddField(
            model_name='dossier',
            name='closing_points',
            field=models.JSONField(blank=True, default=list),
        ),
        migrations.AddField(
            model_name='dossierevent',
            name='incoming',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='incoming.incomingdocument'),
        ),
        migrations.AddField(
            model_name='dossierevent',
            name='outgoing',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='outgoing.outgoingdocument'),
        ),
        migrations.AlterField(
            model_name='dossier',
            name='closing_note',
            field=models.TextField(blank=True, verbose_name='Ghi chú khi kết thúc'),
        ),
        migrations.RunPython(forget_what_readers_may_not_see, migrations.RunPython.noop),
    ]
