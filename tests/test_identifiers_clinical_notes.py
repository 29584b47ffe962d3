"""English clinical notes: the identifiers of a discharge summary are found, and the shorthand around
them (vital signs, laboratory values, doses, drug names in capitals, section labels) is not.

The notes are made up for this test, in the style of discharge summaries and clinic letters; none of
their shorthand is listed anywhere in the recognisers (the rules are about shapes: a label before a
colon, a value between two tests, a range, capitals beside a name across the spaces of a form).
"""

from __future__ import annotations

import re

import pytest

from ingest.identifiers import detect

pytestmark = pytest.mark.no_database  # `make test-postgres` leaves it out (tests/conftest.py)

ADMISSION = """DISCHARGE SUMMARY
Patient: Marguerite Okonkwo-Lindqvist   MRN: 40718823   Admitted: 03/14/2024   Discharged: 03/21/2024
Attending: Dr. Tobias Ferreira-Nakamura, St. Aldhelm Regional Hospital

HPI: 67 yo F with hx of CHF, COPD and T2DM presented to the ED with SOB and LE edema. On arrival \
BP 162/94 HR 112 RR 24 SpO2 88% on RA, T 37.9. CXR showed bilateral effusions. ABG 7.31/58/62. BNP 2140.
Labs: Na 131 K 5.2 Cl 98 HCO3 29 BUN 44 Cr 1.9 Glu 212 WBC 11.4 Hgb 9.8 Plt 188 INR 1.3 TSH 2.1.
Hospital course: diuresed with LASIX 40 mg IV BID, then PO. Started on ASA 81 mg PO daily, METOPROLOL \
25 mg BID, INSULIN glargine 18 units QHS and lispro SSI AC. KCL 20 mEq PO PRN. NPO after midnight for \
TTE, which showed EF 30%. GI consulted for guaiac positive stool; EGD deferred. SBP stayed 110-130. \
Seen by Dr. Priya Ramaswamy (cardiology) on 03/16/2024.
Discharge vitals: BP 128/76, HR 84, RR 16, SpO2 95% RA, Wt 82.4 kg.
Follow up with Dr. Olusegun Adeyemi at Harrowgate Community Clinic on 04/02/2024, call 555-304-8812. \
Daughter Ingrid Okonkwo (HCP) aware.
"""

CLINIC_LETTER = """Name: Tadeusz Wierzbicki-Mbeki   DOB: 11/02/1958   MRN: 77310462
Referring: Dr. Amara Nwachukwu, Fenwick Valley Medical Center

Assessment: 65 yo M, HIV on TDF/FTC/DTG, CD4 412, VL undetectable. HbA1c 8.7. Temp 36.8, pulse 72, \
BP 134/82 HR 72 RR 14 SpO2 98%. Na 140 K 3.9 Cr 0.9 eGFR 88 ALT 31 AST 27.
Plan: continue METFORMIN 1000 mg PO BID and ATORVASTATIN 40 mg PO QHS. PRN PARACETAMOL 1 g Q6H. \
Repeat LFTs and lipids in 3 months. DBP goal under 80; target range 120-140 systolic.
Signed: Dr. Hollis Vandermeer, 05/09/2024.
"""

IDENTIFIERS = {
    ADMISSION: [
        "Marguerite Okonkwo-Lindqvist",
        "40718823",
        "03/14/2024",
        "03/21/2024",
        "Tobias Ferreira-Nakamura",
        "Aldhelm Regional Hospital",
        "Priya Ramaswamy",
        "03/16/2024",
        "Olusegun Adeyemi",
        "Harrowgate Community Clinic",
        "04/02/2024",
        "555-304-8812",
        "Ingrid Okonkwo",
    ],
    CLINIC_LETTER: [
        "Tadeusz Wierzbicki-Mbeki",
        "11/02/1958",
        "77310462",
        "Amara Nwachukwu",
        "Fenwick Valley Medical Center",
        "Hollis Vandermeer",
        "05/09/2024",
    ],
}

# Every word here is shorthand, a label, a value or a dose: none may lie inside a detected span.
SHORTHAND = {
    ADMISSION: [
        "MRN:",
        "Admitted:",
        "Discharged:",
        "HPI: 67",
        "CHF, COPD and T2DM",
        "BP 162/94 HR 112 RR 24 SpO2 88% on RA, T 37.9",
        "CXR",
        "ABG 7.31/58/62. BNP 2140",
        "Na 131 K 5.2 Cl 98 HCO3 29 BUN 44 Cr 1.9 Glu 212 WBC 11.4 Hgb 9.8 Plt 188 INR 1.3 TSH 2.1",
        "LASIX 40 mg IV BID, then PO",
        "ASA 81 mg PO daily, METOPROLOL 25 mg BID, INSULIN glargine 18 units QHS and lispro SSI AC",
        "KCL 20 mEq PO PRN. NPO",
        "TTE, which showed EF 30%. GI consulted",
        "EGD",
        "SBP stayed 110-130",
        "BP 128/76, HR 84, RR 16, SpO2 95% RA, Wt 82.4 kg",
        "(HCP)",
    ],
    CLINIC_LETTER: [
        "DOB:",
        "MRN:",
        "HIV on TDF/FTC/DTG, CD4 412, VL undetectable. HbA1c 8.7",
        "BP 134/82 HR 72 RR 14 SpO2 98%",
        "Na 140 K 3.9 Cr 0.9 eGFR 88 ALT 31 AST 27",
        "METFORMIN 1000 mg PO BID and ATORVASTATIN 40 mg PO QHS",
        "PRN PARACETAMOL 1 g Q6H",
        "LFTs",
        "DBP goal under 80; target range 120-140 systolic",
    ],
}


def _words(text: str, phrase: str) -> list[tuple[int, int, str]]:
    at = text.index(phrase)
    return [(at + m.start(), at + m.end(), m.group()) for m in re.finditer(r"\w+", phrase)]


@pytest.mark.parametrize("note", [ADMISSION, CLINIC_LETTER], ids=["admission", "clinic-letter"])
def test_identifiers_of_a_clinical_note_are_found(note):
    spans = detect(note, "en", [])
    missed = [
        word
        for phrase in IDENTIFIERS[note]
        for start, end, word in _words(note, phrase)
        if not any(s.start < end and start < s.end for s in spans)
    ]
    assert missed == []


@pytest.mark.parametrize("note", [ADMISSION, CLINIC_LETTER], ids=["admission", "clinic-letter"])
def test_clinical_shorthand_is_not_marked(note):
    spans = detect(note, "en", [])
    marked = [
        (word, note[s.start : s.end])
        for phrase in SHORTHAND[note]
        for start, end, word in _words(note, phrase)
        for s in spans
        if s.start < end and start < s.end
    ]
    assert marked == []
