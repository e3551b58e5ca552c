"""Signals the goals app sends, for the layers above it.

``figures_imported`` is sent (sender: the model, Target or Measurement) when an
import has written rows in bulk. Bulk writes send no ``post_save``; whatever
reacts to saved content (the page cache in config/cache.py) listens here too.
It is sent inside the import's transaction, before it commits.

The import is a recorded action (goals.actions.import_spreadsheet), which sends
``core.signals.content_changed`` once it commits: what listens here can listen
there instead, and this signal go, once the page cache does.
"""

from django.dispatch import Signal

figures_imported = Signal()
