"""Nepali (ne) for the storyteller's pages: msgid -> translation (plurals: a tuple).

Plain, respectful Nepali ("तपाईं"), in everyday words.
`make translations` writes these into translations/ne/LC_MESSAGES/messages.po and compiles it.
"""

NE = {
    (
        "%(num)d hour",
        "%(num)d hours",
    ): (
        "%(num)d घण्टा",
        "%(num)d घण्टा",
    ),
    (
        "%(num)d minute",
        "%(num)d minutes",
    ): (
        "%(num)d मिनेट",
        "%(num)d मिनेट",
    ),
    "A guardian gave consent for you": "एक अभिभावकले तपाईंको तर्फबाट सहमति दिनुभयो",
    "A guardian gave consent for you again, to a health worker": (
        "एक अभिभावकले तपाईंको तर्फबाट फेरि सहमति दिनुभयो, एक स्वास्थ्यकर्मीलाई"
    ),
    "A guardian gave consent for you again, to an administrator": (
        "एक अभिभावकले तपाईंको तर्फबाट फेरि सहमति दिनुभयो, एक प्रशासकलाई"
    ),
    "A guardian gave consent for you to a health worker": (
        "एक अभिभावकले तपाईंको तर्फबाट एक स्वास्थ्यकर्मीलाई सहमति दिनुभयो"
    ),
    "A guardian gave consent for you to an administrator": (
        "एक अभिभावकले तपाईंको तर्फबाट एक प्रशासकलाई सहमति दिनुभयो"
    ),
    "A guardian gave this consent, so it can last at most until %(date)s, a little after the storyteller "
    "comes of age. After that the storyteller gives their own consent: ask the health worker who recorded "
    "the story.": (
        "यो सहमति एक अभिभावकले दिनुभएको हो, त्यसैले यो बढीमा %(date)s सम्म, अर्थात् कथा भन्ने व्यक्ति वयस्क भएको केही "
        "समयपछिसम्म मात्र रहन सक्छ। त्यसपछि कथा भन्ने व्यक्तिले आफ्नो सहमति आफैँ दिनुहुन्छ: कथा रेकर्ड गर्ने स्वास्थ्यकर्मीलाई "
        "सोध्नुहोस्।"
    ),
    "A guardian gave this consent, so it lasts until %(date)s, a little after the storyteller comes of "
    "age. To keep the story used after that, the storyteller gives their own consent to the health worker.": (
        "यो सहमति एक अभिभावकले दिनुभएको हो, त्यसैले यो %(date)s सम्म, अर्थात् कथा भन्ने व्यक्ति वयस्क भएको केही समयपछिसम्म "
        "रहन्छ। त्यसपछि पनि कथा प्रयोग भइरहोस् भन्नका लागि कथा भन्ने व्यक्तिले स्वास्थ्यकर्मीलाई आफ्नो सहमति आफैँ दिनुहुन्छ।"
    ),
    "A guardian's consent cannot be made longer. Unless the storyteller gives their own consent to the "
    "health worker before %(date)s, the story will then be taken back and its words deleted.": (
        "अभिभावकको सहमतिको अवधि बढाउन सकिँदैन। कथा भन्ने व्यक्तिले %(date)s अघि स्वास्थ्यकर्मीलाई आफ्नो सहमति आफैँ दिनुभएन "
        "भने, त्यस दिन कथा फिर्ता लिइनेछ र यसका शब्दहरू मेटाइनेछन्।"
    ),
    "A health worker changed your consent, as you asked": "एक स्वास्थ्यकर्मीले तपाईंले भनेअनुसार तपाईंको सहमति बदल्नुभयो",
    "A health worker gave you a new secret": "एक स्वास्थ्यकर्मीले तपाईंलाई नयाँ गोप्य कोड दिनुभयो",
    "A health worker took your story back, as you asked": (
        "एक स्वास्थ्यकर्मीले तपाईंले भनेअनुसार तपाईंको कथा फिर्ता लिनुभयो"
    ),
    "A reviewer sent you your story to read before it is published": (
        "प्रकाशित हुनुअघि पढ्नका लागि एक समीक्षकले तपाईंको कथा तपाईंलाई पठाउनुभयो"
    ),
    "Account": "खाता",
    "Admin": "प्रशासन",
    "All stories": "सबै कथाहरू",
    "An administrator changed your consent, as you asked": "एक प्रशासकले तपाईंले भनेअनुसार तपाईंको सहमति बदल्नुभयो",
    "An administrator gave you a new secret": "एक प्रशासकले तपाईंलाई नयाँ गोप्य कोड दिनुभयो",
    "An administrator sent you your story to read before it is published": (
        "प्रकाशित हुनुअघि पढ्नका लागि एक प्रशासकले तपाईंको कथा तपाईंलाई पठाउनुभयो"
    ),
    "An administrator took your story back, as you asked": "एक प्रशासकले तपाईंले भनेअनुसार तपाईंको कथा फिर्ता लिनुभयो",
    "Back to the start": "सुरुमा फर्कनुहोस्",
    "Back to your story": "आफ्नो कथामा फर्कनुहोस्",
    "Change what you agreed to": "तपाईंले सहमति दिएको कुरा बदल्नुहोस्",
    "Changes work at once. To stop every use of your story, take it back instead.": (
        "परिवर्तनहरू तुरुन्तै लागू हुन्छन्। तपाईंको कथाको कुनै पनि प्रयोग रोक्न चाहनुहुन्छ भने, बरु यसलाई फिर्ता लिनुहोस्।"
    ),
    "Choose the last day, or tick “No end date”.": "अन्तिम दिन छान्नुहोस्, वा “अन्तिम मिति छैन” मा चिन्ह लगाउनुहोस्।",
    "Close": "बन्द गर्नुहोस्",
    "Code": "कोड",
    "Code on your card": "तपाईंको कार्डमा भएको कोड",
    "Consent form version %(version)s": "सहमति फारमको संस्करण %(version)s",
    "Done. The time you agreed to has changed.": "भयो। तपाईंले सहमति दिएको समय बदलिएको छ।",
    "Done. Your story is no longer used for what you removed.": (
        "भयो। तपाईंले हटाएको कामका लागि अब तपाईंको कथा प्रयोग हुँदैन।"
    ),
    "Enter the code and the secret from the card you were given. You can then read your story as teachers "
    "see it, change what it may be used for, or take it back.": (
        "तपाईंलाई दिइएको कार्डमा भएको कोड र गोप्य कोड लेख्नुहोस्। त्यसपछि तपाईं आफ्नो कथा शिक्षकहरूले देखेजस्तै पढ्न, यो केका "
        "लागि प्रयोग हुन सक्छ भन्ने बदल्न, वा यसलाई फिर्ता लिन सक्नुहुन्छ।"
    ),
    "Error": "त्रुटि",
    "From %(start)s until %(end)s.": "%(start)s देखि %(end)s सम्म।",
    "From %(start)s, with no end date.": "%(start)s देखि, कुनै अन्तिम मिति बिना।",
    "Go to this address and enter the code and the secret:": "यो ठेगानामा जानुहोस् र कोड तथा गोप्य कोड लेख्नुहोस्:",
    "How long": "कति समयका लागि",
    "How your story was used": "तपाईंको कथा कसरी प्रयोग भयो",
    "How:": "कसरी:",
    "If you choose today or an earlier day, your consent ends now and teachers can no longer see your "
    "story.": (
        "तपाईंले आज वा त्यसअघिको दिन छान्नुभयो भने, तपाईंको सहमति अहिले नै सकिन्छ र शिक्षकहरूले तपाईंको कथा देख्न सक्नुहुने छैन।"
    ),
    "If you do, your story is removed from the library straight away and its words are deleted. Teachers "
    "will no longer see or hear it. This cannot be undone.": (
        "यसो गर्नुभयो भने, तपाईंको कथा तुरुन्तै पुस्तकालयबाट हटाइन्छ र यसका शब्दहरू मेटाइन्छन्। शिक्षकहरूले यसलाई फेरि देख्न वा "
        "सुन्न सक्नुहुने छैन। यसलाई फिर्ता गर्न सकिँदैन।"
    ),
    "If you lose this card, ask the health worker who recorded the story for a new secret.": (
        "यो कार्ड हरायो भने, कथा रेकर्ड गर्ने स्वास्थ्यकर्मीसँग नयाँ गोप्य कोड माग्नुहोस्।"
    ),
    "If you want something changed first, do not say yes: ask the health worker who recorded your story.": (
        "पहिले केही बदल्न चाहनुहुन्छ भने, हुन्छ नभन्नुहोस्: तपाईंको कथा रेकर्ड गर्ने स्वास्थ्यकर्मीलाई सोध्नुहोस्।"
    ),
    "It is not shown to teachers, because the time you agreed to ended on %(date)s.": (
        "यो शिक्षकहरूलाई देखाइँदैन, किनभने तपाईंले सहमति दिएको समय %(date)s मा सकियो।"
    ),
    "It is not shown to teachers, because you did not agree to its use for teaching.": (
        "यो शिक्षकहरूलाई देखाइँदैन, किनभने तपाईंले यसलाई पढाइका लागि प्रयोग गर्न सहमति दिनुभएन।"
    ),
    "It is not shown to teachers, because you did not agree to the use of the written story.": (
        "यो शिक्षकहरूलाई देखाइँदैन, किनभने तपाईंले लेखिएको कथा प्रयोग गर्न सहमति दिनुभएन।"
    ),
    "It is not shown to teachers.": "यो शिक्षकहरूलाई देखाइँदैन।",
    "Keep at least one use. If you do not want your story used at all, take it back instead.": (
        "कम्तीमा एउटा प्रयोग राख्नुहोस्। तपाईंको कथा कुनै पनि काममा प्रयोग नहोस् भन्ने चाहनुहुन्छ भने, बरु यसलाई फिर्ता लिनुहोस्।"
    ),
    "Keep the secret private. Anyone with the code and the secret can change or take back the story.": (
        "गोप्य कोड कसैलाई नदेखाउनुहोस्। कोड र गोप्य कोड भएको जो कोहीले कथा बदल्न वा फिर्ता लिन सक्छ।"
    ),
    "Keep the text or the recording. If you want neither used, take your story back instead.": (
        "लेखिएको कथा वा रेकर्डिङमध्ये एउटा राख्नुहोस्। दुवै प्रयोग नहोस् भन्ने चाहनुहुन्छ भने, बरु आफ्नो कथा फिर्ता लिनुहोस्।"
    ),
    "Last day": "अन्तिम दिन",
    "Library": "पुस्तकालय",
    "Listen to the recording of your consent": "आफ्नो सहमतिको रेकर्डिङ सुन्नुहोस्",
    "Listen to your recording": "आफ्नो रेकर्डिङ सुन्नुहोस्",
    "Lost your card? Ask the health worker who recorded your story: they can give you a new secret after "
    "checking it is you.": (
        "कार्ड हरायो? तपाईंको कथा रेकर्ड गर्ने स्वास्थ्यकर्मीलाई सोध्नुहोस्: यो तपाईं नै हो भनी जाँचेपछि उहाँले तपाईंलाई नयाँ "
        "गोप्य कोड दिन सक्नुहुन्छ।"
    ),
    "My stories": "मेरा कथाहरू",
    "Names and places are replaced by labels such as [NAME].": "नाम र ठाउँहरू [NAME] जस्ता चिन्हले बदलिएका छन्।",
    "New story": "नयाँ कथा",
    "No end date": "अन्तिम मिति छैन",
    "No teacher has put your story in a teaching set.": "कुनै पनि शिक्षकले तपाईंको कथा शिक्षण सेटमा राख्नुभएको छैन।",
    "No, keep it": "होइन, राख्नुहोस्",
    "Not a valid date value.": "यो सही मिति होइन।",
    "Not allowed": "अनुमति छैन",
    "Not allowed here": "यहाँ अनुमति छैन",
    "Not found": "भेटिएन",
    "Nothing was changed.": "केही पनि बदलिएन।",
    "Now: no end date.": "अहिले: अन्तिम मिति छैन।",
    "Now: until %(end)s.": "अहिले: %(end)s सम्म।",
    "On %(date)s you agreed that your story “%(title)s” may be used as written below.": (
        "%(date)s मा तपाईंले आफ्नो कथा “%(title)s” तल लेखिएअनुसार प्रयोग गर्न सकिन्छ भनी सहमति दिनुभयो।"
    ),
    "On %(date)s you agreed, for the person in your care, that their story “%(title)s” may be used as "
    "written below.": (
        "%(date)s मा तपाईंले आफ्नो हेरचाहमा रहेको व्यक्तिको तर्फबाट, उहाँको कथा “%(title)s” तल लेखिएअनुसार प्रयोग गर्न "
        "सकिन्छ भनी सहमति दिनुभयो।"
    ),
    "On %(date)s your story was removed from the library and its words were deleted. Nobody can read it "
    "here any more.": (
        "%(date)s मा तपाईंको कथा पुस्तकालयबाट हटाइयो र यसका शब्दहरू मेटाइए। अब यहाँ कसैले पनि यसलाई पढ्न सक्दैन।"
    ),
    "Open my story": "मेरो कथा खोल्नुहोस्",
    "Please sign in": "कृपया साइन इन गर्नुहोस्",
    "Please sign in to see this page.": "यो पृष्ठ हेर्न कृपया साइन इन गर्नुहोस्।",
    "Read it below, as teachers would read it, and listen to your recording.": (
        "शिक्षकहरूले पढ्नुहुनेजस्तै यसलाई तल पढ्नुहोस्, र आफ्नो रेकर्डिङ सुन्नुहोस्।"
    ),
    "Read it below, as teachers would read it.": "शिक्षकहरूले पढ्नुहुनेजस्तै यसलाई तल पढ्नुहोस्।",
    "Read the consent form": "सहमति फारम पढ्नुहोस्",
    "Review": "समीक्षा",
    "Save the time": "समय सुरक्षित गर्नुहोस्",
    "Save these uses": "यी प्रयोगहरू सुरक्षित गर्नुहोस्",
    "Secret": "गोप्य कोड",
    "Secret on your card": "तपाईंको कार्डमा भएको गोप्य कोड",
    "Sign out": "साइन आउट गर्नुहोस्",
    "Something went wrong": "केही गडबड भयो",
    "Staff sign-in": "कर्मचारी साइन इन",
    "Story taken back": "कथा फिर्ता लिइयो",
    "Students were given links to read these sets:": "यी सेटहरू पढ्न विद्यार्थीहरूलाई लिङ्क दिइयो:",
    "Take my story back": "मेरो कथा फिर्ता लिनुहोस्",
    "Take your story back": "आफ्नो कथा फिर्ता लिनुहोस्",
    "Take your story back?": "आफ्नो कथा फिर्ता लिने हो?",
    "Teachers can read it. Names and places are replaced by labels such as [NAME].": (
        "शिक्षकहरूले यसलाई पढ्न सक्नुहुन्छ। नाम र ठाउँहरू [NAME] जस्ता चिन्हले बदलिएका छन्।"
    ),
    (
        "Teachers opened your story %(num)d time (each teacher counts once a day).",
        "Teachers opened your story %(num)d times (each teacher counts once a day).",
    ): (
        "शिक्षकहरूले तपाईंको कथा %(num)d पटक खोल्नुभयो (प्रत्येक शिक्षक दिनमा एक पटक मात्र गनिनुहुन्छ)।",
        "शिक्षकहरूले तपाईंको कथा %(num)d पटक खोल्नुभयो (प्रत्येक शिक्षक दिनमा एक पटक मात्र गनिनुहुन्छ)।",
    ),
    "Teachers put your story in these teaching sets:": "शिक्षकहरूले तपाईंको कथा यी शिक्षण सेटहरूमा राख्नुभयो:",
    "Teaching sets": "शिक्षण सेटहरू",
    "Thank you. Your story will now be published as you read it.": (
        "धन्यवाद। तपाईंको कथा अब तपाईंले पढ्नुभएजस्तै प्रकाशित हुनेछ।"
    ),
    "That code and secret do not match. Check the card and try again.": (
        "यो कोड र गोप्य कोड मेल खाँदैनन्। कार्ड हेरेर फेरि प्रयास गर्नुहोस्।"
    ),
    "That request could not be used": "त्यो अनुरोध पूरा गर्न सकिएन",
    "The archive changed your consent, as its rules say": "संग्रहले आफ्ना नियमअनुसार तपाईंको सहमति बदल्यो",
    "The archive hit an unexpected problem. Nothing was changed.": (
        "संग्रहमा अनपेक्षित समस्या आयो। केही पनि बदलिएन।"
    ),
    "The form had expired or was sent from elsewhere. Please reload the page and try again.": (
        "फारमको समय सकिएको थियो वा यो अर्कै ठाउँबाट पठाइएको थियो। कृपया पृष्ठ फेरि खोलेर प्रयास गर्नुहोस्।"
    ),
    "The recording is heard only with the voice disguised.": "रेकर्डिङ बदलिएको आवाजमा मात्र सुनिन्छ।",
    "The request was incomplete or malformed. Please go back and try again.": (
        "अनुरोध अधुरो वा गलत थियो। कृपया पछाडि गएर फेरि प्रयास गर्नुहोस्।"
    ),
    "The story is published only after you have read or heard it and said yes, on the website below.": (
        "तलको वेबसाइटमा तपाईंले कथा पढेर वा सुनेर हुन्छ भनेपछि मात्र यो प्रकाशित हुन्छ।"
    ),
    "The story of the person in your care, and your consent": (
        "तपाईंको हेरचाहमा रहेको व्यक्तिको कथा, र तपाईंको सहमति"
    ),
    "The time you agreed to ended": "तपाईंले सहमति दिएको समय सकियो",
    "There is nothing at this address.": "यो ठेगानामा केही छैन।",
    "This address does not accept that kind of request.": "यो ठेगानाले त्यस्तो अनुरोध लिँदैन।",
    "This is longer than anything printed on the card. Check it and try again.": (
        "यो कार्डमा छापिएको कुनै पनि कुराभन्दा लामो छ। जाँचेर फेरि प्रयास गर्नुहोस्।"
    ),
    "This is your recording as it was recorded. Teachers hear it only with names and places covered by a "
    "sound.": (
        "यो तपाईंको रेकर्डिङ हो, जसरी रेकर्ड गरिएको थियो। शिक्षकहरूले यसलाई नाम र ठाउँहरू एउटा आवाजले छोपिएको अवस्थामा "
        "मात्र सुन्नुहुन्छ।"
    ),
    "This is your recording as teachers hear it, with names and places covered.": (
        "यो तपाईंको रेकर्डिङ हो, जसरी शिक्षकहरूले सुन्नुहुन्छ, नाम र ठाउँहरू छोपिएको।"
    ),
    "This page can only remove uses. To add one, ask the health worker who recorded your story.": (
        "यो पृष्ठमा प्रयोगहरू हटाउन मात्र सकिन्छ। कुनै प्रयोग थप्न, तपाईंको कथा रेकर्ड गर्ने स्वास्थ्यकर्मीलाई सोध्नुहोस्।"
    ),
    "To reach the archive: %(contact)s": "संग्रहसँग सम्पर्क गर्न: %(contact)s",
    "Too large": "धेरै ठूलो",
    "Too many attempts": "धेरै पटक प्रयास भयो",
    "Too many attempts. For your safety this is locked for a while. Please try again in %(wait)s, or ask "
    "the health worker who recorded your story.": (
        "धेरै पटक प्रयास भयो। तपाईंको सुरक्षाका लागि यसलाई केही समय बन्द गरिएको छ। कृपया %(wait)s पछि फेरि प्रयास "
        "गर्नुहोस्, वा तपाईंको कथा रेकर्ड गर्ने स्वास्थ्यकर्मीलाई सोध्नुहोस्।"
    ),
    "Too many attempts. Please wait a while and try again.": (
        "धेरै पटक प्रयास भयो। कृपया केही बेर पर्खेर फेरि प्रयास गर्नुहोस्।"
    ),
    "Type the code from your card.": "आफ्नो कार्डमा भएको कोड लेख्नुहोस्।",
    "Type the secret from your card.": "आफ्नो कार्डमा भएको गोप्य कोड लेख्नुहोस्।",
    "Unless you choose a later last day before %(date)s, your story will then be taken back and its words "
    "deleted.": (
        "तपाईंले %(date)s अघि पछिको कुनै अन्तिम दिन छान्नुभएन भने, त्यस दिन तपाईंको कथा फिर्ता लिइनेछ र यसका शब्दहरू "
        "मेटाइनेछन्।"
    ),
    "Untick what you no longer want. Keep at least one use and one kind of material.": (
        "अब नचाहिने कुराबाट चिन्ह हटाउनुहोस्। कम्तीमा एउटा प्रयोग र एक किसिमको सामग्री राख्नुहोस्।"
    ),
    "Used for:": "प्रयोग:",
    "Uses": "प्रयोगहरू",
    "What happened": "के भयो",
    "What may be used": "के प्रयोग गर्न सकिन्छ",
    "What may be used:": "के प्रयोग गर्न सकिन्छ:",
    "What was agreed": "केमा सहमति भयो",
    "What you agreed to": "तपाईंले केमा सहमति दिनुभयो",
    "What you sent is larger than this site accepts.": "तपाईंले पठाएको कुरा यो साइटले लिन सक्नेभन्दा ठूलो छ।",
    "What your story may be used for": "तपाईंको कथा केका लागि प्रयोग हुन सक्छ",
    "With this card you can read the story as teachers will see it, change what it may be used for, or "
    "take it back at any time.": (
        "यो कार्डले तपाईं कथा शिक्षकहरूले देख्नुहुनेजस्तै पढ्न, यो केका लागि प्रयोग हुन सक्छ भन्ने बदल्न, वा जुनसुकै बेला फिर्ता लिन "
        "सक्नुहुन्छ।"
    ),
    "With this card you can read your story as teachers will see it, change what it may be used for, or "
    "take it back at any time.": (
        "यो कार्डले तपाईं आफ्नो कथा शिक्षकहरूले देख्नुहुनेजस्तै पढ्न, यो केका लागि प्रयोग हुन सक्छ भन्ने बदल्न, वा जुनसुकै बेला फिर्ता "
        "लिन सक्नुहुन्छ।"
    ),
    "Yes, my story may be published": "हुन्छ, मेरो कथा प्रकाशित गर्न सकिन्छ",
    "Yes, take my story back": "हुन्छ, मेरो कथा फिर्ता लिनुहोस्",
    "You agreed as the guardian of a child, with a witness.": (
        "तपाईंले एक साक्षीको उपस्थितिमा, एक बच्चाको अभिभावकका रूपमा सहमति दिनुभयो।"
    ),
    "You agreed as the guardian of an adult who cannot agree themself, with a witness.": (
        "तपाईंले एक साक्षीको उपस्थितिमा, आफैँ सहमति दिन नसक्ने एक वयस्कको अभिभावकका रूपमा सहमति दिनुभयो।"
    ),
    "You changed your consent on this website": "तपाईंले यो वेबसाइटमा आफ्नो सहमति बदल्नुभयो",
    "You gave your consent": "तपाईंले आफ्नो सहमति दिनुभयो",
    "You gave your consent again, to a health worker": "तपाईंले फेरि आफ्नो सहमति दिनुभयो, एक स्वास्थ्यकर्मीलाई",
    "You gave your consent again, to an administrator": "तपाईंले फेरि आफ्नो सहमति दिनुभयो, एक प्रशासकलाई",
    "You gave your consent to a health worker": "तपाईंले एक स्वास्थ्यकर्मीलाई आफ्नो सहमति दिनुभयो",
    "You gave your consent to an administrator": "तपाईंले एक प्रशासकलाई आफ्नो सहमति दिनुभयो",
    "You gave your thumbprint on the consent form, with a witness.": (
        "तपाईंले एक साक्षीको उपस्थितिमा सहमति फारममा औँठाछाप लगाउनुभयो।"
    ),
    "You opened your story's page on this website": "तपाईंले यो वेबसाइटमा आफ्नो कथाको पृष्ठ खोल्नुभयो",
    "You said on this website that your story may be published": (
        "तपाईंले यो वेबसाइटमा आफ्नो कथा प्रकाशित गर्न सकिन्छ भन्नुभयो"
    ),
    "You said yes aloud, and it was recorded.": "तपाईंले ठूलो स्वरमा हुन्छ भन्नुभयो, र त्यो रेकर्ड गरियो।",
    "You said yes aloud, and it was recorded. Only you and the archive's administrators can listen to it; "
    "it is never written down or shown to teachers. If you take your story back, this recording is "
    "deleted too.": (
        "तपाईंले ठूलो स्वरमा हुन्छ भन्नुभयो, र त्यो रेकर्ड गरियो। यसलाई तपाईं र संग्रहका प्रशासकहरूले मात्र सुन्न सक्नुहुन्छ; यो "
        "कहिल्यै लेखिँदैन र शिक्षकहरूलाई देखाइँदैन। तपाईंले आफ्नो कथा फिर्ता लिनुभयो भने, यो रेकर्डिङ पनि मेटाइन्छ।"
    ),
    "You signed the consent form.": "तपाईंले सहमति फारममा हस्ताक्षर गर्नुभयो।",
    "You took your story back on this website": "तपाईंले यो वेबसाइटमा आफ्नो कथा फिर्ता लिनुभयो",
    "You were asked to give your consent again": "तपाईंलाई फेरि सहमति दिन भनियो",
    "You were given a new secret": "तपाईंलाई नयाँ गोप्य कोड दिइयो",
    "Your account is not allowed to see this page.": "तपाईंको खातालाई यो पृष्ठ हेर्ने अनुमति छैन।",
    "Your choices": "तपाईंका विकल्पहरू",
    "Your consent ends now: teachers can no longer see or hear your story. If you want it used again, "
    "choose a later day soon, or ask the health worker who recorded it.": (
        "तपाईंको सहमति अहिले सकिन्छ: शिक्षकहरूले अब तपाईंको कथा देख्न वा सुन्न सक्नुहुने छैन। यो फेरि प्रयोग होस् भन्ने चाहनुहुन्छ "
        "भने, चाँडै पछिको कुनै दिन छान्नुहोस्, वा यसलाई रेकर्ड गर्ने स्वास्थ्यकर्मीलाई सोध्नुहोस्।"
    ),
    "Your recording is heard only with your voice disguised.": (
        "तपाईंको रेकर्डिङ तपाईंको बदलिएको आवाजमा मात्र सुनिन्छ।"
    ),
    "Your story": "तपाईंको कथा",
    "Your story and your consent": "तपाईंको कथा र तपाईंको सहमति",
    "Your story as it would be published": "तपाईंको कथा, जसरी प्रकाशित हुनेछ",
    "Your story as teachers see it": "तपाईंको कथा, जसरी शिक्षकहरूले देख्नुहुन्छ",
    "Your story has been taken back": "तपाईंको कथा फिर्ता लिइएको छ",
    "Your story is not in the library yet: a reviewer is checking it and removing names and places first.": (
        "तपाईंको कथा अझै पुस्तकालयमा छैन: पहिले एक समीक्षकले यसलाई जाँचेर नाम र ठाउँहरू हटाउँदै हुनुहुन्छ।"
    ),
    "Your story is published only after you have read it and said yes.": (
        "तपाईंले कथा पढेर हुन्छ भनेपछि मात्र यो प्रकाशित हुन्छ।"
    ),
    "Your story is ready, and it waits for you: it is published only when you say yes.": (
        "तपाईंको कथा तयार छ र तपाईंलाई पर्खिरहेको छ: तपाईंले हुन्छ भनेपछि मात्र यो प्रकाशित हुनेछ।"
    ),
    "Your story was sent to you to read before it is published": (
        "प्रकाशित हुनुअघि पढ्नका लागि तपाईंको कथा तपाईंलाई पठाइयो"
    ),
    "Your story was taken back, because the time you agreed to had ended": (
        "तपाईंले सहमति दिएको समय सकिएकाले तपाईंको कथा फिर्ता लिइयो"
    ),
    "Your story was taken back, so there is nothing left to change.": (
        "तपाईंको कथा फिर्ता लिइएको छ, त्यसैले बदल्नुपर्ने केही बाँकी छैन।"
    ),
    "Your voice is disguised.": "तपाईंको आवाज बदलिएको छ।",
    "a guardian agreed for you, because you could not agree yourself, with a witness": (
        "तपाईं आफैँ सहमति दिन नसक्नुभएकाले, एक साक्षीको उपस्थितिमा एक अभिभावकले तपाईंको तर्फबाट सहमति दिनुभयो"
    ),
    "a library open to the public": "सबैका लागि खुला पुस्तकालय",
    "consent form version %(version)s": "सहमति फारमको संस्करण %(version)s",
    "ended now": "अहिले सकियो",
    "ended on %(date)s": "%(date)s मा सकियो",
    "given by you, now that you have come of age": "तपाईं वयस्क भएकाले, तपाईं आफैँले दिनुभएको",
    "last day: %(date)s": "अन्तिम दिन: %(date)s",
    "no end date": "अन्तिम मिति छैन",
    "removed: %(what)s": "हटाइयो: %(what)s",
    "research": "अनुसन्धान",
    "teaching health workers in a closed course": "बन्द पाठ्यक्रममा स्वास्थ्यकर्मीहरूलाई पढाउन",
    "the recording of your voice": "तपाईंको आवाजको रेकर्डिङ",
    "the written story": "लेखिएको कथा",
    "you came of age on %(date)s": "तपाईं %(date)s मा वयस्क हुनुभयो",
    "you gave your thumbprint": "तपाईंले औँठाछाप लगाउनुभयो",
    "you said yes aloud and it was recorded": "तपाईंले ठूलो स्वरमा हुन्छ भन्नुभयो र त्यो रेकर्ड गरियो",
    "you signed a form": "तपाईंले एउटा फारममा हस्ताक्षर गर्नुभयो",
    "your guardian agreed for you, with a witness": (
        "एक साक्षीको उपस्थितिमा तपाईंको अभिभावकले तपाईंको तर्फबाट सहमति दिनुभयो"
    ),
    "“%(label)s” (set “%(title)s”): open from %(start)s until %(end)s": (
        "“%(label)s” (सेट “%(title)s”): %(start)s देखि %(end)s सम्म खुला"
    ),
    "“%(label)s” (set “%(title)s”): was open from %(start)s until %(end)s": (
        "“%(label)s” (सेट “%(title)s”): %(start)s देखि %(end)s सम्म खुला थियो"
    ),
    "“%(title)s”, since %(date)s": "“%(title)s”, %(date)s देखि",
}
