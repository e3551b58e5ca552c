"""Signals the kernel sends for the layers above it.

``content_changed`` is sent once an action's transaction has committed, with
``sender`` the app label whose content changed (``"services"``) and
``change`` the ``core.actions.Change`` that did it. What reacts to content (the
page cache, a search index) listens here, not to each model's ``post_save``.
"""

from django.dispatch import Signal

content_changed = Signal()
