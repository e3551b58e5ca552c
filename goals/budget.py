"""A plan's budget tables as rows for a page: each line with its depth, and for
a subtotal the sum of its lines beside the document's own figure."""

from dataclasses import dataclass
from decimal import Decimal
from itertools import groupby


@dataclass(frozen=True)
class BudgetRow:
    line: object
    depth: int
    #: The sum of the lines under this one; None for a line with none.
    computed: Decimal | None

    @property
    def difference(self):
        """Document's subtotal minus the computed sum (0 when they agree)."""
        if self.computed is None:
            return None
        return self.line.amount - self.computed


def budget_tables(lines):
    """``[(table title, [BudgetRow, ...]), ...]`` in the document's order."""
    lines = sorted(lines, key=lambda line: line.order)
    children = {}
    for line in lines:
        children.setdefault(line.parent_id, []).append(line)
    tables = []
    for title, members in groupby(lines, key=lambda line: line.table):
        members = list(members)
        by_id = {line.pk: line for line in members}
        rows = [
            BudgetRow(
                line=line,
                depth=_depth(line, by_id),
                computed=line.computed_amount(children.get(line.pk, [])),
            )
            for line in members
        ]
        tables.append((title, rows))
    return tables


def _depth(line, by_id):
    """How many subtotals a line sits under, not counting the table's total."""
    depth, parent = 0, by_id.get(line.parent_id)
    while parent is not None and parent.parent_id is not None:
        depth += 1
        parent = by_id.get(parent.parent_id)
    return depth
