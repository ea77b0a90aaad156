"""Post and reply bodies refuse control characters in the admin; those already stored lose them.

Search marks matches with U+0002 and U+0003, so no stored body may hold them. Bodies keep
their line breaks, spelt `\n` as the services now store them, and their tabs.
"""

import threadly.text
from django.db import migrations, models

# Control characters but NUL, tab and line feed (carriage returns are rewritten), written so
# that both Python's and PostgreSQL's regular expressions read it the same way.
UNCLEAN = r"[\x01-\x08\x0b-\x1f\x7f-\x9f]"


def strip_control_characters(apps, schema_editor):
    for model_name in ("Post", "Comment"):
        model = apps.get_model("posts", model_name)
        for row in model.objects.filter(body__regex=UNCLEAN).only("pk", "body").iterator():
            model.objects.filter(pk=row.pk).update(body=threadly.text.multiline_text(row.body))


class Migration(migrations.Migration):

    dependencies = [
        ('posts', '0002_comment_removed_at_post_removed_at'),
    ]

    operations = [
        migrations.AlterField(
            model_name='comment',
            name='body',
            field=models.TextField(validators=[threadly.text.ControlCharacterValidator(multiline=True)]),
        ),
        migrations.AlterField(
            model_name='post',
            name='body',
            field=models.TextField(validators=[threadly.text.ControlCharacterValidator(multiline=True)]),
        ),
        migrations.RunPython(strip_control_characters, migrations.RunPython.noop),
    ]
