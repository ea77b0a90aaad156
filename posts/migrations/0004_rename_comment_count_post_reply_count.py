from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("posts", "0003_text_without_control_characters")]

    operations = [migrations.RenameField(model_name="post", old_name="comment_count", new_name="reply_count")]
