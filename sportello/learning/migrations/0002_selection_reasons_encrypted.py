"""The reasons of an operator selection speak about the trainees: encrypt them like assessments.

The column stays a text column; the rows written before are encrypted in place (read and written
with plain SQL, since the model now expects ciphertext). Needs the data key when rows exist."""

from django.db import migrations

import sportello.core.crypto


def _convert(apps, schema_editor, change):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, reasons FROM learning_selection WHERE reasons <> ''")
        rows = cursor.fetchall()
        for pk, value in rows:
            cursor.execute(
                "UPDATE learning_selection SET reasons = %s WHERE id = %s", [change(value), pk]
            )


def encrypt(apps, schema_editor):
    _convert(apps, schema_editor, sportello.core.crypto.encrypt)


def decrypt(apps, schema_editor):
    _convert(apps, schema_editor, sportello.core.crypto.decrypt)


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="selection",
            name="reasons",
            field=sportello.core.crypto.EncryptedTextField(verbose_name="reasons"),
        ),
        migrations.RunPython(encrypt, decrypt),
    ]
