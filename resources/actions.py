"""Every write to the library: resources (materials) and knowledge sources.

Each action takes a ``core.actions.Change`` (who, why, through which channel)
and runs inside ``core.actions.recorded``: atomic, in the change history, and
announced as changed content once committed. The plain writes are the kernel's
(core/actions.py); the admin (through ``RecordedAdminMixin``) and
restores from history call them.
"""

from core.actions import delete, delete_many, save, save_related

__all__ = ["delete", "delete_many", "save", "save_related"]
