"""Spreadsheet import and export of goals, targets and measurements.

One module per file a manager imports or downloads (goals.py, targets.py,
measurements.py), on one base (base.py); cells.py reads and writes cell values,
formats.py the files as Danish offices save them. The admin imports them in two
steps (a dry run shows every row's change, then confirm); the plan page offers
them for download. Rows are matched by natural keys (plan slug + goal code,
+ year for a target, + period for a measurement), so importing the same file
twice updates instead of duplicating. An import writes all rows or none, as one
recorded change (goals.actions.import_spreadsheet). The file format is
described in docs/goals.md.
"""

from .goals import GoalResource
from .measurements import MeasurementResource
from .targets import TargetResource

__all__ = ["GoalResource", "MeasurementResource", "TargetResource"]
