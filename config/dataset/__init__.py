"""Synthetic content for load and query-count tests (``manage.py
generate_dataset``): generator.py adds the rows, shape.py counts the seed they
multiply, text.py writes the Danish-looking text (Faker ``da_DK`` for people
and places), vocabulary.py holds the field's own words."""
