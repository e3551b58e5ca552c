"""Every write to the methods app's content: methods and their phases and
sources, categories, target groups, presenters, talks.

Each action takes a ``core.actions.Change`` (who, why, through which channel)
and runs inside ``core.actions.recorded``: atomic, in the change history, and
announced as changed content once committed. The plain writes are the kernel's
(core/actions.py), and "Bekræft oplysningerne" is core/verification.py's
``verify``; the admin (through ``RecordedAdminMixin``) and
restores from history call them.
"""

from core.actions import delete, delete_many, save, save_related
from core.verification import verify

__all__ = ["delete", "delete_many", "save", "save_related", "verify"]
