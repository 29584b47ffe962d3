"""Hindi (hi) for the storyteller's pages: msgid -> translation (plurals: a tuple).

Plain, respectful Hindi ("आप"), in everyday words rather than official ones.
`make translations` writes these into translations/hi/LC_MESSAGES/messages.po and compiles it.
"""

HI = {
    (
        "%(num)d hour",
        "%(num)d hours",
    ): (
        "%(num)d घंटे",
        "%(num)d घंटे",
    ),
    (
        "%(num)d minute",
        "%(num)d minutes",
    ): (
        "%(num)d मिनट",
        "%(num)d मिनट",
    ),
    "A guardian gave consent for you": "एक अभिभावक ने आपकी ओर से सहमति दी",
    "A guardian gave consent for you again, to a health worker": (
        "एक अभिभावक ने आपकी ओर से फिर से सहमति दी, एक स्वास्थ्य कार्यकर्ता को"
    ),
    "A guardian gave consent for you again, to an administrator": (
        "एक अभिभावक ने आपकी ओर से फिर से सहमति दी, एक व्यवस्थापक को"
    ),
    "A guardian gave consent for you to a health worker": (
        "एक अभिभावक ने आपकी ओर से एक स्वास्थ्य कार्यकर्ता को सहमति दी"
    ),
    "A guardian gave consent for you to an administrator": "एक अभिभावक ने आपकी ओर से एक व्यवस्थापक को सहमति दी",
    "A guardian gave this consent, so it can last at most until %(date)s, a little after the storyteller "
    "comes of age. After that the storyteller gives their own consent: ask the health worker who recorded "
    "the story.": (
        "यह सहमति एक अभिभावक ने दी थी, इसलिए यह ज़्यादा से ज़्यादा %(date)s तक चल सकती है, यानी कहानी सुनाने वाले के "
        "बालिग होने के कुछ समय बाद तक। उसके बाद कहानी सुनाने वाला व्यक्ति अपनी सहमति खुद देता है: कहानी रिकॉर्ड करने वाले "
        "स्वास्थ्य कार्यकर्ता से पूछें।"
    ),
    "A guardian gave this consent, so it lasts until %(date)s, a little after the storyteller comes of "
    "age. To keep the story used after that, the storyteller gives their own consent to the health worker.": (
        "यह सहमति एक अभिभावक ने दी थी, इसलिए यह %(date)s तक चलती है, यानी कहानी सुनाने वाले के बालिग होने के कुछ समय "
        "बाद तक। उसके बाद भी कहानी का उपयोग होता रहे, इसके लिए कहानी सुनाने वाला व्यक्ति स्वास्थ्य कार्यकर्ता को अपनी "
        "सहमति खुद देता है।"
    ),
    "A guardian's consent cannot be made longer. Unless the storyteller gives their own consent to the "
    "health worker before %(date)s, the story will then be taken back and its words deleted.": (
        "अभिभावक की सहमति की अवधि बढ़ाई नहीं जा सकती। अगर कहानी सुनाने वाला व्यक्ति %(date)s से पहले स्वास्थ्य कार्यकर्ता "
        "को अपनी सहमति खुद नहीं देता, तो उस दिन कहानी वापस ले ली जाएगी और उसके शब्द मिटा दिए जाएँगे।"
    ),
    "A health worker changed your consent, as you asked": "एक स्वास्थ्य कार्यकर्ता ने आपके कहने पर आपकी सहमति बदली",
    "A health worker gave you a new secret": "एक स्वास्थ्य कार्यकर्ता ने आपको नया गुप्त कोड दिया",
    "A health worker took your story back, as you asked": (
        "एक स्वास्थ्य कार्यकर्ता ने आपके कहने पर आपकी कहानी वापस ले ली"
    ),
    "A reviewer sent you your story to read before it is published": (
        "एक समीक्षक ने आपकी कहानी आपको भेजी, ताकि आप उसे प्रकाशित होने से पहले पढ़ सकें"
    ),
    "Account": "खाता",
    "Admin": "व्यवस्थापन",
    "All stories": "सभी कहानियाँ",
    "An administrator changed your consent, as you asked": "एक व्यवस्थापक ने आपके कहने पर आपकी सहमति बदली",
    "An administrator gave you a new secret": "एक व्यवस्थापक ने आपको नया गुप्त कोड दिया",
    "An administrator sent you your story to read before it is published": (
        "एक व्यवस्थापक ने आपकी कहानी आपको भेजी, ताकि आप उसे प्रकाशित होने से पहले पढ़ सकें"
    ),
    "An administrator took your story back, as you asked": "एक व्यवस्थापक ने आपके कहने पर आपकी कहानी वापस ले ली",
    "Back to the start": "शुरुआत पर वापस जाएँ",
    "Back to your story": "अपनी कहानी पर वापस जाएँ",
    "Change what you agreed to": "आपने जिस पर सहमति दी, उसे बदलें",
    "Changes work at once. To stop every use of your story, take it back instead.": (
        "बदलाव तुरंत लागू होते हैं। अगर आप चाहते हैं कि आपकी कहानी का कोई भी उपयोग न हो, तो उसे वापस ले लें।"
    ),
    "Choose the last day, or tick “No end date”.": "आख़िरी दिन चुनें, या “कोई अंतिम तारीख नहीं” पर निशान लगाएँ।",
    "Close": "बंद करें",
    "Code": "कोड",
    "Code on your card": "आपके कार्ड पर लिखा कोड",
    "Consent form version %(version)s": "सहमति फ़ॉर्म का संस्करण %(version)s",
    "Done. The time you agreed to has changed.": "हो गया। आपने जिस समय के लिए सहमति दी थी, वह बदल गया है।",
    "Done. Your story is no longer used for what you removed.": (
        "हो गया। आपने जो हटाया, उसके लिए अब आपकी कहानी का उपयोग नहीं होगा।"
    ),
    "Enter the code and the secret from the card you were given. You can then read your story as teachers "
    "see it, change what it may be used for, or take it back.": (
        "आपको दिए गए कार्ड पर लिखा कोड और गुप्त कोड डालें। फिर आप अपनी कहानी वैसे पढ़ सकते हैं जैसे शिक्षक उसे देखते हैं, बदल "
        "सकते हैं कि उसका उपयोग किस काम के लिए हो, या उसे वापस ले सकते हैं।"
    ),
    "Error": "गड़बड़ी",
    "From %(start)s until %(end)s.": "%(start)s से %(end)s तक।",
    "From %(start)s, with no end date.": "%(start)s से, बिना किसी अंतिम तारीख के।",
    "Go to this address and enter the code and the secret:": "इस पते पर जाएँ और कोड व गुप्त कोड डालें:",
    "How long": "कितने समय के लिए",
    "How your story was used": "आपकी कहानी का उपयोग कैसे हुआ",
    "How:": "कैसे:",
    "If you choose today or an earlier day, your consent ends now and teachers can no longer see your "
    "story.": (
        "अगर आप आज का या पहले का कोई दिन चुनते हैं, तो आपकी सहमति अभी खत्म हो जाएगी और शिक्षक आपकी कहानी नहीं देख "
        "पाएँगे।"
    ),
    "If you do, your story is removed from the library straight away and its words are deleted. Teachers "
    "will no longer see or hear it. This cannot be undone.": (
        "ऐसा करने पर आपकी कहानी तुरंत पुस्तकालय से हटा दी जाती है और उसके शब्द मिटा दिए जाते हैं। शिक्षक उसे न देख पाएँगे, न "
        "सुन पाएँगे। इसे पलटा नहीं जा सकता।"
    ),
    "If you lose this card, ask the health worker who recorded the story for a new secret.": (
        "अगर यह कार्ड खो जाए, तो कहानी रिकॉर्ड करने वाले स्वास्थ्य कार्यकर्ता से नया गुप्त कोड माँगें।"
    ),
    "If you want something changed first, do not say yes: ask the health worker who recorded your story.": (
        "अगर आप पहले कुछ बदलवाना चाहते हैं, तो हाँ न कहें: आपकी कहानी रिकॉर्ड करने वाले स्वास्थ्य कार्यकर्ता से बात करें।"
    ),
    "It is not shown to teachers, because the time you agreed to ended on %(date)s.": (
        "यह शिक्षकों को नहीं दिखाई जाती, क्योंकि आपने जिस समय के लिए सहमति दी थी, वह %(date)s को खत्म हो गया।"
    ),
    "It is not shown to teachers, because you did not agree to its use for teaching.": (
        "यह शिक्षकों को नहीं दिखाई जाती, क्योंकि आपने पढ़ाई में इसके उपयोग की सहमति नहीं दी।"
    ),
    "It is not shown to teachers, because you did not agree to the use of the written story.": (
        "यह शिक्षकों को नहीं दिखाई जाती, क्योंकि आपने लिखी हुई कहानी के उपयोग की सहमति नहीं दी।"
    ),
    "It is not shown to teachers.": "यह शिक्षकों को नहीं दिखाई जाती।",
    "Keep at least one use. If you do not want your story used at all, take it back instead.": (
        "कम से कम एक उपयोग रहने दें। अगर आप नहीं चाहते कि आपकी कहानी का कोई भी उपयोग हो, तो उसे वापस ले लें।"
    ),
    "Keep the secret private. Anyone with the code and the secret can change or take back the story.": (
        "गुप्त कोड किसी को न बताएँ। जिसके पास कोड और गुप्त कोड है, वह कहानी बदल सकता है या वापस ले सकता है।"
    ),
    "Keep the text or the recording. If you want neither used, take your story back instead.": (
        "लिखी कहानी या रिकॉर्डिंग में से एक रहने दें। अगर आप दोनों में से किसी का उपयोग नहीं चाहते, तो अपनी कहानी वापस ले लें।"
    ),
    "Last day": "आख़िरी दिन",
    "Library": "पुस्तकालय",
    "Listen to the recording of your consent": "अपनी सहमति की रिकॉर्डिंग सुनें",
    "Listen to your recording": "अपनी रिकॉर्डिंग सुनें",
    "Lost your card? Ask the health worker who recorded your story: they can give you a new secret after "
    "checking it is you.": (
        "कार्ड खो गया? आपकी कहानी रिकॉर्ड करने वाले स्वास्थ्य कार्यकर्ता से पूछें: यह पक्का करने के बाद कि यह आप ही हैं, वे "
        "आपको नया गुप्त कोड दे सकते हैं।"
    ),
    "My stories": "मेरी कहानियाँ",
    "Names and places are replaced by labels such as [NAME].": "नाम और जगहें [NAME] जैसे निशानों से बदल दी गई हैं।",
    "New story": "नई कहानी",
    "No end date": "कोई अंतिम तारीख नहीं",
    "No teacher has put your story in a teaching set.": (
        "किसी भी शिक्षक ने आपकी कहानी किसी शिक्षण सेट में नहीं रखी है।"
    ),
    "No, keep it": "नहीं, रहने दें",
    "Not a valid date value.": "यह सही तारीख नहीं है।",
    "Not allowed": "अनुमति नहीं है",
    "Not allowed here": "यहाँ अनुमति नहीं है",
    "Not found": "नहीं मिला",
    "Nothing was changed.": "कुछ नहीं बदला गया।",
    "Now: no end date.": "अभी: कोई अंतिम तारीख नहीं।",
    "Now: until %(end)s.": "अभी: %(end)s तक।",
    "On %(date)s you agreed that your story “%(title)s” may be used as written below.": (
        "%(date)s को आपने सहमति दी कि आपकी कहानी “%(title)s” का उपयोग नीचे लिखे अनुसार हो सकता है।"
    ),
    "On %(date)s you agreed, for the person in your care, that their story “%(title)s” may be used as "
    "written below.": (
        "%(date)s को आपने, जिस व्यक्ति की देखभाल आप करते हैं उसकी ओर से, सहमति दी कि उसकी कहानी “%(title)s” का उपयोग "
        "नीचे लिखे अनुसार हो सकता है।"
    ),
    "On %(date)s your story was removed from the library and its words were deleted. Nobody can read it "
    "here any more.": (
        "%(date)s को आपकी कहानी पुस्तकालय से हटा दी गई और उसके शब्द मिटा दिए गए। अब कोई भी उसे यहाँ नहीं पढ़ सकता।"
    ),
    "Open my story": "मेरी कहानी खोलें",
    "Please sign in": "कृपया साइन इन करें",
    "Please sign in to see this page.": "यह पेज देखने के लिए कृपया साइन इन करें।",
    "Read it below, as teachers would read it, and listen to your recording.": (
        "इसे नीचे वैसे पढ़ें जैसे शिक्षक पढ़ेंगे, और अपनी रिकॉर्डिंग सुनें।"
    ),
    "Read it below, as teachers would read it.": "इसे नीचे वैसे पढ़ें जैसे शिक्षक पढ़ेंगे।",
    "Read the consent form": "सहमति फ़ॉर्म पढ़ें",
    "Review": "समीक्षा",
    "Save the time": "समय सहेजें",
    "Save these uses": "ये उपयोग सहेजें",
    "Secret": "गुप्त कोड",
    "Secret on your card": "आपके कार्ड पर लिखा गुप्त कोड",
    "Sign out": "साइन आउट करें",
    "Something went wrong": "कुछ गड़बड़ हो गई",
    "Staff sign-in": "कर्मचारी साइन इन",
    "Story taken back": "कहानी वापस ले ली गई",
    "Students were given links to read these sets:": "विद्यार्थियों को ये सेट पढ़ने के लिए लिंक दिए गए:",
    "Take my story back": "मेरी कहानी वापस लें",
    "Take your story back": "अपनी कहानी वापस लें",
    "Take your story back?": "अपनी कहानी वापस लेना चाहते हैं?",
    "Teachers can read it. Names and places are replaced by labels such as [NAME].": (
        "शिक्षक इसे पढ़ सकते हैं। नाम और जगहें [NAME] जैसे निशानों से बदल दी गई हैं।"
    ),
    (
        "Teachers opened your story %(num)d time (each teacher counts once a day).",
        "Teachers opened your story %(num)d times (each teacher counts once a day).",
    ): (
        "शिक्षकों ने आपकी कहानी %(num)d बार खोली (हर शिक्षक दिन में एक बार गिना जाता है)।",
        "शिक्षकों ने आपकी कहानी %(num)d बार खोली (हर शिक्षक दिन में एक बार गिना जाता है)।",
    ),
    "Teachers put your story in these teaching sets:": "शिक्षकों ने आपकी कहानी इन शिक्षण सेटों में रखी:",
    "Teaching sets": "शिक्षण सेट",
    "Thank you. Your story will now be published as you read it.": (
        "धन्यवाद। आपकी कहानी अब वैसे ही प्रकाशित होगी जैसे आपने उसे पढ़ा।"
    ),
    "That code and secret do not match. Check the card and try again.": (
        "यह कोड और गुप्त कोड आपस में मेल नहीं खाते। कार्ड देखें और फिर से कोशिश करें।"
    ),
    "That request could not be used": "यह अनुरोध पूरा नहीं हो सका",
    "The archive changed your consent, as its rules say": "संग्रह ने अपने नियमों के अनुसार आपकी सहमति बदली",
    "The archive hit an unexpected problem. Nothing was changed.": (
        "संग्रह में कोई अनचाही दिक्कत आ गई। कुछ नहीं बदला गया।"
    ),
    "The form had expired or was sent from elsewhere. Please reload the page and try again.": (
        "फ़ॉर्म की समय-सीमा खत्म हो गई थी या वह कहीं और से भेजा गया था। कृपया पेज फिर से खोलें और दोबारा कोशिश करें।"
    ),
    "The recording is heard only with the voice disguised.": "रिकॉर्डिंग केवल बदली हुई आवाज़ में सुनी जाती है।",
    "The request was incomplete or malformed. Please go back and try again.": (
        "अनुरोध अधूरा या गलत था। कृपया वापस जाएँ और फिर से कोशिश करें।"
    ),
    "The story is published only after you have read or heard it and said yes, on the website below.": (
        "कहानी तभी प्रकाशित होगी जब आप उसे नीचे दी गई वेबसाइट पर पढ़ या सुन लेंगे और हाँ कहेंगे।"
    ),
    "The story of the person in your care, and your consent": (
        "जिस व्यक्ति की देखभाल आप करते हैं उसकी कहानी, और आपकी सहमति"
    ),
    "The time you agreed to ended": "आपने जिस समय के लिए सहमति दी थी, वह खत्म हो गया",
    "There is nothing at this address.": "इस पते पर कुछ नहीं है।",
    "This address does not accept that kind of request.": "यह पता इस तरह का अनुरोध नहीं लेता।",
    "This is longer than anything printed on the card. Check it and try again.": (
        "यह कार्ड पर छपी किसी भी चीज़ से लंबा है। जाँच कर फिर से कोशिश करें।"
    ),
    "This is your recording as it was recorded. Teachers hear it only with names and places covered by a "
    "sound.": (
        "यह आपकी रिकॉर्डिंग है, जैसी रिकॉर्ड की गई थी। शिक्षक इसे केवल इस तरह सुनते हैं कि नाम और जगहें एक आवाज़ से ढकी होती "
        "हैं।"
    ),
    "This is your recording as teachers hear it, with names and places covered.": (
        "यह आपकी रिकॉर्डिंग है, जैसे शिक्षक इसे सुनते हैं, नाम और जगहें ढकी हुई।"
    ),
    "This page can only remove uses. To add one, ask the health worker who recorded your story.": (
        "इस पेज पर आप केवल उपयोग हटा सकते हैं। कोई उपयोग जोड़ने के लिए, आपकी कहानी रिकॉर्ड करने वाले स्वास्थ्य कार्यकर्ता से "
        "पूछें।"
    ),
    "To reach the archive: %(contact)s": "संग्रह से संपर्क के लिए: %(contact)s",
    "Too large": "बहुत बड़ा",
    "Too many attempts": "बहुत अधिक कोशिशें",
    "Too many attempts. For your safety this is locked for a while. Please try again in %(wait)s, or ask "
    "the health worker who recorded your story.": (
        "बहुत अधिक कोशिशें हो गईं। आपकी सुरक्षा के लिए इसे कुछ समय के लिए बंद किया गया है। कृपया %(wait)s बाद फिर से कोशिश "
        "करें, या आपकी कहानी रिकॉर्ड करने वाले स्वास्थ्य कार्यकर्ता से पूछें।"
    ),
    "Too many attempts. Please wait a while and try again.": (
        "बहुत अधिक कोशिशें हो गईं। कृपया थोड़ी देर रुकें और फिर से कोशिश करें।"
    ),
    "Type the code from your card.": "अपने कार्ड पर लिखा कोड लिखें।",
    "Type the secret from your card.": "अपने कार्ड पर लिखा गुप्त कोड लिखें।",
    "Unless you choose a later last day before %(date)s, your story will then be taken back and its words "
    "deleted.": (
        "अगर आप %(date)s से पहले कोई बाद का आख़िरी दिन नहीं चुनते, तो उस दिन आपकी कहानी वापस ले ली जाएगी और उसके शब्द "
        "मिटा दिए जाएँगे।"
    ),
    "Untick what you no longer want. Keep at least one use and one kind of material.": (
        "जो अब नहीं चाहिए, उससे निशान हटा दें। कम से कम एक उपयोग और एक तरह की सामग्री रहने दें।"
    ),
    "Used for:": "उपयोग:",
    "Uses": "उपयोग",
    "What happened": "क्या हुआ",
    "What may be used": "किसका उपयोग हो सकता है",
    "What may be used:": "किसका उपयोग हो सकता है:",
    "What was agreed": "किस पर सहमति हुई",
    "What you agreed to": "आपने किस पर सहमति दी",
    "What you sent is larger than this site accepts.": "आपने जो भेजा, वह इस साइट की सीमा से बड़ा है।",
    "What your story may be used for": "आपकी कहानी का उपयोग किसके लिए हो सकता है",
    "With this card you can read the story as teachers will see it, change what it may be used for, or "
    "take it back at any time.": (
        "इस कार्ड से आप कहानी वैसे पढ़ सकते हैं जैसे शिक्षक उसे देखेंगे, बदल सकते हैं कि उसका उपयोग किसके लिए हो, या उसे कभी भी "
        "वापस ले सकते हैं।"
    ),
    "With this card you can read your story as teachers will see it, change what it may be used for, or "
    "take it back at any time.": (
        "इस कार्ड से आप अपनी कहानी वैसे पढ़ सकते हैं जैसे शिक्षक उसे देखेंगे, बदल सकते हैं कि उसका उपयोग किसके लिए हो, या उसे कभी "
        "भी वापस ले सकते हैं।"
    ),
    "Yes, my story may be published": "हाँ, मेरी कहानी प्रकाशित की जा सकती है",
    "Yes, take my story back": "हाँ, मेरी कहानी वापस लें",
    "You agreed as the guardian of a child, with a witness.": (
        "आपने एक गवाह की मौजूदगी में, एक बच्चे के अभिभावक के रूप में सहमति दी।"
    ),
    "You agreed as the guardian of an adult who cannot agree themself, with a witness.": (
        "आपने एक गवाह की मौजूदगी में, ऐसे वयस्क के अभिभावक के रूप में सहमति दी जो खुद सहमति नहीं दे सकते।"
    ),
    "You changed your consent on this website": "आपने इस वेबसाइट पर अपनी सहमति बदली",
    "You gave your consent": "आपने अपनी सहमति दी",
    "You gave your consent again, to a health worker": "आपने फिर से अपनी सहमति दी, एक स्वास्थ्य कार्यकर्ता को",
    "You gave your consent again, to an administrator": "आपने फिर से अपनी सहमति दी, एक व्यवस्थापक को",
    "You gave your consent to a health worker": "आपने एक स्वास्थ्य कार्यकर्ता को अपनी सहमति दी",
    "You gave your consent to an administrator": "आपने एक व्यवस्थापक को अपनी सहमति दी",
    "You gave your thumbprint on the consent form, with a witness.": (
        "आपने एक गवाह की मौजूदगी में सहमति फ़ॉर्म पर अपने अंगूठे का निशान लगाया।"
    ),
    "You opened your story's page on this website": "आपने इस वेबसाइट पर अपनी कहानी का पेज खोला",
    "You said on this website that your story may be published": (
        "आपने इस वेबसाइट पर कहा कि आपकी कहानी प्रकाशित की जा सकती है"
    ),
    "You said yes aloud, and it was recorded.": "आपने ज़ोर से हाँ कहा, और इसे रिकॉर्ड किया गया।",
    "You said yes aloud, and it was recorded. Only you and the archive's administrators can listen to it; "
    "it is never written down or shown to teachers. If you take your story back, this recording is "
    "deleted too.": (
        "आपने ज़ोर से हाँ कहा, और इसे रिकॉर्ड किया गया। इसे केवल आप और संग्रह के व्यवस्थापक सुन सकते हैं; इसे कभी लिखा नहीं "
        "जाता और न ही शिक्षकों को दिखाया जाता है। अगर आप अपनी कहानी वापस लेते हैं, तो यह रिकॉर्डिंग भी मिटा दी जाती है।"
    ),
    "You signed the consent form.": "आपने सहमति फ़ॉर्म पर हस्ताक्षर किए।",
    "You took your story back on this website": "आपने इस वेबसाइट पर अपनी कहानी वापस ली",
    "You were asked to give your consent again": "आपसे फिर से सहमति देने के लिए कहा गया",
    "You were given a new secret": "आपको नया गुप्त कोड दिया गया",
    "Your account is not allowed to see this page.": "आपके खाते को यह पेज देखने की अनुमति नहीं है।",
    "Your choices": "आपके विकल्प",
    "Your consent ends now: teachers can no longer see or hear your story. If you want it used again, "
    "choose a later day soon, or ask the health worker who recorded it.": (
        "आपकी सहमति अभी खत्म हो रही है: शिक्षक अब आपकी कहानी न देख पाएँगे, न सुन पाएँगे। अगर आप चाहते हैं कि इसका फिर से "
        "उपयोग हो, तो जल्दी ही कोई बाद का दिन चुनें, या इसे रिकॉर्ड करने वाले स्वास्थ्य कार्यकर्ता से पूछें।"
    ),
    "Your recording is heard only with your voice disguised.": (
        "आपकी रिकॉर्डिंग केवल आपकी बदली हुई आवाज़ में सुनी जाती है।"
    ),
    "Your story": "आपकी कहानी",
    "Your story and your consent": "आपकी कहानी और आपकी सहमति",
    "Your story as it would be published": "आपकी कहानी, जैसी वह प्रकाशित होगी",
    "Your story as teachers see it": "आपकी कहानी, जैसे शिक्षक उसे देखते हैं",
    "Your story has been taken back": "आपकी कहानी वापस ले ली गई है",
    "Your story is not in the library yet: a reviewer is checking it and removing names and places first.": (
        "आपकी कहानी अभी पुस्तकालय में नहीं है: पहले एक समीक्षक उसे जाँच रहा है और नाम व जगहें हटा रहा है।"
    ),
    "Your story is published only after you have read it and said yes.": (
        "आपकी कहानी तभी प्रकाशित होती है जब आप उसे पढ़कर हाँ कहते हैं।"
    ),
    "Your story is ready, and it waits for you: it is published only when you say yes.": (
        "आपकी कहानी तैयार है और आपका इंतज़ार कर रही है: यह तभी प्रकाशित होगी जब आप हाँ कहेंगे।"
    ),
    "Your story was sent to you to read before it is published": (
        "आपकी कहानी आपको भेजी गई, ताकि आप उसे प्रकाशित होने से पहले पढ़ सकें"
    ),
    "Your story was taken back, because the time you agreed to had ended": (
        "आपकी कहानी वापस ले ली गई, क्योंकि आपने जिस समय के लिए सहमति दी थी, वह खत्म हो गया था"
    ),
    "Your story was taken back, so there is nothing left to change.": (
        "आपकी कहानी वापस ले ली गई है, इसलिए बदलने के लिए कुछ नहीं बचा।"
    ),
    "Your voice is disguised.": "आपकी आवाज़ बदली हुई है।",
    "a guardian agreed for you, because you could not agree yourself, with a witness": (
        "एक अभिभावक ने, एक गवाह की मौजूदगी में, आपकी ओर से सहमति दी, क्योंकि आप खुद सहमति नहीं दे सकते थे"
    ),
    "a library open to the public": "सभी के लिए खुला पुस्तकालय",
    "consent form version %(version)s": "सहमति फ़ॉर्म का संस्करण %(version)s",
    "ended now": "अभी खत्म हुआ",
    "ended on %(date)s": "%(date)s को खत्म हुई",
    "given by you, now that you have come of age": "आपने खुद दी, क्योंकि अब आप बालिग हो गए हैं",
    "last day: %(date)s": "आख़िरी दिन: %(date)s",
    "no end date": "कोई अंतिम तारीख नहीं",
    "removed: %(what)s": "हटाया गया: %(what)s",
    "research": "शोध",
    "teaching health workers in a closed course": "एक बंद पाठ्यक्रम में स्वास्थ्य कार्यकर्ताओं की पढ़ाई",
    "the recording of your voice": "आपकी आवाज़ की रिकॉर्डिंग",
    "the written story": "लिखी हुई कहानी",
    "you came of age on %(date)s": "आप %(date)s को बालिग हुए",
    "you gave your thumbprint": "आपने अंगूठे का निशान लगाया",
    "you said yes aloud and it was recorded": "आपने ज़ोर से हाँ कहा और इसे रिकॉर्ड किया गया",
    "you signed a form": "आपने एक फ़ॉर्म पर हस्ताक्षर किए",
    "your guardian agreed for you, with a witness": "आपके अभिभावक ने, एक गवाह की मौजूदगी में, आपकी ओर से सहमति दी",
    "“%(label)s” (set “%(title)s”): open from %(start)s until %(end)s": (
        "“%(label)s” (सेट “%(title)s”): %(start)s से %(end)s तक खुला"
    ),
    "“%(label)s” (set “%(title)s”): was open from %(start)s until %(end)s": (
        "“%(label)s” (सेट “%(title)s”): %(start)s से %(end)s तक खुला था"
    ),
    "“%(title)s”, since %(date)s": "“%(title)s”, %(date)s से",
}
