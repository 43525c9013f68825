"""The workbooks: the yearly report (:mod:`.report`, with :mod:`.progress` and its
charts, built from the pieces in :mod:`.sheets`), the correction workbook
(:mod:`.corrections`) and the submission form (:mod:`.template`)."""
