"""Recovery codes stored in clear by earlier versions become their keyed hash (see
accounts.services.recovery_code_digest): they keep working, and the database no longer holds them."""

import re

from django.db import migrations

DIGEST = re.compile(r"[0-9a-f]{16}")


def hash_clear_codes(apps, schema_editor):
    from sportello.accounts.services import recovery_code_digest

    StaticToken = apps.get_model("otp_static", "StaticToken")
    for token in StaticToken.objects.all():
        if not DIGEST.fullmatch(token.token):
            token.token = recovery_code_digest(token.token)
            token.save(update_fields=["token"])


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("otp_static", "0003_add_timestamps"),
    ]

    operations = [migrations.RunPython(hash_clear_codes, migrations.RunPython.noop)]
