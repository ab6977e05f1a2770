"""Unreadable e-mail messages are recorded with their reason; each claim of an intake
item sets a token its worker's writes are conditional on; routing models stored as
pickles are dropped (unpickling them would run whatever a database writer put there).
The worker trains new ones, in the safe format, at its next hourly retraining."""

from django.db import migrations, models


def drop_pickled_routing_models(apps, schema_editor):
    # Every row before this migration is a pickle: none is read, all are deleted.
    apps.get_model("intake", "RoutingModel").objects.all().delete()


class Migration(migrations.Migration):

    dependencies = [
        ("intake", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="mailmessage",
            name="error",
            field=models.CharField(
                blank=True, max_length=300, verbose_name="Lý do không đọc được"
            ),
        ),
        migrations.AddField(
            model_name="intakeitem",
            name="lease_token",
            field=models.UUIDField(blank=True, editable=False, null=True),
        ),
        migrations.RunPython(drop_pickled_routing_models, migrations.RunPython.noop),
    ]
