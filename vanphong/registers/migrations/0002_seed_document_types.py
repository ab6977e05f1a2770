from django.db import migrations

from vanphong.registers.defaults import SYSTEM_TYPES


def seed(apps, schema_editor):
    DocumentType = apps.get_model("registers", "DocumentType")
    for system, rows in SYSTEM_TYPES.items():
        for position, (name, abbreviation) in enumerate(rows, start=1):
            DocumentType.objects.get_or_create(
                system=system, organization=None, name=name,
                defaults={"abbreviation": abbreviation, "position": position},
            )


class Migration(migrations.Migration):
    dependencies = [("registers", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
