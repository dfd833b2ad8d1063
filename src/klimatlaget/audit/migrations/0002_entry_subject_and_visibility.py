import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0001_initial"),
        ("organisations", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="subject",
            field=models.CharField(default="", max_length=30, verbose_name="subject"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="subject_id",
            field=models.PositiveBigIntegerField(blank=True, null=True, verbose_name="subject id"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="visibility",
            field=models.CharField(
                choices=[
                    ("public", "everyone who may read the history"),
                    ("association", "the association's secretariat"),
                    ("member", "the member's own editors and the secretariat"),
                    ("response", "those who may see the survey response"),
                ],
                default="public",
                max_length=20,
                verbose_name="visible to",
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditentry",
            name="association",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to="organisations.organisation",
            ),
        ),
    ]
