import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.CreateModel(
            name='SeedRecord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_id', models.PositiveBigIntegerField(verbose_name='rækkens id')),
                ('seed_key', models.TextField(help_text='Postens naturlige nøgle i datafilen, da den blev indlæst.', verbose_name='nøgle i datafilen')),
                ('loaded_at', models.DateTimeField(auto_now_add=True, verbose_name='indlæst')),
                ('content_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to='contenttypes.contenttype', verbose_name='indholdstype')),
            ],
            options={
                'verbose_name': 'indlæst grundindhold',
                'verbose_name_plural': 'indlæst grundindhold',
                'indexes': [models.Index(fields=['content_type', 'object_id'], name='core_seed_record_object_idx')],
                'constraints': [models.UniqueConstraint(fields=('content_type', 'seed_key'), name='core_seed_record_unique_key')],
            },
        ),
    ]
