"""E-mail and web addresses as a recogniser prints them ("abdi dot warsame at gmail dot com")."""

from __future__ import annotations

from ..lexicon import FUNCTION_WORDS
from .reading import Reading
from .words import (
    COUNTRY_TLDS,
    TLDS,
)


class SpokenWebAddresses(Reading):
    """E-mail and web addresses as a recogniser prints them ("abdi dot warsame at gmail dot com")."""

    # -- spoken e-mail and web addresses ------------------------------------------------------------

    def spoken_addresses(self) -> None:
        """ "abdi dot warsame at gmail dot com", "http www clinic com", "name domain com"."""
        tokens = self.tokens
        for k, t in enumerate(tokens):
            low = t.low
            if low in {"www", "http", "https"}:
                j = k
                while j + 1 < len(tokens) and j - k < 8 and not self._ends_address(j):
                    j += 1
                self._mark_run(k, j, "URL", "web address")
                continue
            if low in TLDS and k > 0 and self.kind[k] is None and not self.cased:
                start = self._address_start(k)
                said = {self.low(n) for n in range(start, k)}
                # "jourrapide com", "gmail dot com"; "net" only after "dot": "a mosquito net" is a net.
                if start == k or (low == "net" and "dot" not in said):
                    continue
                end = k
                while end + 1 < len(tokens) and self.low(end + 1) in COUNTRY_TLDS | {"dot"}:
                    end += 1
                kind = "EMAIL" if "at" in said or ("dot" not in said and k - start >= 2) else "URL"
                self._mark_run(start, end, kind, "e-mail address" if kind == "EMAIL" else "web address")

    def _address_start(self, k: int) -> int:
        """Walk back from a top-level domain over the words of the address it ends."""
        separators = {"dot", "at", "underscore", "dash", "hyphen"}
        start = k
        while start - 1 >= 0 and k - start < 10:
            prev = self.low(start - 1)
            if prev in separators:
                start -= 1
            elif (start == k or self.low(start) in separators) and prev not in FUNCTION_WORDS - separators:
                start -= 1  # the word before a spoken "dot" or "at" belongs to the address, whatever it is
            elif self._address_word(start - 1) and prev not in FUNCTION_WORDS:
                start -= 1
            else:
                break
        while start < k and self.low(start) in separators:
            start += 1
        return start

    def _address_word(self, k: int) -> bool:
        low = self.low(k)
        return (
            low in {"dot", "at", "underscore", "dash", "hyphen"}
            or not self.lex.is_everyday(low)
            or (low in self.lex.names)
        )

    def _ends_address(self, j: int) -> bool:
        low = self.low(j)
        return (low in TLDS or low in COUNTRY_TLDS) and self.low(j + 1) not in COUNTRY_TLDS | TLDS | {
            "dot",
            "slash",
        }
