"""Numbers, dates, phone numbers, codes, e-mail, web and street addresses in every language, written
and as a recogniser prints them; and the numbers that are no identifiers (doses, amounts, pressures,
months said in general) left alone.

Names and places in each language are the names recognisers' part (their own tests); these cover
what every language gets: ``digits.WrittenNumbers``, ``spoken.SpokenNumbers`` and the written
addresses. Every example is made up.
"""

from __future__ import annotations

import re

import pytest

from ingest.identifiers import detect

pytestmark = pytest.mark.no_database  # `make test-postgres` leaves it out (tests/conftest.py)

NAMES_AND_PLACES = {"NAME", "LOCATION"}


def covered(text: str, words: str, spans) -> bool:
    at = text.index(words)
    return all(
        any(s.start < at + m.end() and at + m.start() < s.end for s in spans)
        for m in re.finditer(r"\w+", words)
    )


FOUND = [
    # (language, text with the identifier in brackets, kind)
    ("sw", "Nilizaliwa tarehe [7 Aprili 1961] kijijini.", "DATE"),
    ("sw", "nilizaliwa tarehe [saba aprili elfu moja mia tisa sitini na moja]", "DATE"),
    ("sw", "nilirudi tarehe [ishirini mwezi wa nne mwaka elfu mbili kumi na tisa] asubuhi", "DATE"),
    ("sw", "Nipigie kwa [0754 902 117] jioni.", "PHONE"),
    ("sw", "nipigie kwa [sifuri saba tano nne tisa sifuri mbili moja moja saba] jioni", "PHONE"),
    ("sw", "bibi yangu ana miaka [tisini na sita] sasa", "AGE"),
    ("sw", "andika kwa [baraka dot mwita at yahoo dot com]", "EMAIL"),
    ("sw", "tunaishi [nyumba namba thelathini na tano] mtaa wa jamhuri", "ADDRESS"),
    ("fr", "Je suis née le [9 octobre 1958] au village.", "DATE"),
    ("fr", "je suis née le [neuf octobre mille neuf cent cinquante huit]", "DATE"),
    ("fr", "Appelez-moi au [76 204 88 31] le soir.", "PHONE"),
    ("fr", "joignez moi au [soixante seize vingt quatre quatre vingt huit trente et un]", "PHONE"),
    ("fr", "mon grand père a [quatre vingt dix sept] ans", "AGE"),
    ("fr", "écrivez à [sali point traore arobase orange point sn]", "EMAIL"),
    ("fr", "nous habitons [rue deux cent douze porte quarante]", "ADDRESS"),
    ("es", "Mi número de expediente es [EX-2019-33817].", "ID"),
    ("es", "mi número de expediente es [k r dos cero uno nueve tres tres ocho uno siete]", "ID"),
    ("es", "nació el [veintidós de julio de mil novecientos noventa]", "DATE"),
    ("es", "escríbeme a [lucia punto quispe arroba gmail punto com]", "EMAIL"),
    ("es", "mi abuela tiene [noventa y ocho] años", "AGE"),
    ("pt", "Nasci no dia [30 de Maio de 1975] em casa.", "DATE"),
    ("pt", "liga para [oito dois quatro um sete sete três zero nove]", "PHONE"),
    ("pt", "veja em [facebook ponto com barra joana ponto macuacua]", "URL"),
    ("pt", "moramos na [rua doze de outubro trezentos e dois]", "ADDRESS"),
    ("hi", "मेरा जन्म [12 अप्रैल 1969] को हुआ।", "DATE"),
    ("hi", "मेरा जन्म [बारह अप्रैल उन्नीस सौ उनहत्तर] को हुआ", "DATE"),
    ("hi", "मेरा नंबर [नौ सात एक शून्य दो तीन चार पाँच छह आठ] है", "PHONE"),
    ("hi", "मेरा ईमेल [रवि डॉट वर्मा एट द रेट याहू डॉट कॉम] है", "EMAIL"),
    ("hi", "कार्ड नंबर [७७१२-४४०९-२३] है", "ID"),
    ("ne", "म [२०७५ साल फागुन ८ गते] जन्मेँ", "DATE"),
    ("ne", "म [दुई हजार पचहत्तर साल फागुन आठ गते] जन्मेँ", "DATE"),
    ("ne", "मेरो नम्बर [नौ आठ एक तीन शून्य दुई सात सात छ पाँच] हो", "PHONE"),
    ("ne", "हजुरआमाको उमेर [सन्तानब्बे] वर्ष भयो", "AGE"),
    ("ko", "저는 [1964년 5월 21일]에 태어났어요.", "DATE"),
    ("ko", "저는 [천구백육십사 년 오월 이십일 일]에 태어났어요", "DATE"),
    ("ko", "제 번호는 [010-7731-2046]이에요.", "PHONE"),
    ("ko", "제 번호는 [공일공 칠칠삼일 이공사육]이에요", "PHONE"),
    ("ko", "할머니는 올해 [구십칠] 세예요", "AGE"),
    ("ko", "외할머니는 [아흔세] 살이세요", "AGE"),
    ("ko", "제 번호는 [공일공 다시 칠칠삼일 다시 이공사육]이에요", "PHONE"),
    ("ko", "메일은 [제이에이치 칠칠 골뱅이 다음 닷넷]으로 주세요", "EMAIL"),
    ("ko", "우리 집은 [중앙로 삼백이 번길 십오] 예요", "ADDRESS"),
    ("en", "my card number is [n h four four one seven two nine]", "ID"),
    ("en", "see [facebook dot com slash grace dot otoo dot story]", "URL"),
    # A language without tables of its own still gets digits, dates and addresses as typed.
    ("yo", "Pe mi ni [0803 412 9957] tabi kọ si bisi.ade@mail.ng ni 12/03/2021.", "PHONE"),
    ("yo", "Pe mi ni 0803 412 9957 tabi kọ si [bisi.ade@mail.ng] ni 12/03/2021.", "EMAIL"),
    ("yo", "Pe mi ni 0803 412 9957 tabi kọ si bisi.ade@mail.ng ni [12/03/2021].", "DATE"),
]


