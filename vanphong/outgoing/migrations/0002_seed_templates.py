from django.db import migrations

from vanphong.outgoing.defaults import seed_templates


def seed(apps, schema_editor):
    seed_templates(apps.get_model("outgoing", "Template"), apps.get_model("registers", "DocumentType"))


class Migration(migrations.Migration):
    dependencies = [("outgoing", "0001_initial"), ("registers", "0002_seed_document_types")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
