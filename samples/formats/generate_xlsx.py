#!/usr/bin/env python3
"""Writes samples/formats/city-statistics.xlsx, the Excel workbook the reader's tests use, part by part in the shape
Excel itself saves (standard library only; openpyxl, which writes inline strings, would not exercise shared strings):

- sheet "Notes" first: a cover sheet of text, as statistics offices put first;
- sheet "Long data": area codes with leading zeros as shared strings, indicator, sex, year (numbers), value (numbers,
  one text "n/a", one error cell #N/A), a row Excel leaves out (row 5) and a formatted row without values (row 7),
  an `updated` column of date serials in two date formats (built-in 14 and a custom `yyyy-mm-dd`), a rich-text
  cell, a cell with a comma and quotes;
- sheet "Wide": years as numbers in the header, a missing cell, trailing cells past the header;
- sheet "Titled": a title on row 1 and the header on row 3 (`header_row: 3`), its part named by an absolute target,
  a formula cell with its cached value;
- sheet "Merged": a two-row header whose first cells are merged down (A1:A2, B1:B2) and a group label merged across
  the years (C1:E1), and an area merged down its two indicators' rows (A3:A4): read with `header_row: 2`.

usage: python3 samples/formats/generate_xlsx.py  (then commit the .xlsx; the tests read the committed file)
"""
import os
import zipfile
from xml.sax.saxutils import escape

strings = []


def s(text):
    if text not in strings:
        strings.append(text)
    return strings.index(text)


def cell(ref, value, style=None):
    st = f' s="{style}"' if style is not None else ""
    if isinstance(value, str) and value.startswith("#"):
        return f'<c r="{ref}" t="e"{st}><v>{value}</v></c>'
    if isinstance(value, str):
        return f'<c r="{ref}" t="s"{st}><v>{s(value)}</v></c>'
    return f'<c r="{ref}"{st}><v>{value}</v></c>'


def sheet(rows):
    out = []
    for number, cells in rows:
        out.append(f'<row r="{number}">' + "".join(cell(*c) for c in cells) + "</row>")
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats'
            '.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheetData>' + "".join(out) + "</sheetData></worksheet>")


notes = sheet([(1, [("A1", "Municipal statistics, library and learning indicators")]),
               (2, [("A2", "Source: city statistics office, extracted 2026-11-30")])])
long_rows = [(1, [("A1", "area"), ("B1", "indicator"), ("C1", "sex"), ("D1", "year"), ("E1", "value"), ("F1", "updated")])]
data = [
    (2, "0363", "LIB_VISITS", "_T", 2019, 3.25, 43921, 1),
    (3, "0363", "LIB_VISITS", "_T", 2020, 2.5, 44286, 2),
    (4, "0363", "ADULT_LEARN", "F", 2019, 18.9, 43921, 1),
    (6, "0344", "LIB_VISITS", "_T", 2019, 4, 43921, 1),
    (8, "0344", "LIB_VISITS", "_T", 2020, "n/a", 44286, 2),
    (9, '0344, Utrecht "centre"', "ADULT_LEARN", "F", 2019, 17.1, 43921, 1),
    (10, "0599", "LIB_VISITS", "_T", 2020, "#N/A", 44286, 1),
]
for row, area, ind, sex, year, value, updated, style in data:
    long_rows.append((row, [(f"A{row}", area), (f"B{row}", ind), (f"C{row}", sex), (f"D{row}", year),
                            (f"E{row}", value), (f"F{row}", updated, style)]))
long_rows.insert(5, (7, [("A7", "", 0)]))  # a formatted row without a value: written below as an empty cell
long_xml = sheet(long_rows).replace('<c r="A7" t="s" s="0"><v>' + str(s("")) + "</v></c>", '<c r="A7" s="0"/>')
wide = sheet([
    (1, [("A1", "area"), ("B1", "indicator"), ("C1", 2018), ("D1", 2019), ("E1", 2020)]),
    (2, [("A2", "0363"), ("B2", "LIB_VISITS"), ("C2", 3), ("D2", 3.25), ("E2", 2.5)]),
    (3, [("A3", "0344"), ("B3", "LIB_VISITS"), ("C3", 3.5), ("E3", 4.5)]),
])
titled = sheet([
    (1, [("A1", "Table 3. Library visits per inhabitant, by municipality")]),
    (3, [("A3", "area"), ("B3", "indicator"), ("C3", "year"), ("D3", "value")]),
    (4, [("A4", "0363"), ("B4", "LIB_VISITS"), ("C4", 2021), ("D4", 2.75)]),
    (5, [("A5", "0344"), ("B5", "LIB_VISITS"), ("C5", 2021), ("D5", "x")]),
])
merged = sheet([
    (1, [("A1", "area"), ("B1", "indicator"), ("C1", "Value by year")]),
    (2, [("C2", 2019), ("D2", 2020), ("E2", 2021)]),
    (3, [("A3", "0363"), ("B3", "LIB_VISITS"), ("C3", 3.25), ("D3", 2.5), ("E3", 2.75)]),
    (4, [("B4", "ADULT_LEARN"), ("C4", 18.9), ("D4", 19.4), ("E4", 20.1)]),
]).replace("</sheetData>", '</sheetData><mergeCells count="4"><mergeCell ref="A1:A2"/><mergeCell ref="B1:B2"/>'
           '<mergeCell ref="C1:E1"/><mergeCell ref="A3:A4"/></mergeCells>')
# A rich-text shared string (two runs) and a phonetic run that is not part of the text.
rich = len(strings)
strings.append(None)
shared = "".join(
    "<si><r><t>Library</t></r><r><rPr><b/></rPr><t xml:space=\"preserve\"> visits</t></r><rPh sb=\"0\" eb=\"1\"><t>X</t></rPh></si>"
    if t is None else f"<si><t xml:space=\"preserve\">{escape(t)}</t></si>" for t in strings)
long_xml = long_xml.replace("</sheetData>", f'<row r="11"><c r="A11" t="s"><v>{rich}</v></c></row></sheetData>')

parts = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet3.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet4.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/worksheets/sheet5.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr/><sheets><sheet name="Notes" sheetId="1" r:id="rId1"/><sheet name="Long data" sheetId="2" r:id="rId2"/><sheet name="Wide" sheetId="3" r:id="rId3"/><sheet name="Titled" sheetId="4" r:id="rId6"/><sheet name="Merged" sheetId="5" r:id="rId7"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet3.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId5" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId6" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet4.xml"/><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet5.xml"/></Relationships>',
    "xl/styles.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" xfId="0"/><xf numFmtId="14" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>',
    "xl/sharedStrings.xml": f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(strings)}" uniqueCount="{len(strings)}">{shared}</sst>',
    "xl/worksheets/sheet1.xml": notes,
    "xl/worksheets/sheet2.xml": long_xml,
    # D4 as Excel saves a formula: the formula and its cached value (the value is what is read).
    "xl/worksheets/sheet4.xml": titled.replace('<c r="D4"><v>2.75</v></c>', '<c r="D4"><f>2.5+0.25</f><v>2.75</v></c>'),
    "xl/worksheets/sheet5.xml": merged,
    "xl/worksheets/sheet3.xml": wide.replace("</row></sheetData>", '<c r="G3"/></row></sheetData>'),
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "city-statistics.xlsx")
with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
    for name, text in parts.items():
        info = zipfile.ZipInfo(name, date_time=(2026, 11, 30, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, text)
