import uuid

import django.db.models.deletion
from django.db import migrations, models


def give_codes(apps, schema_editor):
    IntakeLink = apps.get_model("casework", "IntakeLink")
    for link in IntakeLink.objects.filter(code__isnull=True):
        link.code = uuid.uuid4()
        link.save(update_fields=["code"])


class Migration(migrations.Migration):
    dependencies = [
        ("casework", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="intakelink",
            name="code",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(give_codes, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="intakelink",
            name="code",
            field=models.UUIDField(default=uuid.uuid4, editable=False, unique=True),
        ),
        migrations.AddField(
            model_name="intake",
            name="link",
            field=models.ForeignKey(
                blank=True,
                help_text="Sent without an account, through this place's link.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="intakes",
                to="casework.intakelink",
            ),
        ),
        migrations.AddField(
            model_name="intake",
            name="source",
            field=models.CharField(
                blank=True,
                choices=[
                    ("teacher", "Teacher"),
                    ("school_staff", "School staff"),
                    ("doctor", "Doctor"),
                    ("paediatrician", "Paediatrician"),
                    ("municipal_clerk", "Municipal clerk"),
                    ("association", "Association"),
                    ("word_of_mouth", "Word of mouth"),
                    ("self", "Came by themselves"),
                    ("outreach", "Met by the operator"),
                ],
                max_length=20,
                verbose_name="you are",
            ),
        ),
    ]
