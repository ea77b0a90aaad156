"""Names and bios refuse control characters from now on; those already stored lose them.

Search marks matches with U+0002 and U+0003, so no stored text may hold them. A display
name becomes one line (line breaks and tabs turn into spaces); a bio keeps its lines.
"""

import threadly.text
from django.db import migrations, models
from django.db.models import Q

# Control characters but NUL (PostgreSQL text cannot hold one), written so that both
# Python's and PostgreSQL's regular expressions read it the same way.
CONTROL = r"[\x01-\x1f\x7f-\x9f]"
CONTROL_BUT_LAYOUT = r"[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]"


def strip_control_characters(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    dirty = User.objects.filter(Q(display_name__regex=CONTROL) | Q(bio__regex=CONTROL_BUT_LAYOUT))
    for user in dirty.only("pk", "display_name", "bio").iterator():
        User.objects.filter(pk=user.pk).update(
            display_name=threadly.text.single_line_text(user.display_name).strip(),
            bio=threadly.text.multiline_text(user.bio),
        )


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0006_revokedtokenfamily'),
    ]

    operations = [
        migrations.AlterField(
            model_name='user',
            name='bio',
            field=models.CharField(blank=True, max_length=300, validators=[threadly.text.ControlCharacterValidator(multiline=True)]),
        ),
        migrations.AlterField(
            model_name='user',
            name='display_name',
            field=models.CharField(blank=True, max_length=50, validators=[threadly.text.ControlCharacterValidator()]),
        ),
        migrations.RunPython(strip_control_characters, migrations.RunPython.noop),
    ]
