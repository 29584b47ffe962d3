"""Swahili (sw) for the storyteller's pages: msgid -> translation (plurals: a tuple).

`make translations` writes these into translations/sw/LC_MESSAGES/messages.po and compiles it.
"""

SW = {
    (
        "%(num)d hour",
        "%(num)d hours",
    ): (
        "saa %(num)d",
        "saa %(num)d",
    ),
    (
        "%(num)d minute",
        "%(num)d minutes",
    ): (
        "dakika %(num)d",
        "dakika %(num)d",
    ),
    "A guardian gave consent for you": "Mlezi alitoa ridhaa kwa niaba yako",
    "A guardian gave consent for you again, to a health worker": (
        "Mlezi alitoa ridhaa kwa niaba yako tena, kwa mhudumu wa afya"
    ),
    "A guardian gave consent for you again, to an administrator": (
        "Mlezi alitoa ridhaa kwa niaba yako tena, kwa msimamizi"
    ),
    "A guardian gave consent for you to a health worker": (
        "Mlezi alitoa ridhaa kwa niaba yako kwa mhudumu wa afya"
    ),
    "A guardian gave consent for you to an administrator": "Mlezi alitoa ridhaa kwa niaba yako kwa msimamizi",
    "A guardian gave this consent, so it can last at most until %(date)s, a little after the storyteller "
    "comes of age. After that the storyteller gives their own consent: ask the health worker who recorded "
    "the story.": (
        "Mlezi ndiye aliyetoa ridhaa hii, kwa hiyo inaweza kudumu hadi %(date)s tu, muda mfupi baada ya "
        "msimulizi kufikia umri wa utu uzima. Baada ya hapo msimulizi atatoa ridhaa yake mwenyewe: muulize "
        "mhudumu wa afya aliyerekodi hadithi."
    ),
    "A guardian gave this consent, so it lasts until %(date)s, a little after the storyteller comes of "
    "age. To keep the story used after that, the storyteller gives their own consent to the health worker.": (
        "Mlezi ndiye aliyetoa ridhaa hii, kwa hiyo inadumu hadi %(date)s, muda mfupi baada ya msimulizi "
        "kufikia umri wa utu uzima. Ili hadithi iendelee kutumika baada ya hapo, msimulizi atampa mhudumu wa "
        "afya ridhaa yake mwenyewe."
    ),
    "A guardian's consent cannot be made longer. Unless the storyteller gives their own consent to the "
    "health worker before %(date)s, the story will then be taken back and its words deleted.": (
        "Ridhaa ya mlezi haiwezi kuongezewa muda. Msimulizi asipompa mhudumu wa afya ridhaa yake mwenyewe "
        "kabla ya %(date)s, hadithi itaondolewa siku hiyo na maneno yake yatafutwa."
    ),
    "A health worker changed your consent, as you asked": (
        "Mhudumu wa afya alibadilisha ridhaa yako, kama ulivyoomba"
    ),
    "A health worker gave you a new secret": "Mhudumu wa afya alikupa siri mpya",
    "A health worker took your story back, as you asked": (
        "Mhudumu wa afya alichukua hadithi yako tena, kama ulivyoomba"
    ),
    "A reviewer sent you your story to read before it is published": (
        "Mkaguzi alikutumia hadithi yako uisome kabla haijachapishwa"
    ),
    "Account": "Akaunti",
    "Admin": "Usimamizi",
    "All stories": "Hadithi zote",
    "An administrator changed your consent, as you asked": (
        "Msimamizi alibadilisha ridhaa yako, kama ulivyoomba"
    ),
    "An administrator gave you a new secret": "Msimamizi alikupa siri mpya",
    "An administrator sent you your story to read before it is published": (
        "Msimamizi alikutumia hadithi yako uisome kabla haijachapishwa"
    ),
    "An administrator took your story back, as you asked": (
        "Msimamizi alichukua hadithi yako tena, kama ulivyoomba"
    ),
    "Back to the start": "Rudi mwanzo",
    "Back to your story": "Rudi kwenye hadithi yako",
    "Change what you agreed to": "Badilisha ulichokubali",
    "Changes work at once. To stop every use of your story, take it back instead.": (
        "Mabadiliko yanafanya kazi mara moja. Ili kusimamisha kila matumizi ya hadithi yako, ichukue tena "
        "badala yake."
    ),
    "Choose the last day, or tick “No end date”.": (
        "Chagua siku ya mwisho, au weka alama “Hakuna tarehe ya mwisho”."
    ),
    "Close": "Funga",
    "Code": "Namba",
    "Code on your card": "Namba kwenye kadi yako",
    "Consent form version %(version)s": "Toleo la fomu ya ridhaa %(version)s",
    "Done. The time you agreed to has changed.": "Imekamilika. Muda uliokubali umebadilika.",
    "Done. Your story is no longer used for what you removed.": (
        "Imekamilika. Hadithi yako haitumiki tena kwa kile ulichoondoa."
    ),
    "Enter the code and the secret from the card you were given. You can then read your story as teachers "
    "see it, change what it may be used for, or take it back.": (
        "Andika namba na siri kutoka kwenye kadi uliyopewa. Kisha unaweza kusoma hadithi yako kama walimu "
        "wanavyoiona, kubadilisha inavyoweza kutumika, au kuichukua tena."
    ),
    "Error": "Hitilafu",
    "From %(start)s until %(end)s.": "Kuanzia %(start)s hadi %(end)s.",
    "From %(start)s, with no end date.": "Kuanzia %(start)s, bila tarehe ya mwisho.",
    "Go to this address and enter the code and the secret:": (
        "Nenda kwenye anwani hii na uandike namba na siri:"
    ),
    "How long": "Kwa muda gani",
    "How your story was used": "Jinsi hadithi yako ilivyotumika",
    "How:": "Jinsi:",
    "If you choose today or an earlier day, your consent ends now and teachers can no longer see your "
    "story.": (
        "Ukichagua leo au siku iliyopita, ridhaa yako inaisha sasa na walimu hawataweza tena kuona hadithi "
        "yako."
    ),
    "If you do, your story is removed from the library straight away and its words are deleted. Teachers "
    "will no longer see or hear it. This cannot be undone.": (
        "Ukifanya hivyo, hadithi yako inaondolewa kwenye maktaba mara moja na maneno yake yanafutwa. Walimu "
        "hawataiona wala kuisikia tena. Hili haliwezi kurudishwa."
    ),
    "If you lose this card, ask the health worker who recorded the story for a new secret.": (
        "Ukipoteza kadi hii, muulize mhudumu wa afya aliyerekodi hadithi akupe siri mpya."
    ),
    "If you want something changed first, do not say yes: ask the health worker who recorded your story.": (
        "Ukitaka kitu kibadilishwe kwanza, usikubali: muulize mhudumu wa afya aliyerekodi hadithi yako."
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
    "Keep the secret private. Anyone with the code and the secret can change or take back the story.": (
        "Usimwonyeshe mtu siri. Yeyote mwenye namba na siri anaweza kubadilisha hadithi au kuichukua tena."
    ),
    "Keep the text or the recording. If you want neither used, take your story back instead.": (
        "Acha maandishi au sauti iliyorekodiwa. Kama hutaki kimoja wapo kitumike, chukua hadithi yako tena "
        "badala yake."
    ),
    "Last day": "Siku ya mwisho",
    "Library": "Maktaba",
    "Listen to the recording of your consent": "Sikiliza rekodi ya ridhaa yako",
    "Listen to your recording": "Sikiliza rekodi yako",
    "Lost your card? Ask the health worker who recorded your story: they can give you a new secret after "
    "checking it is you.": (
        "Umepoteza kadi yako? Muulize mhudumu wa afya aliyerekodi hadithi yako: anaweza kukupa siri mpya "
        "baada ya kuhakikisha ni wewe."
    ),
    "My stories": "Hadithi zangu",
    "Names and places are replaced by labels such as [NAME].": (
        "Majina na mahali yamebadilishwa na alama kama [NAME]."
    ),
    "New story": "Hadithi mpya",
    "No end date": "Hakuna tarehe ya mwisho",
    "No teacher has put your story in a teaching set.": (
        "Hakuna mwalimu aliyeweka hadithi yako katika seti ya kufundishia."
    ),
    "No, keep it": "Hapana, iache",
    "Not a valid date value.": "Tarehe hii si sahihi.",
    "Not allowed": "Hairuhusiwi",
    "Not allowed here": "Hairuhusiwi hapa",
    "Not found": "Haikupatikana",
    "Nothing was changed.": "Hakuna kilichobadilishwa.",
    "Now: no end date.": "Sasa: hakuna tarehe ya mwisho.",
    "Now: until %(end)s.": "Sasa: hadi %(end)s.",
    "On %(date)s you agreed that your story “%(title)s” may be used as written below.": (
        "Tarehe %(date)s ulikubali kwamba hadithi yako “%(title)s” inaweza kutumika kama ilivyoandikwa hapa "
        "chini."
    ),
    "On %(date)s you agreed, for the person in your care, that their story “%(title)s” may be used as "
    "written below.": (
        "Tarehe %(date)s ulikubali, kwa niaba ya mtu unayemtunza, kwamba hadithi yake “%(title)s” inaweza "
        "kutumika kama ilivyoandikwa hapa chini."
    ),
    "On %(date)s your story was removed from the library and its words were deleted. Nobody can read it "
    "here any more.": (
        "Tarehe %(date)s hadithi yako iliondolewa kwenye maktaba na maneno yake yakafutwa. Hakuna mtu "
        "anayeweza kuisoma hapa tena."
    ),
    "Open my story": "Fungua hadithi yangu",
    "Please sign in": "Tafadhali ingia",
    "Please sign in to see this page.": "Tafadhali ingia ili kuona ukurasa huu.",
    "Read it below, as teachers would read it, and listen to your recording.": (
        "Isome hapa chini, kama walimu wangeisoma, na usikilize rekodi yako."
    ),
    "Read it below, as teachers would read it.": "Isome hapa chini, kama walimu wangeisoma.",
    "Read the consent form": "Soma fomu ya ridhaa",
    "Review": "Ukaguzi",
    "Save the time": "Hifadhi muda",
    "Save these uses": "Hifadhi matumizi haya",
    "Secret": "Siri",
    "Secret on your card": "Siri kwenye kadi yako",
    "Sign out": "Toka",
    "Something went wrong": "Kuna tatizo limetokea",
    "Staff sign-in": "Kuingia kwa wafanyakazi",
    "Story taken back": "Hadithi imechukuliwa tena",
    "Students were given links to read these sets:": "Wanafunzi walipewa viungo vya kusoma seti hizi:",
    "Take my story back": "Chukua hadithi yangu tena",
    "Take your story back": "Chukua hadithi yako tena",
    "Take your story back?": "Uchukue hadithi yako tena?",
    "Teachers can read it. Names and places are replaced by labels such as [NAME].": (
        "Walimu wanaweza kuisoma. Majina na mahali yamebadilishwa na alama kama [NAME]."
    ),
    (
        "Teachers opened your story %(num)d time (each teacher counts once a day).",
        "Teachers opened your story %(num)d times (each teacher counts once a day).",
    ): (
        "Walimu walifungua hadithi yako mara %(num)d (kila mwalimu anahesabiwa mara moja kwa siku).",
        "Walimu walifungua hadithi yako mara %(num)d (kila mwalimu anahesabiwa mara moja kwa siku).",
    ),
    "Teachers put your story in these teaching sets:": (
        "Walimu waliweka hadithi yako katika seti hizi za kufundishia:"
    ),
    "Teaching sets": "Seti za kufundishia",
    "Thank you. Your story will now be published as you read it.": (
        "Asante. Hadithi yako sasa itachapishwa kama ulivyoisoma."
    ),
    "That code and secret do not match. Check the card and try again.": (
        "Namba hiyo na siri hazilingani. Angalia kadi na ujaribu tena."
    ),
    "That request could not be used": "Ombi hilo halikuweza kutumika",
    "The archive changed your consent, as its rules say": (
        "Hifadhi ilibadilisha ridhaa yako, kama kanuni zake zinavyosema"
    ),
    "The archive hit an unexpected problem. Nothing was changed.": (
        "Hifadhi imepata tatizo lisilotarajiwa. Hakuna kilichobadilishwa."
    ),
    "The form had expired or was sent from elsewhere. Please reload the page and try again.": (
        "Fomu ilikuwa imepitwa na wakati au ilitumwa kutoka mahali pengine. Tafadhali pakia ukurasa upya na "
        "ujaribu tena."
    ),
    "The recording is heard only with the voice disguised.": "Rekodi inasikika tu sauti ikiwa imebadilishwa.",
    "The request was incomplete or malformed. Please go back and try again.": (
        "Ombi halikuwa kamili au lilikuwa na kasoro. Tafadhali rudi nyuma na ujaribu tena."
    ),
    "The story is published only after you have read or heard it and said yes, on the website below.": (
        "Hadithi itachapishwa tu baada ya wewe kuisoma au kuisikiliza na kukubali, kwenye tovuti iliyo hapa "
        "chini."
    ),
    "The story of the person in your care, and your consent": "Hadithi ya mtu unayemtunza, na ridhaa yako",
    "The time you agreed to ended": "Muda uliokubali uliisha",
    "There is nothing at this address.": "Hakuna kitu kwenye anwani hii.",
    "This address does not accept that kind of request.": "Anwani hii haipokei ombi la aina hiyo.",
    "This is longer than anything printed on the card. Check it and try again.": (
        "Hii ni ndefu kuliko chochote kilichoandikwa kwenye kadi. Iangalie kisha ujaribu tena."
    ),
    "This is your recording as it was recorded. Teachers hear it only with names and places covered by a "
    "sound.": (
        "Hii ni rekodi yako kama ilivyorekodiwa. Walimu wanaisikia tu majina na mahali yakiwa yamefunikwa "
        "kwa sauti nyingine."
    ),
    "This is your recording as teachers hear it, with names and places covered.": (
        "Hii ni rekodi yako kama walimu wanavyoisikia, majina na mahali yakiwa yamefunikwa."
    ),
    "This page can only remove uses. To add one, ask the health worker who recorded your story.": (
        "Ukurasa huu unaweza tu kuondoa matumizi. Ili kuongeza, muulize mhudumu wa afya aliyerekodi hadithi "
        "yako."
    ),
    "To reach the archive: %(contact)s": "Kuwasiliana na hifadhi: %(contact)s",
    "Too large": "Kubwa mno",
    "Too many attempts": "Majaribio mengi mno",
    "Too many attempts. For your safety this is locked for a while. Please try again in %(wait)s, or ask "
    "the health worker who recorded your story.": (
        "Majaribio mengi mno. Kwa usalama wako hii imefungwa kwa muda. Tafadhali jaribu tena baada ya "
        "%(wait)s, au muulize mhudumu wa afya aliyerekodi hadithi yako."
    ),
    "Too many attempts. Please wait a while and try again.": (
        "Majaribio mengi mno. Tafadhali subiri kidogo na ujaribu tena."
    ),
    "Type the code from your card.": "Andika namba iliyo kwenye kadi yako.",
    "Type the secret from your card.": "Andika siri iliyo kwenye kadi yako.",
    "Unless you choose a later last day before %(date)s, your story will then be taken back and its words "
    "deleted.": (
        "Usipochagua siku ya mwisho iliyo mbele zaidi kabla ya %(date)s, hadithi yako itaondolewa siku hiyo "
        "na maneno yake yatafutwa."
    ),
    "Untick what you no longer want. Keep at least one use and one kind of material.": (
        "Ondoa alama kwenye usichotaka tena. Acha angalau matumizi moja na aina moja ya kitu."
    ),
    "Used for:": "Inatumika kwa:",
    "Uses": "Matumizi",
    "What happened": "Kilichotokea",
    "What may be used": "Kinachoweza kutumika",
    "What may be used:": "Kinachoweza kutumika:",
    "What was agreed": "Kilichokubaliwa",
    "What you agreed to": "Ulichokubali",
    "What you sent is larger than this site accepts.": "Ulichotuma ni kikubwa kuliko tovuti hii inavyopokea.",
    "What your story may be used for": "Hadithi yako inaweza kutumika kwa",
    "With this card you can read the story as teachers will see it, change what it may be used for, or "
    "take it back at any time.": (
        "Kwa kadi hii unaweza kusoma hadithi kama walimu watakavyoiona, kubadilisha inavyoweza kutumika, au "
        "kuichukua tena wakati wowote."
    ),
    "With this card you can read your story as teachers will see it, change what it may be used for, or "
    "take it back at any time.": (
        "Kwa kadi hii unaweza kusoma hadithi yako kama walimu watakavyoiona, kubadilisha inavyoweza "
        "kutumika, au kuichukua tena wakati wowote."
    ),
    "Yes, my story may be published": "Ndiyo, hadithi yangu inaweza kuchapishwa",
    "Yes, take my story back": "Ndiyo, chukua hadithi yangu tena",
    "You agreed as the guardian of a child, with a witness.": (
        "Ulikubali kama mlezi wa mtoto, mbele ya shahidi."
    ),
    "You agreed as the guardian of an adult who cannot agree themself, with a witness.": (
        "Ulikubali kama mlezi wa mtu mzima asiyeweza kukubali mwenyewe, mbele ya shahidi."
    ),
    "You changed your consent on this website": "Ulibadilisha ridhaa yako kwenye tovuti hii",
    "You gave your consent": "Ulitoa ridhaa yako",
    "You gave your consent again, to a health worker": "Ulitoa ridhaa yako tena, kwa mhudumu wa afya",
    "You gave your consent again, to an administrator": "Ulitoa ridhaa yako tena, kwa msimamizi",
    "You gave your consent to a health worker": "Ulitoa ridhaa yako kwa mhudumu wa afya",
    "You gave your consent to an administrator": "Ulitoa ridhaa yako kwa msimamizi",
    "You gave your thumbprint on the consent form, with a witness.": (
        "Uliweka alama ya kidole gumba kwenye fomu ya ridhaa, mbele ya shahidi."
    ),
    "You opened your story's page on this website": "Ulifungua ukurasa wa hadithi yako kwenye tovuti hii",
    "You said on this website that your story may be published": (
        "Ulisema kwenye tovuti hii kwamba hadithi yako inaweza kuchapishwa"
    ),
    "You said yes aloud, and it was recorded.": "Ulikubali kwa sauti, na ikarekodiwa.",
    "You said yes aloud, and it was recorded. Only you and the archive's administrators can listen to it; "
    "it is never written down or shown to teachers. If you take your story back, this recording is "
    "deleted too.": (
        "Ulikubali kwa sauti, na ikarekodiwa. Ni wewe tu na wasimamizi wa hifadhi wanaoweza kuisikiliza; "
        "haiandikwi wala kuonyeshwa kwa walimu. Ukichukua hadithi yako tena, rekodi hii inafutwa pia."
    ),
    "You signed the consent form.": "Ulitia sahihi fomu ya ridhaa.",
    "You took your story back on this website": "Ulichukua hadithi yako tena kwenye tovuti hii",
    "You were asked to give your consent again": "Uliombwa kutoa ridhaa yako tena",
    "You were given a new secret": "Ulipewa siri mpya",
    "Your account is not allowed to see this page.": "Akaunti yako hairuhusiwi kuona ukurasa huu.",
    "Your choices": "Machaguo yako",
    "Your consent ends now: teachers can no longer see or hear your story. If you want it used again, "
    "choose a later day soon, or ask the health worker who recorded it.": (
        "Ridhaa yako inaisha sasa: walimu hawawezi tena kuona wala kusikia hadithi yako. Ukitaka itumike "
        "tena, chagua siku ya baadaye mapema, au muulize mhudumu wa afya aliyeirekodi."
    ),
    "Your recording is heard only with your voice disguised.": (
        "Rekodi yako inasikika tu sauti yako ikiwa imebadilishwa."
    ),
    "Your story": "Hadithi yako",
    "Your story and your consent": "Hadithi yako na ridhaa yako",
    "Your story as it would be published": "Hadithi yako kama itakavyochapishwa",
    "Your story as teachers see it": "Hadithi yako kama walimu wanavyoiona",
    "Your story has been taken back": "Hadithi yako imechukuliwa tena",
    "Your story is not in the library yet: a reviewer is checking it and removing names and places first.": (
        "Hadithi yako bado haiko kwenye maktaba: mkaguzi anaikagua na kuondoa majina na mahali kwanza."
    ),
    "Your story is published only after you have read it and said yes.": (
        "Hadithi yako inachapishwa tu baada ya wewe kuisoma na kukubali."
    ),
    "Your story is ready, and it waits for you: it is published only when you say yes.": (
        "Hadithi yako iko tayari, na inakusubiri: itachapishwa tu utakapokubali."
    ),
    "Your story was sent to you to read before it is published": (
        "Hadithi yako ilitumwa kwako uisome kabla haijachapishwa"
    ),
    "Your story was taken back, because the time you agreed to had ended": (
        "Hadithi yako ilichukuliwa tena, kwa sababu muda uliokubali ulikuwa umeisha"
    ),
    "Your story was taken back, so there is nothing left to change.": (
        "Hadithi yako ilichukuliwa tena, kwa hiyo hakuna kilichobaki cha kubadilisha."
    ),
    "Your voice is disguised.": "Sauti yako imebadilishwa.",
    "a guardian agreed for you, because you could not agree yourself, with a witness": (
        "mlezi alikubali kwa niaba yako, kwa sababu hukuweza kukubali mwenyewe, mbele ya shahidi"
    ),
    "a library open to the public": "maktaba iliyo wazi kwa umma",
    "consent form version %(version)s": "toleo la fomu ya ridhaa %(version)s",
    "ended now": "imeisha sasa",
    "ended on %(date)s": "iliisha tarehe %(date)s",
    "given by you, now that you have come of age": (
        "imetolewa na wewe, kwa kuwa sasa umefikia umri wa utu uzima"
    ),
    "last day: %(date)s": "siku ya mwisho: %(date)s",
    "no end date": "hakuna tarehe ya mwisho",
    "removed: %(what)s": "imeondolewa: %(what)s",
    "research": "utafiti",
    "teaching health workers in a closed course": "kufundisha wahudumu wa afya katika kozi ya ndani",
    "the recording of your voice": "rekodi ya sauti yako",
    "the written story": "hadithi iliyoandikwa",
    "you came of age on %(date)s": "ulifikia umri wa utu uzima tarehe %(date)s",
    "you gave your thumbprint": "uliweka alama ya kidole gumba",
    "you said yes aloud and it was recorded": "ulikubali kwa sauti na ikarekodiwa",
    "you signed a form": "ulitia sahihi fomu",
    "your guardian agreed for you, with a witness": "mlezi wako alikubali kwa niaba yako, mbele ya shahidi",
    "“%(label)s” (set “%(title)s”): open from %(start)s until %(end)s": (
        "“%(label)s” (seti “%(title)s”): wazi kuanzia %(start)s hadi %(end)s"
    ),
    "“%(label)s” (set “%(title)s”): was open from %(start)s until %(end)s": (
        "“%(label)s” (seti “%(title)s”): ilikuwa wazi kuanzia %(start)s hadi %(end)s"
    ),
    "“%(title)s”, since %(date)s": "“%(title)s”, tangu %(date)s",
}
