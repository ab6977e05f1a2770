from django.db import migrations


def seed(apps, schema_editor):
    from vanphong.records.defaults import seed_retention_rules

    seed_retention_rules(apps.get_model("records", "RetentionRule"))


class Migration(migrations.Migration):
    dependencies = [("records", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
