"""Names to give people in a published story, by the language and region of the story, with the
gender of a given name, and the words around a name that say whether a woman or a man is meant.

Each pool holds common given names (women's and men's apart) and family names of one language or
region, in the script its stories are written in. They are ordinary, frequent names, chosen so that a
pseudonym reads as a name of the same place without pointing at anyone. ``ingest.pseudonyms`` picks a
pool and draws from it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NamePool:
    key: str
    women: tuple[str, ...]
    men: tuple[str, ...]
    surnames: tuple[str, ...]
    latin: bool = True  # written in Latin letters


def _pool(key: str, women: str, men: str, surnames: str, latin: bool = True) -> NamePool:
    return NamePool(key, tuple(women.split()), tuple(men.split()), tuple(surnames.split()), latin)


POOLS: dict[str, NamePool] = {
    p.key: p
    for p in (
        _pool(
            "en",
            "Emily Sarah Grace Hannah Rachel Laura Claire Helen Ruth Alice Megan Joy",
            "James David Peter Thomas Daniel Mark Paul Simon Andrew George Henry Samuel",
            "Smith Brown Taylor Wilson Clarke Walker Wright Green Hughes Baker Turner Cooper",
        ),
        _pool(
            "sw",
            "Amina Zawadi Neema Rehema Halima Mwanaisha Subira Imani Pendo Furaha Saida Mariamu",
            "Juma Baraka Omari Hamisi Musa Bakari Rashidi Salim Jabari Idrisa Hassani Shabani",
            "Mwakyusa Kimaro Mushi Massawe Mrema Lyimo Mwita Chande Mbwana Salum Temba Kombo",
        ),
        _pool(
            "fr",
            "Camille Léa Chloé Manon Julie Claire Sophie Élise Margaux Inès Lucie Anne",
            "Julien Mathieu Nicolas Antoine Thomas Hugo Louis Pierre Olivier Rémi Bastien Marc",
            "Martin Bernard Dubois Laurent Lefèvre Girard Fontaine Mercier Blanc Garnier Rousseau Faure",
        ),
        _pool(
            "es",
            "María Lucía Carmen Elena Sofía Paula Isabel Rosa Andrea Teresa Marta Julia",
            "José Carlos Javier Miguel Luis Antonio Pablo Diego Andrés Jorge Manuel Sergio",
            "García Martínez López Sánchez Pérez Gómez Díaz Romero Navarro Torres Ruiz Morales",
        ),
        _pool(
            "pt",
            "Ana Beatriz Mariana Joana Inês Luísa Rita Sofia Carolina Teresa Marta Helena",
            "João Pedro Tiago Rui Miguel Bruno André Paulo Nuno Carlos Ricardo Vasco",
            "Silva Santos Ferreira Pereira Oliveira Costa Rodrigues Martins Sousa Fernandes Gomes Lopes",
        ),
        # North Indian names in Latin letters (an English or Hinglish story).
        _pool(
            "hi-latn",
            "Priya Anjali Sunita Pooja Neha Kavita Rita Mamta Seema Aarti Deepa Geeta",
            "Rahul Amit Suresh Vikram Arjun Rajesh Manoj Sanjay Anil Vinod Ravi Dinesh",
            "Sharma Verma Gupta Yadav Patel Mishra Tiwari Chauhan Joshi Pandey Saxena Agarwal",
        ),
        # Punjabi names in Latin letters; Singh and Kaur are kept as they are (see KEPT_WORDS).
        _pool(
            "pa-latn",
            "Simran Harleen Jasleen Gurleen Mehak Noor Sukhmani Rajni",
            "Harjit Gurdeep Baljit Kuldeep Jaswant Manvir Harvinder Ranjit Sukhdev Gurmeet Amarjit Jagdeep",
            "Gill Sandhu Dhillon Grewal Sidhu Brar Bains Sekhon Toor Cheema Bajwa Randhawa",
        ),
        _pool(
            "hi",
            "प्रिया अंजलि सुनीता पूजा नेहा कविता रीता ममता सीमा आरती दीपा गीता",
            "राहुल अमित सुरेश विक्रम अर्जुन राजेश मनोज संजय अनिल विनोद रवि दिनेश",
            "शर्मा वर्मा गुप्ता यादव पटेल मिश्रा तिवारी चौहान जोशी पांडे सक्सेना अग्रवाल",
            latin=False,
        ),
        _pool(
            "ne",
            "सीता गीता सरिता कमला अनिता सुशीला मीना राधा लक्ष्मी पार्वती सावित्री बिमला",
            "राम हरि विष्णु बिकास सुरेश कृष्ण गोपाल दीपक प्रकाश नारायण श्याम रमेश",
            "श्रेष्ठ तामाङ गुरुङ अधिकारी थापा राई मगर पौडेल खड्का बस्नेत भट्टराई कार्की",
            latin=False,
        ),
        _pool(
            "ko",
            "서연 지은 민지 수빈 하은 지현 유나 예린 수진 미영 은정 혜진",
            "민준 서준 도윤 지호 현우 준영 성민 동현 재훈 상우 영호 태현",
            "김 이 박 최 정 강 조 윤 장 임 한 오",
            latin=False,
        ),
    )
}
# The pool a story's language starts from (a story's names in another pool's list win, see
# ``ingest.pseudonyms``). Hindi and Nepali stories in Latin letters take the Latin pools.
BY_LANGUAGE = {"en": "en", "sw": "sw", "fr": "fr", "es": "es", "pt": "pt", "hi": "hi", "ne": "ne", "ko": "ko"}
LATIN_FOR = {"hi": "hi-latn", "ne": "hi-latn", "pa": "pa-latn"}

# Words next to a name that say a woman or a man is meant: titles and kin words before it (or after
# it, as Korean and Hindi put them), pronouns after it.
WOMAN = frozenset(
    """she her hers herself mrs ms miss madam mother mum mom wife daughter sister aunt auntie grandmother
    grandma girl woman lady niece kaur mama bibi dada binti shangazi mke elle madame mme mère femme fille
    sœur tante ella señora sra madre esposa hija hermana tía abuela ela senhora mãe filha irmã tia avó
    श्रीमती माँ मां पत्नी बेटी बहन दीदी आमा छोरी दिदी बहिनी देवी
    할머니 어머니 엄마 언니 누나 딸 아내 여동생 이모 고모 부인 아주머니 아줌마""".split()
)
MAN = frozenset(
    """he him his himself mr sir father dad husband son brother uncle grandfather grandpa boy man nephew
    singh baba babu kaka mjomba mume mzee il monsieur père mari fils frère oncle señor sr padre esposo
    marido hijo hermano tío abuelo ele senhor pai filho irmão tio avô श्री पिता पति बेटा भाई दाजु बुबा छोरा भाइ
    할아버지 아버지 아빠 오빠 형 아들 남편 남동생 삼촌 아저씨""".split()
)
