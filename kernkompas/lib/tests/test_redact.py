"""Finding a person's name or address in stored text and files, for the erasure of personal data."""

from kernkompas.lib import redact


def test_a_name_is_found_as_a_whole_phrase_in_any_case_and_spacing():
    pattern = redact.pattern(["Piet de Vries", "piet@example.org", "Jo"])
    assert redact.mentions("gebeld met PIET  de\nvries.", pattern)
    assert redact.mentions({"fields": {"note": "mail piet@example.org"}}, pattern)
    assert not redact.mentions("Piet de Vrieslaan 4", pattern)
    assert not redact.mentions("Jo de Bakker", pattern)  # too short to look for: it would match too much
    assert redact.scrub({"Piet de Vries": ["Piet de Vries", 3]}, pattern, "[x]") == ({"[x]": ["[x]", 3]}, True)


def test_a_file_is_searched_as_text_and_inside_an_xlsx(tmp_path):
    import openpyxl

    csv = tmp_path / "eigenaars.csv"
    csv.write_text("adres;eigenaar\nMarkt 5;Zoë  Dubois\n", encoding="cp1252")
    assert redact.file_mentions(csv, ["Zoë Dubois"]) is False  # two spaces in the file: byte search is exact
    csv.write_text("adres;eigenaar\nMarkt 5;Zoë Dubois\n", encoding="cp1252")
    assert redact.file_mentions(csv, ["zoë dubois"])
    book = openpyxl.Workbook()
    book.active.append(["Markt 5", "Piet & Zonen de Vries"])
    path = tmp_path / "eigenaars.xlsx"
    book.save(path)
    assert redact.file_mentions(path, ["Piet & Zonen de Vries"])
    assert not redact.file_mentions(path, ["Karel Peeters"])
