"""Spreadsheet files as Danish offices make them, for django-import-export.

CSV from a Danish Excel is separated by semicolons, uses a decimal comma and is
saved as UTF-8 (with or without a byte-order mark) or as Windows-1252; “Unicode
text” is UTF-16 with tabs. XLSX cells typed as “47,5 %” hold 0.475. These
formats read all of them and write what a Danish Excel opens correctly:
semicolon-separated UTF-8 with a byte-order mark, and XLSX.
"""

import codecs
import csv
import datetime
import io
from decimal import Decimal
from itertools import islice

import tablib
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export.formats import base_formats

from core.formats import format_file_size, format_number

from .cells import Percentage

DELIMITERS = (";", ",", "\t")


class SpreadsheetError(ValueError):
    """The file cannot be read as a table; the message is Danish."""


class FileLimitError(SpreadsheetError):
    """The file is larger than the import reads; the message says what to do."""


class DanishCSV(base_formats.CSV):
    """Reads bytes, finds encoding and separator itself; writes ``;`` and BOM."""

    def is_binary(self):
        # The admin then hands over the file's bytes undecoded: the encoding is
        # found here, not assumed.
        return True

    def get_read_mode(self):
        return "rb"

    def get_content_type(self):
        return "text/csv; charset=utf-8"

    def create_dataset(self, in_stream, **kwargs):
        check_size(in_stream)
        text = decode(in_stream)
        first_line = next(iter(text.splitlines()), "")
        delimiter = guess_delimiter(first_line)
        rows = (
            row
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
            if any(cell.strip() for cell in row)
        )
        return _dataset(_at_most(rows))

    def export_data(self, dataset, **kwargs):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
        writer.writerow(dataset.headers)
        writer.writerows(dataset)
        return codecs.BOM_UTF8 + buffer.getvalue().encode("utf-8")


class DanishXLSX(base_formats.XLSX):
    """The first sheet; percent-formatted cells as the percentage they show."""

    def create_dataset(self, in_stream):
        import openpyxl

        check_size(in_stream)
        try:
            book = openpyxl.load_workbook(
                io.BytesIO(in_stream), read_only=True, data_only=True
            )
        except Exception as error:  # openpyxl raises many kinds for a bad file
            raise SpreadsheetError(
                _("Filen kan ikke læses som et Excel-ark (xlsx).")
            ) from error
        rows = (
            [_cell_value(cell) for cell in row]
            for row in book.active.iter_rows()
            if any(cell.value not in (None, "") for cell in row)
        )
        try:
            rows = _at_most(rows)
        finally:
            book.close()
        return _dataset(rows)

    def export_data(self, dataset, **kwargs):
        """One sheet named as the dataset, the column names bold and frozen;
        numbers as numbers, dates as dates and percentages (``Percentage``)
        as percent cells, each with the format a Danish Excel shows."""
        import openpyxl
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
        from openpyxl.styles import Font

        book = openpyxl.Workbook()
        sheet = book.active
        sheet.title = sheet_title(dataset.title)
        sheet.append([str(header) for header in dataset.headers or []])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for row in dataset:
            sheet.append([_xlsx_value(value, ILLEGAL_CHARACTERS_RE) for value in row])
            for cell, value in zip(sheet[sheet.max_row], row, strict=False):
                number_format = _xlsx_format(value)
                if number_format:
                    cell.number_format = number_format
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()


FORMATS = [DanishCSV, DanishXLSX]


def sheet_title(title):
    """A sheet name Excel accepts: at most 31 characters, none of []:*?/\\."""
    name = "".join(c for c in str(title or "") if c not in "[]:*?/\\").strip()
    return name[:31] or "Ark1"


def _xlsx_value(value, illegal):
    if isinstance(value, Percentage):
        return Decimal(value) / 100
    if isinstance(value, datetime.datetime):
        # Excel has no time zones: the local time, as the pages show it.
        return (
            timezone.localtime(value).replace(tzinfo=None)
            if timezone.is_aware(value)
            else value
        )
    if isinstance(value, str):
        return illegal.sub("", value)
    return value


def _xlsx_format(value):
    """The number format of a cell for ``value``, or None for the default."""
    if isinstance(value, Percentage):
        decimals = max(0, -Decimal(value).normalize().as_tuple().exponent)
        return "0" + ("." + "0" * decimals if decimals else "") + "%"
    if isinstance(value, datetime.datetime):
        return "dd-mm-yyyy hh:mm"
    if isinstance(value, datetime.date):
        return "dd-mm-yyyy"
    return None


def decode(data):
    """Text from bytes: UTF-8/UTF-16 by their byte-order mark, else UTF-8, else
    Windows-1252 (what a Danish Excel saves as “CSV (semikolonsepareret)”)."""
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def guess_delimiter(header_line):
    """The separator used in the header row: headers hold no decimal commas."""
    counts = {d: header_line.count(d) for d in DELIMITERS}
    best = max(counts, key=counts.get)
    return best if counts[best] else ";"


def check_size(data):
    """A Danish error for a file larger than the import reads."""
    limit = settings.GOALS_IMPORT_MAX_BYTES
    if len(data) > limit:
        raise FileLimitError(
            _(
                "Filen er for stor (%(size)s). Den må højst fylde %(limit)s. Del "
                "den i flere filer, eller slet de kolonner, importen ikke bruger."
            )
            % {"size": format_file_size(len(data)), "limit": format_file_size(limit)}
        )


def _at_most(rows):
    """The first rows, up to the column names and the most rows an import
    reads; a Danish error if there are more (read no further than that)."""
    limit = settings.GOALS_IMPORT_MAX_ROWS
    rows = list(islice(rows, limit + 2))
    if len(rows) > limit + 1:
        raise FileLimitError(
            _(
                "Filen har mere end %(limit)s rækker. Del den i flere filer med "
                "højst %(limit)s rækker hver, og importér dem en ad gangen."
            )
            % {"limit": format_number(limit)}
        )
    return rows


def _dataset(rows):
    if not rows:
        raise SpreadsheetError(
            _(
                "Filen er tom: der er ingen rækker i den (i et Excel-ark læses det "
                "første ark)."
            )
        )
    # Spreadsheets often carry empty columns to the right of the table; a
    # title line above it is narrower than the table (its rows are kept whole,
    # so the import can say where the column names really are).
    width = max(_width(row) for row in rows[:20])
    headers = [str(cell).strip() if cell is not None else "" for cell in rows[0]]
    headers = (headers + [""] * width)[:width]
    dataset = tablib.Dataset(headers=headers)
    for row in rows[1:]:
        cells = list(row[:width]) + [""] * (width - len(row))
        dataset.append(cells)
    return dataset


def _width(row):
    filled = [i for i, cell in enumerate(row) if str(cell or "").strip()]
    return filled[-1] + 1 if filled else 0


def _cell_value(cell):
    value = cell.value
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    number = Decimal(str(value))
    if "%" in (getattr(cell, "number_format", "") or ""):
        number *= 100
    return number
