"""French (fr) for the storyteller's pages: msgid -> translation (plurals: a tuple of
CLDR's forms one, many (a round million: "1 000 000 de ...") and other).

Plain, respectful French ("vous"), for storytellers in West and Central Africa, Haiti and elsewhere.
`make translations` writes these into translations/fr/LC_MESSAGES/messages.po and compiles it.
"""

FR = {
    (
        "%(num)d hour",
        "%(num)d hours",
    ): (
        "%(num)d heure",
        "%(num)d d'heures",
        "%(num)d heures",
    ),
    (
        "%(num)d minute",
        "%(num)d minutes",
    ): (
        "%(num)d minute",
        "%(num)d de minutes",
        "%(num)d minutes",
    ),
    "A guardian gave consent for you": "Un tuteur a donné son consentement pour vous",
    "A guardian gave consent for you again, to a health worker": (
        "Un tuteur a de nouveau donné son consentement pour vous, à un agent de santé"
    ),
    "A guardian gave consent for you again, to an administrator": (
        "Un tuteur a de nouveau donné son consentement pour vous, à un administrateur"
    ),
    "A guardian gave consent for you to a health worker": (
        "Un tuteur a donné son consentement pour vous à un agent de santé"
    ),
    "A guardian gave consent for you to an administrator": (
        "Un tuteur a donné son consentement pour vous à un administrateur"
    ),
    "A guardian gave this consent, so it can last at most until %(date)s, a little after the storyteller "
    "comes of age. After that the storyteller gives their own consent: ask the health worker who recorded "
    "the story.": (
        "Ce consentement a été donné par un tuteur : il peut durer au plus jusqu'au %(date)s, peu après la "
        "majorité de la personne qui a raconté l'histoire. Ensuite, c'est elle qui donne son propre "
        "consentement : demandez à l'agent de santé qui a enregistré l'histoire."
    ),
    "A guardian gave this consent, so it lasts until %(date)s, a little after the storyteller comes of "
    "age. To keep the story used after that, the storyteller gives their own consent to the health worker.": (
        "Ce consentement a été donné par un tuteur : il dure jusqu'au %(date)s, peu après la majorité de la "
        "personne qui a raconté l'histoire. Pour que l'histoire reste utilisée ensuite, cette personne donne "
        "son propre consentement à l'agent de santé."
    ),
    "A guardian's consent cannot be made longer. Unless the storyteller gives their own consent to the "
    "health worker before %(date)s, the story will then be taken back and its words deleted.": (
        "Le consentement d'un tuteur ne peut pas être prolongé. Si la personne qui a raconté l'histoire ne "
        "donne pas son propre consentement à l'agent de santé avant le %(date)s, l'histoire sera alors "
        "retirée et ses mots effacés."
    ),
    "A health worker changed your consent, as you asked": (
        "Un agent de santé a modifié votre consentement, comme vous l'avez demandé"
    ),
    "A health worker gave you a new secret": "Un agent de santé vous a donné un nouveau code secret",
    "A health worker took your story back, as you asked": (
        "Un agent de santé a retiré votre histoire, comme vous l'avez demandé"
    ),
    "A reviewer sent you your story to read before it is published": (
        "Un relecteur vous a envoyé votre histoire pour que vous la lisiez avant sa publication"
    ),
    "Account": "Compte",
    "Admin": "Administration",
    "All stories": "Toutes les histoires",
    "An administrator changed your consent, as you asked": (
        "Un administrateur a modifié votre consentement, comme vous l'avez demandé"
    ),
    "An administrator gave you a new secret": "Un administrateur vous a donné un nouveau code secret",
    "An administrator sent you your story to read before it is published": (
        "Un administrateur vous a envoyé votre histoire pour que vous la lisiez avant sa publication"
    ),
    "An administrator took your story back, as you asked": (
        "Un administrateur a retiré votre histoire, comme vous l'avez demandé"
    ),
    "Back to the start": "Retour à l'accueil",
    "Back to your story": "Retour à votre histoire",
    "Change what you agreed to": "Modifier ce que vous avez accepté",
    "Changes work at once. To stop every use of your story, take it back instead.": (
        "Les modifications s'appliquent tout de suite. Pour arrêter toute utilisation de votre histoire, "
        "retirez-la plutôt."
    ),
    "Choose the last day, or tick “No end date”.": (
        "Choisissez le dernier jour, ou cochez « Pas de date de fin »."
    ),
    "Close": "Fermer",
    "Code": "Code",
    "Code on your card": "Code inscrit sur votre carte",
    "Consent form version %(version)s": "Formulaire de consentement, version %(version)s",
    "Done. The time you agreed to has changed.": "C'est fait. La durée que vous avez acceptée a changé.",
    "Done. Your story is no longer used for what you removed.": (
        "C'est fait. Votre histoire n'est plus utilisée pour ce que vous avez retiré."
    ),
    "Enter the code and the secret from the card you were given. You can then read your story as teachers "
    "see it, change what it may be used for, or take it back.": (
        "Saisissez le code et le code secret de la carte qui vous a été remise. Vous pourrez alors lire "
        "votre histoire telle que les enseignants la voient, changer l'usage qui peut en être fait, ou la "
        "retirer."
    ),
    "Error": "Erreur",
    "From %(start)s until %(end)s.": "Du %(start)s au %(end)s.",
    "From %(start)s, with no end date.": "À partir du %(start)s, sans date de fin.",
    "Go to this address and enter the code and the secret:": (
        "Allez à cette adresse et saisissez le code et le code secret :"
    ),
    "How long": "Pour combien de temps",
    "How your story was used": "Comment votre histoire a été utilisée",
    "How:": "Comment :",
    "If you choose today or an earlier day, your consent ends now and teachers can no longer see your "
    "story.": (
        "Si vous choisissez aujourd'hui ou un jour passé, votre consentement prend fin maintenant et les "
        "enseignants ne peuvent plus voir votre histoire."
    ),
    "If you do, your story is removed from the library straight away and its words are deleted. Teachers "
    "will no longer see or hear it. This cannot be undone.": (
        "Si vous le faites, votre histoire est retirée de la bibliothèque immédiatement et ses mots sont "
        "effacés. Les enseignants ne pourront plus la voir ni l'entendre. Cela ne peut pas être annulé."
    ),
    "If you lose this card, ask the health worker who recorded the story for a new secret.": (
        "Si vous perdez cette carte, demandez un nouveau code secret à l'agent de santé qui a enregistré "
        "l'histoire."
    ),
    "If you want something changed first, do not say yes: ask the health worker who recorded your story.": (
        "Si vous voulez d'abord faire changer quelque chose, ne dites pas oui : demandez à l'agent de santé "
        "qui a enregistré votre histoire."
    ),
    "It is not shown to teachers, because the time you agreed to ended on %(date)s.": (
        "Elle n'est pas montrée aux enseignants, car la durée que vous aviez acceptée a pris fin le %(date)s."
    ),
    "It is not shown to teachers, because you did not agree to its use for teaching.": (
        "Elle n'est pas montrée aux enseignants, car vous n'avez pas accepté son utilisation pour "
        "l'enseignement."
    ),
    "It is not shown to teachers, because you did not agree to the use of the written story.": (
        "Elle n'est pas montrée aux enseignants, car vous n'avez pas accepté l'utilisation de l'histoire "
        "écrite."
    ),
    "It is not shown to teachers.": "Elle n'est pas montrée aux enseignants.",
    "Keep at least one use. If you do not want your story used at all, take it back instead.": (
        "Gardez au moins une utilisation. Si vous ne voulez plus du tout que votre histoire soit utilisée, "
        "retirez-la plutôt."
    ),
    "Keep the secret private. Anyone with the code and the secret can change or take back the story.": (
        "Gardez le code secret pour vous. Toute personne qui a le code et le code secret peut modifier ou "
        "retirer l'histoire."
    ),
    "Keep the text or the recording. If you want neither used, take your story back instead.": (
        "Gardez le texte ou l'enregistrement. Si vous ne voulez ni l'un ni l'autre, retirez plutôt votre "
        "histoire."
    ),
    "Last day": "Dernier jour",
    "Library": "Bibliothèque",
    "Listen to the recording of your consent": "Écouter l'enregistrement de votre consentement",
    "Listen to your recording": "Écouter votre enregistrement",
    "Lost your card? Ask the health worker who recorded your story: they can give you a new secret after "
    "checking it is you.": (
        "Vous avez perdu votre carte ? Demandez à l'agent de santé qui a enregistré votre histoire : après "
        "avoir vérifié que c'est bien vous, il peut vous donner un nouveau code secret."
    ),
    "My stories": "Mes histoires",
    "Names and places are replaced by labels such as [NAME].": (
        "Les noms et les lieux sont remplacés par des étiquettes comme [NAME]."
    ),
    "New story": "Nouvelle histoire",
    "No end date": "Pas de date de fin",
    "No teacher has put your story in a teaching set.": (
        "Aucun enseignant n'a mis votre histoire dans un ensemble pédagogique."
    ),
    "No, keep it": "Non, la garder",
    "Not a valid date value.": "Ce n'est pas une date valide.",
    "Not allowed": "Non autorisé",
    "Not allowed here": "Non autorisé ici",
    "Not found": "Introuvable",
    "Nothing was changed.": "Rien n'a été modifié.",
    "Now: no end date.": "Actuellement : pas de date de fin.",
    "Now: until %(end)s.": "Actuellement : jusqu'au %(end)s.",
    "On %(date)s you agreed that your story “%(title)s” may be used as written below.": (
        "Le %(date)s, vous avez accepté que votre histoire « %(title)s » soit utilisée comme indiqué "
        "ci-dessous."
    ),
    "On %(date)s you agreed, for the person in your care, that their story “%(title)s” may be used as "
    "written below.": (
        "Le %(date)s, vous avez accepté, pour la personne dont vous avez la charge, que son histoire « "
        "%(title)s » soit utilisée comme indiqué ci-dessous."
    ),
    "On %(date)s your story was removed from the library and its words were deleted. Nobody can read it "
    "here any more.": (
        "Le %(date)s, votre histoire a été retirée de la bibliothèque et ses mots ont été effacés. Personne "
        "ne peut plus la lire ici."
    ),
    "Open my story": "Ouvrir mon histoire",
    "Please sign in": "Veuillez vous connecter",
    "Please sign in to see this page.": "Veuillez vous connecter pour voir cette page.",
    "Read it below, as teachers would read it, and listen to your recording.": (
        "Lisez-la ci-dessous, comme les enseignants la liraient, et écoutez votre enregistrement."
    ),
    "Read it below, as teachers would read it.": "Lisez-la ci-dessous, comme les enseignants la liraient.",
    "Read the consent form": "Lire le formulaire de consentement",
    "Review": "Relecture",
    "Save the time": "Enregistrer la durée",
    "Save these uses": "Enregistrer ces utilisations",
    "Secret": "Code secret",
    "Secret on your card": "Code secret inscrit sur votre carte",
    "Sign out": "Se déconnecter",
    "Something went wrong": "Un problème est survenu",
    "Staff sign-in": "Connexion du personnel",
    "Story taken back": "Histoire retirée",
    "Students were given links to read these sets:": (
        "Des étudiants ont reçu des liens pour lire ces ensembles :"
    ),
    "Take my story back": "Retirer mon histoire",
    "Take your story back": "Retirer votre histoire",
    "Take your story back?": "Retirer votre histoire ?",
    "Teachers can read it. Names and places are replaced by labels such as [NAME].": (
        "Les enseignants peuvent la lire. Les noms et les lieux sont remplacés par des étiquettes comme "
        "[NAME]."
    ),
    (
        "Teachers opened your story %(num)d time (each teacher counts once a day).",
        "Teachers opened your story %(num)d times (each teacher counts once a day).",
    ): (
        "Les enseignants ont ouvert votre histoire %(num)d fois (chaque enseignant compte une fois par "
        "jour).",
        "Les enseignants ont ouvert votre histoire %(num)d de fois (chaque enseignant compte une fois par "
        "jour).",
        "Les enseignants ont ouvert votre histoire %(num)d fois (chaque enseignant compte une fois par "
        "jour).",
    ),
    "Teachers put your story in these teaching sets:": (
        "Des enseignants ont mis votre histoire dans ces ensembles pédagogiques :"
    ),
    "Teaching sets": "Ensembles pédagogiques",
    "Thank you. Your story will now be published as you read it.": (
        "Merci. Votre histoire va maintenant être publiée telle que vous l'avez lue."
    ),
    "That code and secret do not match. Check the card and try again.": (
        "Ce code et ce code secret ne correspondent pas. Vérifiez la carte et réessayez."
    ),
    "That request could not be used": "Cette demande n'a pas pu être traitée",
    "The archive changed your consent, as its rules say": (
        "L'archive a modifié votre consentement, comme le prévoient ses règles"
    ),
    "The archive hit an unexpected problem. Nothing was changed.": (
        "L'archive a rencontré un problème inattendu. Rien n'a été modifié."
    ),
    "The form had expired or was sent from elsewhere. Please reload the page and try again.": (
        "Le formulaire avait expiré ou a été envoyé depuis un autre endroit. Veuillez recharger la page et "
        "réessayer."
    ),
    "The recording is heard only with the voice disguised.": (
        "L'enregistrement n'est écouté qu'avec la voix déguisée."
    ),
    "The request was incomplete or malformed. Please go back and try again.": (
        "La demande était incomplète ou mal formée. Veuillez revenir en arrière et réessayer."
    ),
    "The story is published only after you have read or heard it and said yes, on the website below.": (
        "L'histoire n'est publiée qu'après que vous l'avez lue ou écoutée et que vous avez dit oui, sur le "
        "site indiqué ci-dessous."
    ),
    "The story of the person in your care, and your consent": (
        "L'histoire de la personne dont vous avez la charge, et votre consentement"
    ),
    "The time you agreed to ended": "La durée que vous aviez acceptée a pris fin",
    "There is nothing at this address.": "Il n'y a rien à cette adresse.",
    "This address does not accept that kind of request.": "Cette adresse n'accepte pas ce type de demande.",
    "This is longer than anything printed on the card. Check it and try again.": (
        "C'est plus long que tout ce qui est inscrit sur la carte. Vérifiez et réessayez."
    ),
    "This is your recording as it was recorded. Teachers hear it only with names and places covered by a "
    "sound.": (
        "Voici votre enregistrement tel qu'il a été fait. Les enseignants ne l'entendent qu'avec les noms et "
        "les lieux couverts par un son."
    ),
    "This is your recording as teachers hear it, with names and places covered.": (
        "Voici votre enregistrement tel que les enseignants l'entendent, avec les noms et les lieux couverts."
    ),
    "This page can only remove uses. To add one, ask the health worker who recorded your story.": (
        "Cette page permet seulement de retirer des utilisations. Pour en ajouter une, demandez à l'agent de "
        "santé qui a enregistré votre histoire."
    ),
    "To reach the archive: %(contact)s": "Pour joindre l'archive : %(contact)s",
    "Too large": "Trop volumineux",
    "Too many attempts": "Trop de tentatives",
    "Too many attempts. For your safety this is locked for a while. Please try again in %(wait)s, or ask "
    "the health worker who recorded your story.": (
        "Trop de tentatives. Pour votre sécurité, l'accès est bloqué pendant un moment. Veuillez réessayer "
        "dans %(wait)s, ou demandez à l'agent de santé qui a enregistré votre histoire."
    ),
    "Too many attempts. Please wait a while and try again.": (
        "Trop de tentatives. Veuillez patienter un moment et réessayer."
    ),
    "Type the code from your card.": "Saisissez le code inscrit sur votre carte.",
    "Type the secret from your card.": "Saisissez le code secret inscrit sur votre carte.",
    "Unless you choose a later last day before %(date)s, your story will then be taken back and its words "
    "deleted.": (
        "Si vous ne choisissez pas un dernier jour plus tardif avant le %(date)s, votre histoire sera alors "
        "retirée et ses mots effacés."
    ),
    "Untick what you no longer want. Keep at least one use and one kind of material.": (
        "Décochez ce que vous ne voulez plus. Gardez au moins une utilisation et un type de contenu."
    ),
    "Used for:": "Utilisée pour :",
    "Uses": "Utilisations",
    "What happened": "Ce qui s'est passé",
    "What may be used": "Ce qui peut être utilisé",
    "What may be used:": "Ce qui peut être utilisé :",
    "What was agreed": "Ce qui a été accepté",
    "What you agreed to": "Ce que vous avez accepté",
    "What you sent is larger than this site accepts.": (
        "Ce que vous avez envoyé est plus volumineux que ce que ce site accepte."
    ),
    "What your story may be used for": "À quoi votre histoire peut servir",
    "With this card you can read the story as teachers will see it, change what it may be used for, or "
    "take it back at any time.": (
        "Avec cette carte, vous pouvez lire l'histoire telle que les enseignants la verront, changer l'usage "
        "qui peut en être fait, ou la retirer à tout moment."
    ),
    "With this card you can read your story as teachers will see it, change what it may be used for, or "
    "take it back at any time.": (
        "Avec cette carte, vous pouvez lire votre histoire telle que les enseignants la verront, changer "
        "l'usage qui peut en être fait, ou la retirer à tout moment."
    ),
    "Yes, my story may be published": "Oui, mon histoire peut être publiée",
    "Yes, take my story back": "Oui, retirer mon histoire",
    "You agreed as the guardian of a child, with a witness.": (
        "Vous avez accepté en tant que tuteur d'un enfant, devant un témoin."
    ),
    "You agreed as the guardian of an adult who cannot agree themself, with a witness.": (
        "Vous avez accepté en tant que tuteur d'un adulte qui ne peut pas donner lui-même son accord, devant "
        "un témoin."
    ),
    "You changed your consent on this website": "Vous avez modifié votre consentement sur ce site",
    "You gave your consent": "Vous avez donné votre consentement",
    "You gave your consent again, to a health worker": (
        "Vous avez de nouveau donné votre consentement, à un agent de santé"
    ),
    "You gave your consent again, to an administrator": (
        "Vous avez de nouveau donné votre consentement, à un administrateur"
    ),
    "You gave your consent to a health worker": "Vous avez donné votre consentement à un agent de santé",
    "You gave your consent to an administrator": "Vous avez donné votre consentement à un administrateur",
    "You gave your thumbprint on the consent form, with a witness.": (
        "Vous avez apposé votre empreinte digitale sur le formulaire de consentement, devant un témoin."
    ),
    "You opened your story's page on this website": "Vous avez ouvert la page de votre histoire sur ce site",
    "You said on this website that your story may be published": (
        "Vous avez dit sur ce site que votre histoire peut être publiée"
    ),
    "You said yes aloud, and it was recorded.": "Vous avez dit oui à voix haute, et cela a été enregistré.",
    "You said yes aloud, and it was recorded. Only you and the archive's administrators can listen to it; "
    "it is never written down or shown to teachers. If you take your story back, this recording is "
    "deleted too.": (
        "Vous avez dit oui à voix haute, et cela a été enregistré. Seuls vous et les administrateurs de "
        "l'archive pouvez l'écouter ; il n'est jamais écrit ni montré aux enseignants. Si vous retirez votre "
        "histoire, cet enregistrement est effacé lui aussi."
    ),
    "You signed the consent form.": "Vous avez signé le formulaire de consentement.",
    "You took your story back on this website": "Vous avez retiré votre histoire sur ce site",
    "You were asked to give your consent again": "On vous a demandé de donner à nouveau votre consentement",
    "You were given a new secret": "Vous avez reçu un nouveau code secret",
    "Your account is not allowed to see this page.": "Votre compte n'est pas autorisé à voir cette page.",
    "Your choices": "Vos choix",
    "Your consent ends now: teachers can no longer see or hear your story. If you want it used again, "
    "choose a later day soon, or ask the health worker who recorded it.": (
        "Votre consentement prend fin maintenant : les enseignants ne peuvent plus voir ni entendre votre "
        "histoire. Si vous voulez qu'elle soit de nouveau utilisée, choisissez bientôt un jour plus tardif, "
        "ou demandez à l'agent de santé qui l'a enregistrée."
    ),
    "Your recording is heard only with your voice disguised.": (
        "Votre enregistrement n'est écouté qu'avec votre voix déguisée."
    ),
    "Your story": "Votre histoire",
    "Your story and your consent": "Votre histoire et votre consentement",
    "Your story as it would be published": "Votre histoire telle qu'elle serait publiée",
    "Your story as teachers see it": "Votre histoire telle que les enseignants la voient",
    "Your story has been taken back": "Votre histoire a été retirée",
    "Your story is not in the library yet: a reviewer is checking it and removing names and places first.": (
        "Votre histoire n'est pas encore dans la bibliothèque : un relecteur la vérifie d'abord et retire "
        "les noms et les lieux."
    ),
    "Your story is published only after you have read it and said yes.": (
        "Votre histoire n'est publiée qu'après que vous l'avez lue et que vous avez dit oui."
    ),
    "Your story is ready, and it waits for you: it is published only when you say yes.": (
        "Votre histoire est prête et elle vous attend : elle ne sera publiée que lorsque vous direz oui."
    ),
    "Your story was sent to you to read before it is published": (
        "Votre histoire vous a été envoyée pour que vous la lisiez avant sa publication"
    ),
    "Your story was taken back, because the time you agreed to had ended": (
        "Votre histoire a été retirée, car la durée que vous aviez acceptée avait pris fin"
    ),
    "Your story was taken back, so there is nothing left to change.": (
        "Votre histoire a été retirée : il n'y a plus rien à modifier."
    ),
    "Your voice is disguised.": "Votre voix est déguisée.",
    "a guardian agreed for you, because you could not agree yourself, with a witness": (
        "un tuteur a donné son accord pour vous, parce que vous ne pouviez pas le faire vous-même, devant un "
        "témoin"
    ),
    "a library open to the public": "une bibliothèque ouverte au public",
    "consent form version %(version)s": "formulaire de consentement, version %(version)s",
    "ended now": "terminé maintenant",
    "ended on %(date)s": "terminé le %(date)s",
    "given by you, now that you have come of age": "donné par vous, maintenant que vous êtes majeur",
    "last day: %(date)s": "dernier jour : %(date)s",
    "no end date": "pas de date de fin",
    "removed: %(what)s": "retiré : %(what)s",
    "research": "la recherche",
    "teaching health workers in a closed course": "la formation d'agents de santé dans un cours fermé",
    "the recording of your voice": "l'enregistrement de votre voix",
    "the written story": "l'histoire écrite",
    "you came of age on %(date)s": "vous êtes devenu majeur le %(date)s",
    "you gave your thumbprint": "vous avez apposé votre empreinte digitale",
    "you said yes aloud and it was recorded": "vous avez dit oui à voix haute et cela a été enregistré",
    "you signed a form": "vous avez signé un formulaire",
    "your guardian agreed for you, with a witness": (
        "votre tuteur a donné son accord pour vous, devant un témoin"
    ),
    "“%(label)s” (set “%(title)s”): open from %(start)s until %(end)s": (
        "« %(label)s » (ensemble « %(title)s ») : ouvert du %(start)s au %(end)s"
    ),
    "“%(label)s” (set “%(title)s”): was open from %(start)s until %(end)s": (
        "« %(label)s » (ensemble « %(title)s ») : était ouvert du %(start)s au %(end)s"
    ),
    "“%(title)s”, since %(date)s": "« %(title)s », depuis le %(date)s",
}
