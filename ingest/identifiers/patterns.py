"""Identifiers written the same way in every language: e-mail, web and IP addresses, post office
boxes and plots, and digit runs.

These read characters, not words, so they hold for any script. Spoken forms ("abdi dot warsame at
gmail dot com", "zero seven two two ...") depend on the language's words and live with its
recogniser.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Sequence

from .base import Detection

EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
URL = re.compile(
    r"(?i)\b(?:(?:https?|ftp)://|www\.)[^\s<>\"']+|\b(?:[a-z0-9-]+\.)+(?:com|org|net|edu|gov|info|io|co|uk|"
    r"ke|ng|gh|za|ug|tz|et|so|rw|in|pk|bd|np|lk|au|ca|de|fr|nl|se|dk|no|fi|be|at|ch|it|es|pt|br|mx|ar|uy|"
    r"jp|cn|hu|pl|cz|ru|ie|nz)(?:/[^\s<>\"']*)?\b"
)
# What every web address the pattern above finds holds: "://", "www." or a letter, digit or hyphen
# before a dot and a letter (the domain's end). One scan for it, before the slower pattern runs.
WEB_HINT = re.compile(r"(?i)://|www\.|[a-z0-9-]\.[a-z]")
# A post office box or a plot with its number, as East and West African, Latin American and
# Portuguese-speaking addresses write it ("P.O. Box 4521", "S.L.P. 1234", "Plot No. 27", "Caixa
# Postal 88", "Apartado 1022"). Not "BP" alone: in a clinical note it is a blood pressure.
POSTAL = re.compile(
    r"(?i)(?<!\w)(?:P\.?\s?O\.?\s?Box|Post\s+Office\s+Box|S\.\s?L\.\s?P\.?|SLP|Sanduku\s+la\s+Posta|"
    r"B\.\s?P\.|Bo[iî]te\s+postale|Caixa\s+Postal|Apartado(?:\s+Postal)?|Plot|Ploti|Kiwanja)"
    r"\s*(?:(?:No|Nº|N°|Namba|Nambari|n[ºo°])\.?\s*)?\d{1,6}(?:\s*[-/]\s*\d{1,6})?(?!\w)"
)
IPV4 = re.compile(r"(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?![\d.])")
IPV6 = re.compile(r"(?i)(?<![\w:])(?:[0-9a-f]{1,4}:){2,7}(?::|[0-9a-f]{1,4})(?![\w:])")


class WrittenAddresses:
    """E-mail, web and IP addresses as they are typed."""

    name = "e-mail, web and IP addresses as typed"

    def find(self, text: str, known: Sequence[tuple[str, str]]) -> Iterable[Detection]:
        # Each pattern needs a character most sentences lack ("@", ".", ":"): where it is missing, the
        # pattern is not run at all (the e-mail pattern is slow on long runs of words).
        found: list[Detection] = []
        if "@" in text:
            found = [
                Detection(m.start(), m.end(), "EMAIL", "pattern", "e-mail address")
                for m in EMAIL.finditer(text)
            ]
        if any(c.isdigit() for c in text):  # (a box's or a plot's number)
            found.extend(
                Detection(m.start(), m.end(), "ADDRESS", "pattern", "post office box or plot")
                for m in POSTAL.finditer(text)
            )
        if WEB_HINT.search(text):
            found.extend(self._web(text))
        if "." in text:
            found.extend(self._ipv4(text))
        if ":" in text:
            found.extend(self._ipv6(text))
        return found

    def _web(self, text: str) -> Iterable[Detection]:
        for m in URL.finditer(text):
            end = m.end()
            while end > m.start() and text[end - 1] in ".,;:!?)":
                end -= 1  # the full stop after a web address is the sentence's, not the address's
            yield Detection(m.start(), end, "URL", "pattern", "web address")

    def _ipv4(self, text: str) -> Iterable[Detection]:
        for m in IPV4.finditer(text):
            if all(int(part) <= 255 for part in m.group().split(".")):
                yield Detection(m.start(), m.end(), "IP", "pattern", "IP address")

    def _ipv6(self, text: str) -> Iterable[Detection]:
        for m in IPV6.finditer(text):
            try:
                ipaddress.IPv6Address(m.group())
            except ValueError:
                continue
            yield Detection(m.start(), m.end(), "IP", "pattern", "IP address")
