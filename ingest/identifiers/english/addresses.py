"""Street addresses: house numbers beside street words, streets named in many languages, address lines."""

from __future__ import annotations

from ..lexicon import FUNCTION_WORDS
from .reading import Reading
from .words import (
    DETERMINERS,
    FACILITY,
    MEDICAL_TERMS,
    ORDINALS,
    PARTICLES,
    SHIP_PREFIXES,
    STREET,
    STREET_AFTER,
    STREET_ENDS,
    STREET_FIRST,
    STREET_FIRST_SHY,
    STREET_NAMES,
    SUFFIXES,
    UNITS,
)


class Addresses(Reading):
    """Street addresses: house numbers beside street words, streets named in many languages, address lines."""

    # -- addresses --------------------------------------------------------------------------------

    def addresses(self) -> None:
        """Numbers beside street words, names or places: house numbers, postcodes, flat numbers."""
        tokens = self.tokens
        n = len(tokens)
        for k in range(n):
            if self.kind[k] is not None or not self.spoken_numbers_near(k) or self._measure_or_list(k):
                continue
            near = [m for m in (k - 2, k - 1, k + 1, k + 2) if 0 <= m < n]
            if any(self.low(m) in STREET for m in near) or any(
                self.kind[m] in ("LOCATION", "ADDRESS")
                or (self.kind[m] == "NAME" and self.rule[m] != "title before a name")
                for m in near
                if abs(m - k) == 1
            ):
                self._address_run(k)
        numeric = ("ADDRESS", "LOCATION", "ID", "PHONE")
        for k in range(n):
            if self.kind[k] is None and self.low(k) in STREET:
                if any(self.kind[m] in numeric for m in (k - 1, k + 1) if 0 <= m < n) or (
                    k > 0 and self.kind[k - 1] == "NAME" and self.low(k) in STREET_NAMES
                ):
                    self.mark(k, "ADDRESS", "street address")
                    if self.low(k) == "o" or self.low(k - 1) == "p":
                        self.mark(k - 1, "ADDRESS", "street address")
        for k in range(1, n - 1):
            # Short words inside an address belong to it: "rue de la Hulotais", "Piroska u. 97".
            if (
                self.kind[k] is None
                and len(self.low(k)) <= 3
                and not self.tokens[k].digits
                and self.kind[k - 1] in ("ADDRESS", "LOCATION", "NAME")
                and self.kind[k + 1] in ("ADDRESS", "LOCATION", "NAME")
                and "ADDRESS" in (self.kind[k - 1], self.kind[k + 1])
                and self._joinable(k - 1, k)
                and self._joinable(k, k + 1)
            ):
                self.mark(k, "ADDRESS", "street address")
        for k in range(1, n - 1):
            if self.low(k - 1) == "p" and self.low(k) == "o" and self.low(k + 1) == "box":  # "P.O. Box"
                for m in (k - 1, k, k + 1):
                    self.mark(m, "ADDRESS", "street address")
        for k in range(n):
            if self.low(k) == "corner" and self.low(k + 1) == "of":
                # "the corner of 74 Sikelianou Street and Radolic Harbor"
                end = min(n, k + 10)
                if any(self.kind[m] is not None for m in range(k + 2, end)):
                    for m in (k - 1, k, k + 1):
                        if self.low(m) in {"the", "corner", "of"}:
                            self.mark(m, "ADDRESS", "street address")
                    for m in range(k + 2, end):
                        if self.low(m) == "and" and self.kind[m - 1] and self.kind[m + 1 if m + 1 < n else m]:
                            self.mark(m, "ADDRESS", "street address")
                    self._corner_street(k + 2, end)

    def _measure_or_list(self, k: int) -> bool:
        """A number that is no house number: a decimal or a fraction ("1.6", "9/10", "5/7"), a
        count with its unit ("40 mEq", "x2"), a value after shorthand ("Hb 10.2", "LVEF 55"), or a
        list's numbering ("1. Tenofovir")."""
        tokens, text = self.tokens, self.text
        t = tokens[k]
        after = text[t.end : t.end + 2]
        before = text[max(0, t.start - 1) : t.start]
        if (after[:1] in (".", ",", "/", "%") and after[1:2].isdecimal()) or before in ("/", "."):
            return True
        if after[:1] == "%" or not t.raw.isdecimal() and t.digits:
            return True  # "55%", "x2", "x48h", "140s"
        line_start = text.rfind("\n", 0, t.start) + 1
        if not text[line_start : t.start].strip() and after[:1] in (".", ")"):
            return True  # "1. Tenofovir ...", "2) ..."
        prev = tokens[k - 1] if k > 0 else None
        short = len(t.raw) <= 3  # a postcode after a region's code stays: "WA 16469"
        if (
            short
            and prev is not None
            and (self._joinable(k - 1, k) or text[prev.end : t.start] == ": ")
            and prev.raw.isupper()
            and len(prev.raw) <= 4
        ):
            return prev.low not in STREET  # "LVEF 55", "HR: 88" read as shorthand and its value
        return self.low(k + 1) in UNITS

    def address_parts(self) -> None:
        """The parts of an address that are not numbers beside street words: a street named after
        its kind ("Rue des Peupliers", "ul. Kwiatowa 17"), a street word after a name ("Solbakken gate
        14"), the little words inside names ("São José do Rio Preto"), the town and region lines below
        a street ("Suite 4 / Okotoks / , AB / Canada"), "and" between a name and the street of a
        corner, and ordinals that name a street ("212 Third Avenue")."""
        lows = [t.low for t in self.tokens]
        words = set(lows)
        # Each step looks only when its words are there: most stories hold no address at all.
        if not words.isdisjoint(STREET_FIRST):
            self._streets_named_after_kind()
        self._streets_named_before_kind(lows, words)
        if not words.isdisjoint(PARTICLES):
            self._particles(lows)
        kinds = set(self.kind)
        if not kinds.isdisjoint(("ADDRESS", "ID", "PHONE")) or not words.isdisjoint(STREET):
            self._address_lines()
        for k in range(len(self.tokens) - 1) if not words.isdisjoint(SHIP_PREFIXES) else ():
            # "USNS Comfort, FPO AA 34055": a ship's name is the address of those aboard.
            if lows[k] in SHIP_PREFIXES and self._joinable(k, k + 1):
                nxt = self.tokens[k + 1]
                if self.kind[k + 1] in ("NAME", "LOCATION") or (self.cased and nxt.capital):
                    for m in (k, k + 1):
                        self.kind[m], self.rule[m], self.source[m] = "ADDRESS", "street address", "pattern"
        if "and" not in words or "ADDRESS" not in self.kind:
            return
        for k in range(1, len(self.tokens) - 1):
            # "Amani and ul. Lipowa 9", "Kimathi Street and Biashara Street": "and" at a corner.
            if (
                lows[k] == "and"
                and self.kind[k] is None
                and self.kind[k - 1] in ("NAME", "LOCATION", "ADDRESS")
                and self.text[self.tokens[k - 1].end : self.tokens[k].start] == " "
                and self._joinable(k, k + 1)
                and self._street_begins(k + 1)
            ):
                self.mark(k, "ADDRESS", "street address")

    def _street_begins(self, k: int) -> bool:
        """Whether a street address with its house number begins at word k ("ul. Lipowa 9")."""
        for m in range(k, min(k + 5, len(self.tokens))):
            if m > k and not self._joinable(m - 1, m):
                return False
            if self.kind[m] == "ADDRESS" and (self.tokens[m].digits or self._is_number_word(m)):
                return True
            if self.kind[m] is None and self.low(m) not in PARTICLES | STREET_FIRST | STREET:
                return False
        return False

    def _in_address(self, k: int, back: int = 8) -> bool:
        """Whether an address (a house, flat or box number beside a street word or a name) was
        written in the few words before word k."""
        for m in range(max(0, k - back), k):
            if self.kind[m] == "ADDRESS" or (self.kind[m] is not None and self.low(m) in STREET):
                return True  # "... 410 Birchwood Drive", where the street's words read as a place
            if m > 0 and self.tokens[m].digits and self.kind[m] in ("ID", "PHONE"):
                # "Vestergade 1204": a long house number reads as a number, but follows a street's name
                if self.kind[m - 1] in ("NAME", "LOCATION") or self.low(m - 1) in STREET:
                    return True
        return False

    def _number_before(self, k: int) -> bool:
        p = k - 1
        return p >= 0 and self._joinable(p, k) and (self.tokens[p].digits or self._is_number_word(p))

    def _streets_named_after_kind(self) -> None:
        tokens = self.tokens
        n = len(tokens)
        for k in range(n):
            low = self.low(k)
            if low not in STREET_FIRST or self.kind[k] not in (None, "NAME", "LOCATION", "ADDRESS"):
                continue
            numbered = self._number_before(k)
            if low in STREET_FIRST_SHY and not numbered and not (self.cased and tokens[k].capital):
                continue
            last = None
            j = k + 1
            # "ul. Lipowa", then the words of the name with nothing but spaces between them
            while j < n and j - k <= 5 and (self._spaced(j - 1, j) or j == k + 1 and self._joinable(k, j)):
                t = tokens[j]
                if t.digits or self._is_number_word(j) or t.low in STREET:
                    break
                if t.low in PARTICLES and (not self.cased or t.raw.islower()):
                    j += 1
                    continue
                if (
                    self.kind[j] in ("NAME", "LOCATION", "ADDRESS")
                    or (self.cased and t.capital)
                    or (numbered and t.raw.isalpha() and not self.lex.is_everyday(t.low))
                ):
                    last = j
                    j += 1
                    continue
                break
            if last is None:
                continue
            if not numbered and any(self.low(m) in FACILITY for m in range(k + 1, last + 2)):
                continue  # "St. Aldhelm Regional Hospital": a saint's name of a facility, no street
            start = k
            while numbered and start - 1 >= 0 and self.kind[start - 1] in (None, "ID", "PHONE", "ADDRESS"):
                if not (tokens[start - 1].digits or self._is_number_word(start - 1)):
                    break
                start -= 1  # the house number: "1208 Rue des Peupliers" (read as a number before)
            for m in range(start, last + 1):
                if self.kind[m] in (None, "NAME", "LOCATION", "ID", "PHONE"):
                    self.kind[m], self.rule[m], self.source[m] = "ADDRESS", "street address", "pattern"
            if last + 1 < n and self._joinable(last, last + 1) and self.spoken_numbers_near(last + 1):
                self._address_run(last + 1)

    def _streets_named_before_kind(self, lows: list[str], words: set[str]) -> None:
        tokens = self.tokens
        n = len(tokens)
        for k in range(1, n) if not words.isdisjoint(STREET_AFTER) else ():
            low = lows[k]
            if low not in STREET_AFTER or self.kind[k] is not None:
                continue
            if self.kind[k - 1] not in ("NAME", "LOCATION", "ADDRESS") or not self._joinable(k - 1, k):
                continue
            if low == "u" and self.text[tokens[k].end : tokens[k].end + 1] != ".":
                continue  # Hungarian "u." for utca is written with its full stop
            number_after = k + 1 < n and self._joinable(k, k + 1) and self.spoken_numbers_near(k + 1)
            if number_after or (low != "u" and self._in_address(k)):
                self.mark(k, "ADDRESS", "street address")
                if number_after:
                    self._address_run(k + 1)
        for k in range(2, n) if not words.isdisjoint(STREET_ENDS) else ():
            # "four one maple crescent", "one four acacia street": a house number, one or two words and
            # a street word; a transcript has no capitals to show the words are the street's name.
            if lows[k] not in STREET_ENDS or self.kind[k] not in (None, "NAME", "LOCATION", "ADDRESS"):
                continue
            for size in (1, 2):
                first = k - size
                if first < 1 or not self._number_before(first):
                    continue
                street = range(first, k + 1)
                spaced = all(self._spaced(m - 1, m) for m in street)
                if spaced and all(self._street_name_word(m) for m in street[:-1]):
                    self._address_run(first - 1)
                    for m in street:
                        if self.kind[m] in (None, "NAME", "LOCATION"):
                            self.kind[m], self.rule[m], self.source[m] = (
                                "ADDRESS",
                                "street address",
                                "pattern",
                            )
                    break
        for k in range(n - 1) if not words.isdisjoint(STREET_NAMES) else ():
            # "212 Third Avenue", "5th Street": an ordinal names the street.
            if lows[k + 1] not in STREET_NAMES:
                continue
            t = tokens[k]
            ordinal = t.low in ORDINALS or (t.digits and t.low[-2:] in SUFFIXES and t.low[:-2].isdecimal())
            if not ordinal or self.low(k + 1) not in STREET_NAMES or not self._joinable(k, k + 1):
                continue
            if self._number_before(k) or (self.cased and t.capital) or t.digits:
                for m in (k, k + 1):
                    if self.kind[m] in (None, "DATE"):
                        self.kind[m], self.rule[m], self.source[m] = "ADDRESS", "street address", "pattern"
                if self._number_before(k):
                    self._address_run(k - 1)

    def _street_name_word(self, m: int) -> bool:
        """Whether word m can be (part of) a street's name between its number and its kind."""
        t = self.tokens[m]
        low = t.low
        if self.kind[m] not in (None, "NAME", "LOCATION") or not t.raw.isalpha() or self._is_number_word(m):
            return False
        return low not in FUNCTION_WORDS and low not in DETERMINERS and low not in UNITS and low not in STREET

    def _particles(self, lows: list[str]) -> None:
        """Join the little words inside a name of places or streets ("São José do Rio Preto")."""
        tokens = self.tokens
        n = len(tokens)
        k = 1
        while k < n - 1:
            if lows[k] not in PARTICLES or self.kind[k] is not None or self.kind[k - 1] is None:
                k += 1
                continue
            j = k
            while j < n and j - k < 3 and self.kind[j] is None and self.low(j) in PARTICLES:
                j += 1
            before, after = self.kind[k - 1], self.kind[j] if j < n else None
            named = ("NAME", "LOCATION", "ADDRESS", "ID")  # "... do Sul, RS": "Sul, RS" read as a code
            # (up to the last word: the little words may end the text, "to Rio de la")
            joined = all(self._joinable(m, m + 1) for m in range(k - 1, min(j, n - 1)))
            if self.cased:
                shaped = all(tokens[m].raw.islower() for m in range(k, j)) and j < n and tokens[j].capital
                shaped = shaped and tokens[k - 1].capital
            else:
                shaped = bool({before, after} & {"LOCATION", "ADDRESS"})
            if joined and shaped and before in named and after in named:
                kind = "ADDRESS" if "ADDRESS" in (before, after) else "LOCATION"
                kind = "NAME" if before == after == "NAME" else kind
                for m in range(k, j):
                    self.mark(m, kind, "part of a name", self.source[k - 1])
            k = j + 1

    def _address_lines(self) -> None:
        """The town and region written after a street ("..., Recife, PE, Brazil 50030"): a
        capitalised town between address lines, and a short region code or an empty field after
        the town."""
        tokens = self.tokens
        n = len(tokens)
        for k in range(1, n):
            t = tokens[k]
            if self.kind[k] is not None or t.digits or not t.raw.isalpha():
                continue
            prev = self.kind[k - 1]
            if prev not in ("NAME", "LOCATION", "ADDRESS") or not self._in_address(k, 10):
                continue
            gap_before = self.text[tokens[k - 1].end : t.start]
            gap_after = self.text[t.end : tokens[k + 1].start] if k + 1 < n else "\n"
            if len(gap_before.strip()) > 1 or len(gap_after.strip()) > 1:
                continue  # fields are set apart by spaces, new lines and a comma at most
            if ":" in gap_after or gap_before.count("\n") >= 2:
                continue  # "HPI: 67": a label before its value; a blank line ends the address
            field_end = k + 1 >= n or any(c in gap_after for c in ",\n") or "  " in gap_after
            field_end = field_end or tokens[k + 1].digits
            next_kind = self.kind[k + 1] if k + 1 < n else None
            if len(t.raw) <= 3:
                # "Recife, PE, Brazil": a region's code, even one that is medical shorthand elsewhere;
                # but "five mcg dl" is a measurement.
                code = t.raw.isupper() if self.cased else t.low not in FUNCTION_WORDS | MEDICAL_TERMS
                code = code and t.low not in UNITS and self.low(k - 1) not in UNITS
                empty = t.low in {"nan", "nil", "na"}  # a field left empty in an export
                if (code or empty) and (field_end or next_kind in ("NAME", "LOCATION", "ADDRESS")):
                    self.mark(k, "ADDRESS", "street address")
                    if k + 1 < n and self.kind[k + 1] is None and tokens[k + 1].digits:
                        self._address_run(k + 1)  # the postcode after the region: "Aalborg nan 9000"
            elif (
                self.cased
                and t.capital
                and prev == "ADDRESS"
                and any(c in gap_before + gap_after for c in ",\n")
                and (next_kind in ("NAME", "LOCATION", "ADDRESS") or field_end)
            ):
                self.mark(k, "LOCATION", "town of an address")

    def _corner_street(self, begin: int, end: int) -> None:
        """The second street of "the corner of 12 Ngong Road and Silver Oak Close": after "and", up to
        three words of a street's name whatever they are, once the first street was an address."""
        for m in range(begin, end):
            if self.low(m) != "and":
                continue
            if not any(self.kind[q] == "ADDRESS" for q in range(begin, m)) or self.kind[m - 1] is None:
                return
            self.mark(m, "ADDRESS", "street address")
            q = m + 1
            while q < len(self.tokens) and q - m <= 3 and self._spaced(q - 1, q):
                if not (self._street_name_word(q) or self.kind[q] is None and self.low(q) in STREET):
                    break
                self.mark(q, "ADDRESS", "street address")
                q += 1
            return

    def _address_run(self, k: int) -> None:
        while k - 1 >= 0 and self.kind[k - 1] is None and self.spoken_numbers_near(k - 1):
            k -= 1  # "one four moi avenue": the whole house number
        j = k
        while j < len(self.tokens) and self.kind[j] is None and self.spoken_numbers_near(j):
            self.mark(j, "ADDRESS", "street address")
            j += 1
