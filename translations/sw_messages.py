"""Swahili (sw) for the storyteller's pages: msgid -> translation (plurals: a tuple).

`make translations` writes these into translations/sw/LC_MESSAGES/messages.po and compiles it.
"""

SW = {
    ("%(num)d hour", "%(num)d hours"): ("saa %(num)d", "saa %(num)d"),
    ("%(num)d minute", "%(num)d minutes"): ("dakika %(num)d", "dakika %(num)d"),
    "Back to your story": "Rudi kwenye hadithi yako",
    "Change what you agreed to": "Badilisha ulichokubali",
    "Changes work at once. To stop every use of your story, take it back instead.": (
        "Mabadiliko yanafanya kazi mara moja. Ili kusimamisha kila matumizi ya hadithi yako, "
        "ichukue tena badala yake."
    ),
    "Choose the last day, or tick “No end date”.": (
        "Chagua siku ya mwisho, au weka alama “Hakuna tarehe ya mwisho”."
    ),
    "Close": "Funga",
    "Code on your card": "Namba kwenye kadi yako",
    "Consent form version %(version)s": "Toleo la fomu ya ridhaa %(version)s",
    "Done. The time you agreed to has changed.": "Imekamilika. Muda uliokubali umebadilika.",
    "Done. Your story is no longer used for what you removed.": (
        "Imekamilika. Hadithi yako haitumiki tena kwa kile ulichoondoa."
    ),
    "Enter the code and the secret from the card you were given. You can then read your story as "
    "teachers see it, change what it may be used for, or take it back.": (
        "Andika namba na siri kutoka kwenye kadi uliyopewa. Kisha unaweza kusoma hadithi yako kama "
        "walimu wanavyoiona, kubadilisha inavyoweza kutumika, au kuichukua tena."
    ),
    "From %(start)s until %(end)s.": "Kuanzia %(start)s hadi %(end)s.",
    "From %(start)s, with no end date.": "Kuanzia %(start)s, bila tarehe ya mwisho.",
    "How long": "Kwa muda gani",
    "How your story was used": "Jinsi hadithi yako ilivyotumika",
    "How:": "Jinsi:",
    "If you choose today or an earlier day, your consent ends now and teachers can no longer see your "
    "story.": (
        "Ukichagua leo au siku iliyopita, ridhaa yako inaisha sasa na walimu hawataweza tena kuona "
        "hadithi yako."
    ),
    "If you do, your story is removed from the library straight away and its words are deleted. "
    "Teachers will no longer see or hear it. This cannot be undone.": (
        "Ukifanya hivyo, hadithi yako inaondolewa kwenye maktaba mara moja na maneno yake yanafutwa. "
        "Walimu hawataiona wala kuisikia tena. Hili haliwezi kurudishwa."
    ),
    "It is not shown to teachers, because the time you agreed to ended on %(date)s.": (
        "Haionyeshwi kwa walimu, kwa sababu muda uliokubali uliisha tarehe %(date)s."
    ),
    "It is not shown to teachers, because you did not agree to its use for teaching.": (
        "Haionyeshwi kwa walimu, kwa sababu hukukubali itumike kufundishia."
    ),
    "It is not shown to teachers, because you did not agree to the use of the written story.": (
        "Haionyeshwi kwa walimu, kwa sababu hukukubali hadithi iliyoandikwa itumike."
    ),
    "It is not shown to teachers.": "Haionyeshwi kwa walimu.",
    "Keep at least one use. If you do not want your story used at all, take it back instead.": (
        "Acha angalau matumizi moja. Kama hutaki hadithi yako itumike kabisa, ichukue tena badala yake."
    ),
    "Keep the text or the recording. If you want neither used, take your story back instead.": (
        "Acha maandishi au sauti iliyorekodiwa. Kama hutaki kimoja wapo kitumike, chukua hadithi yako "
        "tena badala yake."
    ),
    "Last day": "Siku ya mwisho",
    "Listen to the recording of your consent": "Sikiliza rekodi ya ridhaa yako",
    "Listen to your recording": "Sikiliza rekodi yako",
    "Lost your card? Ask the health worker who recorded your story: they can give you a new secret "
    "after checking it is you.": (
        "Umepoteza kadi yako? Muulize mhudumu wa afya aliyerekodi hadithi yako: anaweza kukupa siri "
        "mpya baada ya kuhakikisha ni wewe."
    ),
    "No end date": "Hakuna tarehe ya mwisho",
    "No, keep it": "Hapana, iache",
    "Nothing was changed.": "Hakuna kilichobadilishwa.",
    "Now: no end date.": "Sasa: hakuna tarehe ya mwisho.",
    "Now: until %(end)s.": "Sasa: hadi %(end)s.",
    "On %(date)s your story was removed from the library and its words were deleted. Nobody can read "
    "it here any more.": (
        "Tarehe %(date)s hadithi yako iliondolewa kwenye maktaba na maneno yake yakafutwa. Hakuna mtu "
        "anayeweza kuisoma hapa tena."
    ),
    "Open my story": "Fungua hadithi yangu",
    "Read the consent form": "Soma fomu ya ridhaa",
    "Save the time": "Hifadhi muda",
    "Save these uses": "Hifadhi matumizi haya",
    "Secret on your card": "Siri kwenye kadi yako",
    "Story taken back": "Hadithi imechukuliwa tena",
    "Take my story back": "Chukua hadithi yangu tena",
    "Take your story back": "Chukua hadithi yako tena",
    "Take your story back?": "Uchukue hadithi yako tena?",
    "Teachers can read it like this. Names and places are replaced by labels such as [NAME].": (
        "Walimu wanaweza kuisoma hivi. Majina na mahali yamebadilishwa na alama kama [NAME]."
    ),
    ("Teachers opened your story %(num)d time.", "Teachers opened your story %(num)d times."): (
        "Walimu walifungua hadithi yako mara %(num)d.",
        "Walimu walifungua hadithi yako mara %(num)d.",
    ),
    (
        "Teachers put your story in %(num)d teaching set.",
        "Teachers put your story in %(num)d teaching sets.",
    ): (
        "Walimu waliweka hadithi yako katika seti %(num)d ya kufundishia.",
        "Walimu waliweka hadithi yako katika seti %(num)d za kufundishia.",
    ),
    "That code and secret do not match. Check the card and try again.": (
        "Namba hiyo na siri hazilingani. Angalia kadi na ujaribu tena."
    ),
    "The time you agreed to ended": "Muda uliokubali uliisha",
    "This is your recording as teachers hear it, with names and places covered.": (
        "Hii ni rekodi yako kama walimu wanavyoisikia, majina na mahali yakiwa yamefunikwa."
    ),
    "This is your story with names and places replaced by labels such as [NAME].": (
        "Hii ni hadithi yako, majina na mahali yakiwa yamebadilishwa na alama kama [NAME]."
    ),
    "This page can only remove uses. To add one, ask the health worker who recorded your story.": (
        "Ukurasa huu unaweza tu kuondoa matumizi. Ili kuongeza, muulize mhudumu wa afya aliyerekodi "
        "hadithi yako."
    ),
    "Too many attempts. For your safety this is locked for a while. Please try again in %(wait)s, or "
    "ask the health worker who recorded your story.": (
        "Majaribio mengi mno. Kwa usalama wako hii imefungwa kwa muda. Tafadhali jaribu tena baada ya "
        "%(wait)s, au muulize mhudumu wa afya aliyerekodi hadithi yako."
    ),
    "Untick what you no longer want. Keep at least one use and one kind of material.": (
        "Ondoa alama kwenye usichotaka tena. Acha angalau matumizi moja na aina moja ya kitu."
    ),
    "Used for:": "Inatumika kwa:",
    "Uses": "Matumizi",
    "What happened": "Kilichotokea",
    "What may be used": "Kinachoweza kutumika",
    "What may be used:": "Kinachoweza kutumika:",
    "What you agreed to": "Ulichokubali",
    "What your story may be used for": "Hadithi yako inaweza kutumika kwa",
    "Yes, take my story back": "Ndiyo, chukua hadithi yangu tena",
    "You gave your consent": "Ulitoa ridhaa yako",
    "You opened this page": "Ulifungua ukurasa huu",
    "You said yes aloud, and it was recorded. Only you and the archive's administrators can listen to "
    "it; it is never written down or shown to teachers. If you take your story back, this recording is "
    "deleted too.": (
        "Ulikubali kwa sauti, na ikarekodiwa. Ni wewe tu na wasimamizi wa hifadhi wanaoweza "
        "kuisikiliza; haiandikwi wala kuonyeshwa kwa walimu. Ukichukua hadithi yako tena, rekodi hii "
        "inafutwa pia."
    ),
    "You were given a new secret": "Ulipewa siri mpya",
    "Your consent ends now: teachers can no longer see or hear your story. If you want it used again, "
    "choose a later day soon, or ask the health worker who recorded it.": (
        "Ridhaa yako inaisha sasa: walimu hawawezi tena kuona wala kusikia hadithi yako. Ukitaka "
        "itumike tena, chagua siku ya baadaye mapema, au muulize mhudumu wa afya aliyeirekodi."
    ),
    "Your consent was changed": "Ridhaa yako ilibadilishwa",
    "Your recording is heard only with your voice disguised.": (
        "Rekodi yako inasikika tu sauti yako ikiwa imebadilishwa."
    ),
    "Your story": "Hadithi yako",
    "Your story and your consent": "Hadithi yako na ridhaa yako",
    "Your story has been taken back": "Hadithi yako imechukuliwa tena",
    "Your story is not in the library yet: a reviewer is checking it and removing names and places first.": (
        "Hadithi yako bado haiko kwenye maktaba: mkaguzi anaikagua na kuondoa majina na mahali kwanza."
    ),
    "Your story was taken back": "Hadithi yako ilichukuliwa tena",
    "Your story was taken back, so there is nothing left to change.": (
        "Hadithi yako ilichukuliwa tena, kwa hiyo hakuna kilichobaki cha kubadilisha."
    ),
    "Your voice is disguised.": "Sauti yako imebadilishwa.",
    "a library open to the public": "maktaba iliyo wazi kwa umma",
    "by a health worker": "na mhudumu wa afya",
    "by a reviewer": "na mkaguzi",
    "by an administrator": "na msimamizi",
    "by you, on this website": "na wewe, kwenye tovuti hii",
    "ended now": "imeisha sasa",
    "last day: %(date)s": "siku ya mwisho: %(date)s",
    "ended on %(date)s": "iliisha tarehe %(date)s",
    "no end date": "hakuna tarehe ya mwisho",
    "removed: %(what)s": "imeondolewa: %(what)s",
    "research": "utafiti",
    "teaching health workers in a closed course": "kufundisha wahudumu wa afya katika kozi ya ndani",
    "the recording of your voice": "rekodi ya sauti yako",
    "the written story": "hadithi iliyoandikwa",
    "you gave your thumbprint": "uliweka alama ya kidole gumba",
    "you said yes aloud and it was recorded": "ulikubali kwa sauti na ikarekodiwa",
    "you signed a form": "ulitia sahihi fomu",
    "your guardian agreed for you, with a witness": "mlezi wako alikubali kwa niaba yako, mbele ya shahidi",
    # Guardians, consent given again, the end of a period, and the forms' own messages.
    "A guardian gave this consent, so it can last at most until %(date)s, a little after the "
    "storyteller comes of age. After that the storyteller gives their own consent: ask the health "
    "worker who recorded the story.": (
        "Mlezi ndiye aliyetoa ridhaa hii, kwa hiyo inaweza kudumu hadi %(date)s tu, muda mfupi baada "
        "ya msimulizi kufikia umri wa utu uzima. Baada ya hapo msimulizi atatoa ridhaa yake mwenyewe: "
        "muulize mhudumu wa afya aliyerekodi hadithi."
    ),
    "A guardian gave this consent, so it lasts until %(date)s, a little after the storyteller comes "
    "of age. To keep the story used after that, the storyteller gives their own consent to the health "
    "worker.": (
        "Mlezi ndiye aliyetoa ridhaa hii, kwa hiyo inadumu hadi %(date)s, muda mfupi baada ya msimulizi "
        "kufikia umri wa utu uzima. Ili hadithi iendelee kutumika baada ya hapo, msimulizi atampa "
        "mhudumu wa afya ridhaa yake mwenyewe."
    ),
    "A guardian's consent cannot be made longer. Unless the storyteller gives their own consent to "
    "the health worker before %(date)s, the story will then be taken back and its words deleted.": (
        "Ridhaa ya mlezi haiwezi kuongezewa muda. Msimulizi asipompa mhudumu wa afya ridhaa yake "
        "mwenyewe kabla ya %(date)s, hadithi itaondolewa siku hiyo na maneno yake yatafutwa."
    ),
    "Not a valid date value.": "Tarehe hii si sahihi.",
    "This is longer than anything printed on the card. Check it and try again.": (
        "Hii ni ndefu kuliko chochote kilichoandikwa kwenye kadi. Iangalie kisha ujaribu tena."
    ),
    "Type the code from your card.": "Andika namba iliyo kwenye kadi yako.",
    "Type the secret from your card.": "Andika siri iliyo kwenye kadi yako.",
    "Unless you choose a later last day before %(date)s, your story will then be taken back and its "
    "words deleted.": (
        "Usipochagua siku ya mwisho iliyo mbele zaidi kabla ya %(date)s, hadithi yako itaondolewa siku "
        "hiyo na maneno yake yatafutwa."
    ),
    "You gave your consent again": "Ulitoa ridhaa yako tena",
    "You were asked to give your consent again": "Uliombwa kutoa ridhaa yako tena",
    "a guardian agreed for you, because you could not agree yourself, with a witness": (
        "mlezi alikubali kwa niaba yako, kwa sababu hukuweza kukubali mwenyewe, mbele ya shahidi"
    ),
    "consent form version %(version)s": "toleo la fomu ya ridhaa %(version)s",
    "given by you, now that you have come of age": (
        "imetolewa na wewe, kwa kuwa sasa umefikia umri wa utu uzima"
    ),
    "you came of age on %(date)s": "ulifikia umri wa utu uzima tarehe %(date)s",
}
