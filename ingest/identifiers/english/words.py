"""The English words the recogniser reads by: numbers, months, titles, cues, facilities, streets,
medical shorthand and units."""

from __future__ import annotations

import re

WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")

DIGITS = {"zero": 0, "oh": 0, "o": 0, "nought": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
DIGITS |= {"six": 6, "seven": 7, "eight": 8, "nine": 9}
TEENS = {"ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"}
TEENS |= {"eighteen", "nineteen"}
TENS = {"twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
NUMBER_WORDS = set(DIGITS) - {"o"} | TEENS | TENS | {"hundred", "thousand", "double", "triple", "and"}
ORDINALS = {
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
    "eighteenth", "nineteenth", "twentieth", "thirtieth",
}  # fmt: skip
SUFFIXES = {"st", "nd", "rd", "th"}
MONTHS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
    "dec",
}  # fmt: skip
# Months that are also everyday words: a date only with a day or a year beside them.
SHY_MONTHS = {"may", "march", "mar", "jan", "sep", "oct", "nov", "dec", "jun", "jul", "aug", "apr", "feb"}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
WEEKDAYS |= {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"}
SHY_WEEKDAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

TITLES = {
    "dr", "doctor", "mr", "mrs", "ms", "miss", "mister", "madam", "prof", "professor", "sister", "nurse",
    "auntie", "aunty", "uncle", "mama", "baba", "mzee", "bibi", "sheikh", "imam", "pastor", "reverend",
    "rev", "father", "fr", "chief", "hon", "sir", "dame", "lady", "lord", "sr", "jr", "mwalimu", "bwana",
}  # fmt: skip
ABBREVIATED_TITLES = {"dr", "mr", "mrs", "ms", "prof", "rev", "fr", "sr", "jr", "hon", "st"}
# Words that put a name or a place right after them.
NAME_CUES = {("name", "is"), ("named",), ("called",), ("call", "me"), ("names", "are"), ("name's",)}
# People are named right after these: "said gladys", "told grace", "given alma".
# (In written text only before a capital: "God gave rock and roll".)
SPEECH_CUES = {"said", "told", "asked", "thanked", "married", "given", "gave"}
PLACE_CUES = {"in", "at", "from", "near", "to", "village", "town", "city", "county", "district", "of"}
# Before an acronym, words that make it a place or an organisation ("seen at UCSF"), not a condition.
ACRONYM_CUES = {"at", "from", "near", "to", "in"}
# Words for the kind of a facility, that end its name ("Kenyatta National Hospital", "UCLA Med Center").
FACILITY_HEADS = {
    "hospital", "clinic", "centre", "center", "dispensary", "hospice", "infirmary", "polyclinic",
    "pharmacy", "university", "college", "school", "institute", "foundation", "church", "mosque",
    "temple", "corporation", "associates", "technologies", "consulting", "inc", "ltd", "llc", "corp",
    "group", "company", "bank", "ministry", "academy", "presbyterian", "langone",
    "health", "healthcare", "partners", "solutions", "services", "systems", "insights",
}  # fmt: skip
# Words for the kind of an organisation that end its name only when written with a capital after a
# capitalised name ("Tindall Software", "Otieno and Sons", "Jubilee Insurance"); in a transcript they
# are everyday words ("the software", "my insurance").
ORG_HEADS = {
    "software", "agency", "markets", "reports", "sons", "brothers", "movers", "media", "labs",
    "holdings", "enterprises", "industries", "ventures", "capital", "networks", "communications",
    "logistics", "motors", "airlines", "pharmaceuticals", "insurance", "investments", "finance",
    "financial", "resources", "research", "consultants", "studios", "publishing", "incorporated",
    "limited", "plc", "gmbh", "llp",
}  # fmt: skip
DETERMINERS = {"the", "a", "an", "my", "our", "your", "his", "her", "their", "this", "that", "local"}
# Words before a facility's kind that say which one only in general: "the local clinic" names none.
GENERIC_FACILITY = {
    "local", "nearest", "nearby", "same", "big", "small", "other", "another", "next", "private",
    "public", "government", "health", "medical", "general", "district", "county", "village", "mission",
    "community", "rural", "city", "town", "state", "main", "new", "old", "dental", "eye", "maternity",
    "children's", "children", "women's", "mental", "teaching", "referral", "regional", "national",
    "primary", "secondary", "high", "nursing", "medicine", "care", "cancer", "heart", "specialist",
}  # fmt: skip
# A year after these words dates the course of an illness, which the teaching needs and which
# (unlike a birth, a marriage or a move) does not point to the person: Safe Harbor keeps years.
CLINICAL_HISTORY = {"diagnosed", "diagnosis", "history", "treated", "started", "onset", "since", "managed"}
# A year beside these words dates a publication, not a person's life.
LITERATURE = {
    "guideline", "guidelines", "recommendation", "recommendations", "study", "studies", "trial", "trials",
    "update", "updates", "criteria", "edition", "version", "report", "statement", "consensus", "review",
    "data", "published", "publication", "paper", "papers", "literature", "classification", "standards",
    "research", "evidence", "meta", "analysis", "journal", "protocol", "protocols",
}  # fmt: skip
FACILITY = {
    "hospital", "clinic", "health", "centre", "center", "dispensary", "medical", "med", "school",
    "church", "mosque", "temple", "university", "college", "ward", "pharmacy", "market", "village",
    "district", "county", "province", "region", "state", "street", "st", "road", "rd", "avenue", "ave",
    "lane", "drive", "estate", "hospice", "infirmary", "institute", "foundation", "trust", "ministry",
    "academy", "associates", "group", "company", "ltd", "inc", "corp", "llc", "bank", "hotel", "camp",
    "station", "valley", "hill", "hills", "river", "lake", "sub", "subcounty", "location", "division",
    "memorial", "general", "regional", "referral", "teaching", "maternity", "children's", "polyclinic",
    "facility",
}  # fmt: skip
STREET = {
    "street", "st", "road", "rd", "avenue", "ave", "lane", "ln", "drive", "boulevard", "blvd", "way", "court",
    "ct", "place", "pl", "apt", "apartment", "suite", "unit", "box", "floor", "plot", "house", "flat",
    "block", "estate", "close", "crescent", "highway", "hwy", "po", "p.o", "building", "route",
    # Other languages' street words, and military mail (PSC 1234, Box 567, APO AA 34001).
    "ul", "rue", "viale", "calle", "avenida", "avda", "av", "rua", "strasse", "straße", "gasse",
    "weg", "vej", "vägen", "gatan", "katu", "utca", "út", "útja", "plaza", "piazza", "largo", "travessa",
    "chaussee", "psc", "apo", "fpo", "dpo", "cmr", "barabara", "mtaa",  # ("via" only street-first)
}  # fmt: skip
# Street words that follow a street's own name ("Moi Avenue").
STREET_NAMES = {
    "street",
    "st",
    "road",
    "rd",
    "avenue",
    "ave",
    "lane",
    "ln",
    "drive",
    "boulevard",
    "blvd",
    "highway",
}
# Street words that come before the street's own name in many languages ("Rue des Peupliers",
# "ul. Kwiatowa", "Avenida Paulista", "Cité Ennasr"). Those that are English words too ("via", "place")
# count only written with a capital or after a house number.
STREET_FIRST = {
    "rue", "rua", "rúa", "avenida", "avda", "calle", "carrer", "viale", "piazza", "praça", "praca",
    "travessa", "ul", "ulica", "aleja", "chaussee", "chaussée", "paseo", "strada", "cité", "quartier",
    "via", "avenue", "boulevard", "av", "plaza", "largo", "place", "cite",
}  # fmt: skip
STREET_FIRST_SHY = {"via", "avenue", "boulevard", "av", "plaza", "largo", "place", "cite"}
# Street words that follow the street's name but are also everyday words or other languages' words
# ("Solbakken gate 14", "Petőfi u. 22", "Okafor Courts"): part of an address only right after a name,
# and before a house number or inside an address already begun.
STREET_AFTER = {
    "gate", "gata", "gaten", "gatan", "vei", "veien", "vegen", "vej", "straat", "laan", "gracht",
    "plein", "utca", "u", "út", "körút", "tér", "trail", "harbor", "harbour", "bypass", "courts", "court",
    "square", "terrace", "parkway", "mews", "crossing", "gardens", "grove", "alley", "turnpike",
    "expressway", "freeway", "plaza", "circle", "heights", "ridge",
}  # fmt: skip
# Street words that end a street's name after its house number, whatever the name's words are
# ("four one maple crescent", "14 Acacia Street", "nine jacaranda close").
STREET_ENDS = STREET_NAMES | {
    "close", "court", "way", "crescent", "place", "pl", "terrace", "square", "gardens", "grove", "mall",
    "hill", "hills", "heights", "circle", "parkway", "bypass", "row",
}  # fmt: skip
# Little words inside place and street names in other languages: "São José do Rio Preto", "Villanueva
# de la Serena", "Lhota u Příbramě", "Rua Quinze de Novembro", "Brandýs nad Labem".
PARTICLES = {
    "de", "la", "le", "les", "des", "du", "do", "da", "dos", "das", "del", "della", "delle", "dei", "di",
    "el", "los", "las", "van", "von", "der", "den", "ter", "zu", "zum", "zur", "am", "im", "an", "sur",
    "en", "e", "y", "u", "v", "z", "ve", "na", "nad", "pod", "od", "pri",
}  # fmt: skip
# Ships and bases that stand for an address in military mail: "USNS Comfort, FPO AA 34055".
SHIP_PREFIXES = {"uss", "usns", "usnv", "uscgc", "hms", "hmas", "hmcs", "hmnzs"}
# Words after which a capitalised or listed name is a medical eponym, not a person.
EPONYM_NEXT = {
    "disease", "syndrome", "palsy", "sarcoma", "lymphoma", "test", "sign", "criteria", "scale", "procedure",
    "maneuver", "manoeuvre", "ulcer", "reflex", "phenomenon", "disorder", "law", "classification",
    "score", "tube", "catheter", "fracture", "method", "technique", "esophagus", "oesophagus", "angina",
    "study", "index", "equation", "formula", "staging", "questionnaire", "trial", "class", "grade",
    "node", "nodes", "cyst", "tumour", "tumor", "effect", "rule", "operation", "repair", "position",
}  # fmt: skip
# Words for a kind, a stage or a class before its number: "Type 1", "Class III", "Stage 2", "Grade 4".
NUMBERED_LABELS = {
    "type",
    "class",
    "stage",
    "grade",
    "level",
    "phase",
    "step",
    "part",
    "zone",
    "tier",
    "category",
}
# People's origins and faiths: not identifiers under Safe Harbor.
ORIGINS = {
    "hispanic", "latino", "latina", "latinx", "caucasian", "white", "black", "asian", "arab", "jewish",
    "indigenous", "aboriginal", "native", "sikh", "hindu", "buddhist", "christian", "muslim",
}  # fmt: skip
MEDICAL_SHAPE = re.compile(
    r"(?:itis|osis|emia|aemia|ectomy|otomy|ostomy|oma|omas|pathy|plasty|scopy|graphy|algia|uria|plegia|"
    r"trophy|genic|ology|ologist|iatric|iatrics|cardia|lytic|mab|nib|pril|sartan|olol|statin|azole|mycin|"
    r"cillin|cycline|floxacin|vir|tide|zepam|azepam|azepine|oxetine|profen|parin|dronate|gliptin|"
    r"gliflozin|semide|thiazide|triptan|setron|prazole|tidine|terol|sone|olone|asone|idine|amide|"
    r"afil|caine|formin|glitazone|oxacin|micin|ectasis|emesis|phagia|pnea|noea|rrhea|rrhoea|cytosis|"
    r"penia|philia|phobia|megaly|sclerosis|tension|glycemia|kalemia|natremia|thyroidism|ase|ases|"
    r"gram|grams|logy|opsy|opsies|itis's|aban|arone|dipine|oxine|ptan|tinib|zumab|ximab|parin|lukast|"
    r"olamine|sartan|dronate|afil|cort|mide|pine)$"
)
# English word-making endings: a rare word built this way is a word ("anticoagulation",
# "sundowning"), not a name. Names in the lists are still found.
WORD_SHAPE = re.compile(
    r"(?:ations?|itions?|ments?|ness|ities|ity|ous|ives?|isms?|ants|ance|ences?|able|ible|ful|less|"
    r"izes?|ized|izing|ises|ised|ising|ings?|ally|ically|ologys?|ists|ers|ated|ating)$"
)
# Endings of inflected English words that a dictionary lists only in their base form.
INFLECTED = re.compile(r"(?:ed|ing|ings|ier|iest|est|ly|er|ers|ies)$")
# Shorthand of medicine, said or written: never a name or an organisation to hide.
MEDICAL_TERMS = frozenset(
    """
    bmi dvt pe gerd copd dka hhs egfr gfr hba hba1c sglt sglt2 glp hfref hfpef inr crp esr ldl hdl tsh
    ecg ekg eeg emg mri ct pet icu nicu er ed opd ipd iv im sc po prn bd tds qid od hiv aids tb mdr xdr
    art arv prep pep uti sti std ptsd adhd ocd ckd esrd aki chf cad mi cabg pci afib chads vasc
    ada aha acc esc nice kdigo nsaid nsaids ace arb ssri snri ppi dmards dmard ra sle ms als
    ibd ibs uc hpv hbv hcv rsv covid cpap bipap cbc fbc lft lfts rft bp hr rr spo2 fev fvc
    sbp dbp map bnp cxr kub uop ef gi abg vbg qhs qam qpm qd qod tid bid hs ac pc stat pt ot slp
    dispo ctx bmp cmp wbc hgb hct plt bun cr glu na cl hco3 tte tee egd ercp hpi pmh psh fhx shx ros
    cc hx dx ddx tx rx sx fx yo ra vl oi ois tdf ftc dtg efv nvp azt lpv ftc abc ngt ogt tf scd scds
    rass cam peep fio2 sbt bcx ucx ngtd prbc ffp gtt bg fsbg ebl ivf lr ns geta pacu svd fht gbs
    apgar apgars rw cga sba tsh ast alt alp ldh ck cpk ua ct us ekg echo cath stemi nstemi acs cva tia
    sah ich osa hap vap ssti hd pd dm dm1 dm2 t2dm t1dm htn hld pvd pad bph oa mdd gad etoh ivdu snf
    ltac vna pcp osh ama dnr dni npo mn abx ppx doe pnd cp abd rle lle rue lue rlq llq ruq luq heent
    perrla eomi ncat rrr ctab nt nd wnl nad aox3 meds nkda nkma phq mmse moca gcs nihss ecog kps bsa
    sq sl pr ng ed ems ob gyn ent neuro psych peds ortho cards pulm nephro onc heme endo derm uro
    troponin trop lytes abxs culx dilaudid tylenol motrin zosyn vanc azithro ceftriaxone lasix pip
    cont wt ht temp resp acct vit appt approx dept adm dc dcd pmd fu rtc lmp edd ga bs ivp tpn
    acei arbs dtap ipv hib pcv mmr bcg opv tdap hpv lab labs vitals neg pos
    bilat eval tazo micu sicu picu phos hbsag
    """.split()
)
# Capitalised words that are not identifiers: the pronoun, nationalities and faiths are not
# identifiers under Safe Harbor, nor are the names of medicines and conditions.
CAPITALISED_COMMON = {
    "i", "i'm", "i've", "i'll", "i'd", "god", "allah", "jesus", "christ", "lord", "bible", "quran", "koran",
    "christian", "christians", "muslim", "muslims", "islam", "hindu", "buddhist", "catholic",
    "protestant", "english", "swahili", "african", "africa", "asian", "european", "american", "british",
    "indian", "internet", "covid", "aids", "hiv", "tb", "ok", "okay", "mom", "mum", "dad", "mama", "papa",
    "grandma", "grandpa", "ramadan", "eid", "christmas", "easter", "diwali", "new", "year", "years",
}  # fmt: skip
# Everyday words of English as spoken in Africa and South Asia that no English list holds: transport,
# food, money, national health insurance schemes. Rare in the lists, so they looked like names.
CAPITALISED_COMMON |= {
    "matatu", "matatus", "trotro", "trotros", "tuktuk", "tuk", "bodaboda", "danfo", "bajaj",
    "chapati", "chapatis", "ugali", "jollof", "fufu", "banku", "kenkey", "garri", "gari", "injera",
    "sadza", "nshima", "posho", "githeri", "mandazi", "sukuma", "naira", "cedi", "cedis", "kwacha",
    "nhis", "nhif", "nhima",
}  # fmt: skip
# Short words a recogniser prints that are never an ID's letters.
NOT_ID_LETTERS = {
    "a", "i", "to", "in", "on", "at", "is", "it", "of", "my", "an", "or", "be", "he", "we", "me", "no", "so",
    "up", "us", "do", "go", "am", "as", "by", "if", "the", "and", "for", "was", "are", "our", "his", "her",
    "she", "you", "who", "had", "has", "all", "but", "not", "can", "one", "two", "six", "ten", "per", "oh",
    "o", "about", "around", "after", "before", "number", "with", "from", "till", "until",
}  # fmt: skip
# Words that follow "Patricia A" but not "a" as an article.
AFTER_INITIAL = {
    "who", "from", "was", "is", "has", "had", "with", "seen", "treated", "at", "admitted", "diagnosed",
    "presented", "evaluated", "visited", "referred", "currently", "last", "recently", "and", "came",
}  # fmt: skip
CONNECTORS = {"van", "von", "de", "der", "den", "da", "dos", "das", "del", "la", "le", "bin", "binti", "ibn"}
CONNECTORS |= {"al", "el", "ould", "wa", "abu", "bint", "ben", "mac", "mc", "st", "di", "du"}
TLDS = {"com", "org", "net", "edu", "gov", "info", "io", "biz", "int"}
COUNTRY_TLDS = {
    "uk", "ke", "ng", "gh", "za", "ug", "tz", "et", "so", "rw", "in", "pk", "bd", "np", "lk", "au", "ca",
    "de", "fr", "nl", "se", "dk", "no", "fi", "be", "at", "ch", "it", "es", "pt", "br", "mx", "ar", "uy",
    "jp", "cn", "hu", "pl", "cz", "ru", "ie", "nz", "co", "us",
}  # fmt: skip
AGE_AFTER = {"year", "years", "yr", "yrs", "yo", "y"}  # "y" as in "93 y/o"
# "My grandfather is 97": a person, then "is", then the age (90 and over only).
AGE_PEOPLE = {
    "grandfather", "grandmother", "grandpa", "grandma", "granny", "gran", "grandad", "father", "mother",
    "dad", "mum", "mom", "uncle", "aunt", "aunty", "auntie", "husband", "wife", "he", "she", "patient",
    "pt", "man", "woman", "lady", "gentleman", "mama", "baba", "bibi", "babu", "mzee", "nana",
}  # fmt: skip
AGE_BEFORE = {"aged", "age", "ages"}
ID_CUES = {
    "number", "no", "id", "mrn", "code", "card", "account", "policy", "insurance", "record", "ref",
    "reference", "passport", "license", "licence", "nhs", "nhif", "ssn", "phone", "call", "room", "bed",
}  # fmt: skip
RECORD_CUES = ID_CUES - {"number", "no", "phone", "call", "room", "bed"}
PHONE_CUES = {"phone", "number", "call", "tel", "telephone", "mobile", "cell", "fax", "whatsapp", "reach"}
UNITS = {
    "mg", "ml", "dl", "kg", "g", "mcg", "units", "unit", "iu", "mmol", "mm", "cm", "km", "kcal", "calories",
    "steps", "percent", "bpm", "mmhg", "hours", "hrs", "minutes", "mins", "days", "weeks", "months",
    "times", "tablets", "pills", "doses", "shillings", "ksh", "naira", "rupees", "dollars", "usd",
    "pounds", "cedis", "birr", "people", "children", "patients",
    # Doses and measures of a chart: "1 tab", "40 mEq", "3 L", "2 puffs", "5 mL/hr".
    "l", "meq", "tab", "tabs", "cap", "caps", "capsule", "capsules", "puffs", "drops", "sachets", "vials",
    "ampoules", "sprays", "litres", "liters", "kilos", "grams", "ng", "pg", "mosm", "min", "hr",
    "wks", "wk", "yrs", "kilometres", "kilometers", "metres", "meters", "miles",
}  # fmt: skip


_TEEN_VALUE = {w: 10 + n for n, w in enumerate("ten eleven twelve thirteen fourteen".split())}
_TEEN_VALUE |= {w: 15 + n for n, w in enumerate("fifteen sixteen seventeen eighteen nineteen".split())}
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_TENS_VALUE = {w: 20 + 10 * n for n, w in enumerate(_TENS)}

# Words of the sections and kinds of a clinical document: a line in capitals that holds one is a
# heading ("DISCHARGE SUMMARY", "HIV CLINIC NOTE", "PHYSICAL EXAMINATION"), not a name or a place.
HEADING_WORDS = frozenset(
    """
    note notes summary report history exam examination plan assessment diagnosis diagnoses
    medications medication allergies labs laboratory impression findings procedure procedures course
    instructions consult consultation letter clinic ward triage admission discharge progress follow
    social family review systems vitals signs orders results indication technique comparison hpi ros
    pmh psh complaint present illness physical hospital department service encounter visit record
    operative preoperative postoperative anesthesia nursing therapy evaluation reconciliation
    """.split()
)

# Currencies written before or after an amount ("Rs 40,000", "KSh 2,500", "15,000 naira").
CURRENCIES = {
    "rs", "inr", "npr", "ksh", "kes", "tsh", "tzs", "ush", "ugx", "fcfa", "cfa", "xof", "xaf", "usd", "eur",
    "gbp", "ngn", "ghs", "zar", "mzn", "brl", "mxn", "shillings", "naira", "cedis", "rupees", "dollars",
    "pounds", "euros", "birr", "francs", "kwacha", "rand", "pesos", "reais",
}  # fmt: skip
