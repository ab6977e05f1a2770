from django.db import migrations

from vanphong.registers.defaults import seed_document_types


def seed(apps, schema_editor):
    seed_document_types(apps.get_model("registers", "DocumentType"))


class Migration(migrations.Migration):
    dependencies = [("registers", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
