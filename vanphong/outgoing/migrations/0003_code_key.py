"""Outgoing documents keep the lookup key of their code, as incoming documents do, so a
list matches a typed code the same way on both sides."""

from django.db import migrations, models

from vanphong.vietnamese import code_key


def fill_keys(apps, schema_editor):
    OutgoingDocument = apps.get_model("outgoing", "OutgoingDocument")
    numbered = OutgoingDocument.objects.exclude(code="").only("pk", "code")
    for document in numbered.iterator(chunk_size=1000):
        OutgoingDocument.objects.filter(pk=document.pk).update(code_key=code_key(document.code))


class Migration(migrations.Migration):

    dependencies = [
        ("outgoing", "0002_seed_templates"),
    ]

    operations = [
        migrations.AddField(
            model_name="outgoingdocument",
            name="code_key",
            field=models.CharField(blank=True, db_index=True, max_length=50),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
    ]