@pytest.mark.parametrize(
    ("language", "marked", "kind"), FOUND, ids=[f"{f[0]}-{f[2]}-{i}" for i, f in enumerate(FOUND)]
)
def test_identifier_is_found_in_its_language(language, marked, kind):
    words = marked[marked.index("[") + 1 : marked.index("]")]
    text = marked.replace("[", "").replace("]", "")
    spans = detect(text, language)
    assert covered(text, words, spans), [(text[s.start : s.end], s.kind) for s in spans]
    at = text.index(words)
    # A long number is a phone number or an ID by its shape and where it is valid; a reviewer sees a
    # number either way.
    kinds = {"ID", "PHONE"} if kind in ("ID", "PHONE") else {kind}
    assert any(s.kind in kinds for s in spans if s.start < at + len(words) and at < s.end)


QUIET = [
    # Doses, amounts, pressures, test values, months and weekdays said in general.
    (
        "sw",
        "Daktari alisema nitumie dawa 2 asubuhi kwa siku 14; nililipa shilingi 12,500, presha 150/95.",
    ),
    (
        "sw",
        "nilitumia dawa asubuhi na jioni kwa wiki nne na sukari ilikuwa kumi na mbili nukta tano",
    ),
    ("sw", "Kila Aprili mvua kubwa huleta mbu wengi kijijini."),
    ("sw", "homa ilianza mwezi wa nane na ikaendelea kwa wiki tatu"),
    (
        "fr",
        "Le traitement a coûté 45 000 FCFA, je prends 30 comprimés de 500 mg et la glycémie était à 2,4 g/l.",
    ),
    ("fr", "le traitement a coûté quarante cinq mille et je prends trente comprimés par mois"),
    ("fr", "Chaque août la chaleur revient et le dimanche personne ne travaille au marché."),
    ("es", "Tomo 2 tabletas de 850 mg y la presión era 140/90; la hemoglobina A1c salió 8,2."),
    (
        "es",
        "tomo dos tabletas de ochocientos cincuenta miligramos y la presión era ciento cuarenta sobre "
        "noventa",
    ),
    ("pt", "O tratamento custou 1.500 meticais por mês e a carga viral baixou para 350 cópias em Março."),
    ("pt", "o remédio custou mil e duzentos meticais e a tensão estava em catorze por nove"),
    ("hi", "मैं रोज़ 2 गोली लेती हूँ, शुगर 180 थी और बीपी 150/100 था; इलाज में ₹12,000 लगे।"),
    ("hi", "मैं रोज़ दो गोली लेती हूँ और शुगर एक सौ अस्सी थी"),
    ("ne", "म दिनको २ चक्की खान्छु, सुगर १८० थियो र उपचारमा रु. ५,००० लाग्यो।"),
    ("ko", "하루에 두 번 약을 먹고 혈압은 150/90이었어요. 치료비는 3만 원이었어요."),
    ("ko", "하루에 두 번 약을 먹고 혈압은 백오십에 구십이었어요 치료비는 삼만 원이었어요"),
    ("en", "The pharmacist gave 2 tablets of 500 mg; pressure 170/105 and the bill was Rs 25,000."),
    ("en", "she is eighty four years old and takes two tablets three times a day"),
]


@pytest.mark.parametrize(("language", "text"), QUIET, ids=[f"{q[0]}-{i}" for i, q in enumerate(QUIET)])
def test_numbers_that_identify_no_one_are_left_alone(language, text):
    spans = [s for s in detect(text, language) if s.kind not in NAMES_AND_PLACES]
    assert spans == [], [(text[s.start : s.end], s.kind, s.rule) for s in spans]


def test_phone_regions_come_from_the_setting_and_the_story_country():
    """A number valid only in the named region is a phone number there, an ID-like number elsewhere."""
    text = "Mi teléfono es 5523 8817."
    assert {s.kind for s in detect(text, "es", regions=["GT"])} == {"PHONE"}
    assert {s.kind for s in detect(text, "es", country="GT")} == {"PHONE"}
    assert detect(text, "es")  # found all the same: a run of eight digits identifies
