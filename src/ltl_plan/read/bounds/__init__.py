"""How many cells a workbook would make, found before calamine parses it.

calamine makes a sheet's cells as one block: the rows × columns between the first and
the last cell that holds a value, whatever lies between. One cell at XFD1048576 in a
2 KB file is 17 billion cells, and when Rust cannot allocate them it aborts the process
(it raises nothing Python could catch). So every sheet is measured from its bytes first,
and refused when its block would exceed :attr:`Limits.max_cells
<ltl_plan.read.files.Limits>`:

- **.xlsx, .xlsm**: the sheet's XML is streamed (never held whole) and every cell
  reference checked against a bound, by one regular-expression pass that matches only
  the cells beyond the bound or written in an unusual way (``xlsx.xlsx_sheet_extent``).
  The bound starts at the sheet's ``<dimension>`` and rises to the cells actually used,
  so a wrong or missing dimension costs nothing but a few steps. A sheet the pass cannot
  vouch for (cells without references, namespace prefixes, odd attribute order, or a
  bound above the limit) is measured exactly, as calamine would place its cells, with
  expat. Also the shared strings' declared ``uniqueCount``, which calamine reserves
  room for before reading any.
- **.ods**: calamine parses every table when the file is opened, expanding
  ``number-rows-repeated`` and ``number-columns-repeated``; ``content.xml`` is streamed
  and the repeats summed as calamine expands them (trailing empty rows and cells, which
  LibreOffice writes with huge repeats, are not expanded and not counted).
- **.xls**: calamine parses every sheet when the file is opened; the Workbook stream is
  taken out of the compound file and each sheet's cell records read for their rows and
  columns (BIFF8 allows 65,536 × 65,536).
- **.xlsb**: the shared strings' declared count, and each sheet's cell records (columns
  are 32-bit there).

Each function raises :class:`~ltl_plan.errors.InputError` saying which limit was hit,
the numbers, and how to raise it. One module per format; ``common`` holds what they share.
"""

from ltl_plan.read.bounds.common import MAX_COLUMNS, MAX_ROWS, too_many
from ltl_plan.read.bounds.ods import MAX_REPEATED_ROW, check_ods
from ltl_plan.read.bounds.xls import check_xls
from ltl_plan.read.bounds.xlsb import check_xlsb, check_xlsb_sheet
from ltl_plan.read.bounds.xlsx import check_shared_strings, check_xlsx_sheet

__all__ = [
    "MAX_COLUMNS",
    "MAX_REPEATED_ROW",
    "MAX_ROWS",
    "check_ods",
    "check_shared_strings",
    "check_xls",
    "check_xlsb",
    "check_xlsb_sheet",
    "check_xlsx_sheet",
    "too_many",
]
