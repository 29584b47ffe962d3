"""Spanish (es) for the storyteller's pages: msgid -> translation (plurals: a tuple of
CLDR's forms one, many (a round million: "1 000 000 de ...") and other).

Plain, respectful Spanish ("usted"), for storytellers in Latin America and elsewhere.
`make translations` writes these into translations/es/LC_MESSAGES/messages.po and compiles it.
"""

ES = {
    (
        "%(num)d hour",
        "%(num)d hours",
    ): (
        "%(num)d hora",
        "%(num)d de horas",
        "%(num)d horas",
    ),
    (
        "%(num)d minute",
        "%(num)d minutes",
    ): (
        "%(num)d minuto",
        "%(num)d de minutos",
        "%(num)d minutos",
    ),
    "A guardian gave consent for you": "Un tutor dio su consentimiento por usted",
    "A guardian gave consent for you again, to a health worker": (
        "Un tutor volvió a dar su consentimiento por usted, a un trabajador de salud"
    ),
    "A guardian gave consent for you again, to an administrator": (
        "Un tutor volvió a dar su consentimiento por usted, a un administrador"
    ),
    "A guardian gave consent for you to a health worker": (
        "Un tutor dio su consentimiento por usted a un trabajador de salud"
    ),
    "A guardian gave consent for you to an administrator": (
        "Un tutor dio su consentimiento por usted a un administrador"
    ),
    "A guardian gave this consent, so it can last at most until %(date)s, a little after the storyteller "
    "comes of age. After that the storyteller gives their own consent: ask the health worker who recorded "
    "the story.": (
        "Este consentimiento lo dio un tutor, así que puede durar como máximo hasta el %(date)s, poco "
        "después de que la persona que contó la historia cumpla la mayoría de edad. Después, esa persona da "
        "su propio consentimiento: pregunte al trabajador de salud que grabó la historia."
    ),
    "A guardian gave this consent, so it lasts until %(date)s, a little after the storyteller comes of "
    "age. To keep the story used after that, the storyteller gives their own consent to the health worker.": (
        "Este consentimiento lo dio un tutor, así que dura hasta el %(date)s, poco después de que la persona "
        "que contó la historia cumpla la mayoría de edad. Para que la historia se siga usando después, esa "
        "persona da su propio consentimiento al trabajador de salud."
    ),
    "A guardian's consent cannot be made longer. Unless the storyteller gives their own consent to the "
    "health worker before %(date)s, the story will then be taken back and its words deleted.": (
        "El consentimiento de un tutor no se puede alargar. Si la persona que contó la historia no da su "
        "propio consentimiento al trabajador de salud antes del %(date)s, la historia se retirará ese día y "
        "sus palabras se borrarán."
    ),
    "A health worker changed your consent, as you asked": (
        "Un trabajador de salud cambió su consentimiento, como usted pidió"
    ),
    "A health worker gave you a new secret": "Un trabajador de salud le dio una nueva clave secreta",
    "A health worker took your story back, as you asked": (
        "Un trabajador de salud retiró su historia, como usted pidió"
    ),
    "A reviewer sent you your story to read before it is published": (
        "Un revisor le envió su historia para que la lea antes de publicarla"
    ),
    "Account": "Cuenta",
    "Admin": "Administración",
    "All stories": "Todas las historias",
    "An administrator changed your consent, as you asked": (
        "Un administrador cambió su consentimiento, como usted pidió"
    ),
    "An administrator gave you a new secret": "Un administrador le dio una nueva clave secreta",
    "An administrator sent you your story to read before it is published": (
        "Un administrador le envió su historia para que la lea antes de publicarla"
    ),
    "An administrator took your story back, as you asked": (
        "Un administrador retiró su historia, como usted pidió"
    ),
    "Back to the start": "Volver al inicio",
    "Back to your story": "Volver a su historia",
    "Change what you agreed to": "Cambiar lo que usted aceptó",
    "Changes work at once. To stop every use of your story, take it back instead.": (
        "Los cambios se aplican de inmediato. Para detener todo uso de su historia, mejor retírela."
    ),
    "Choose the last day, or tick “No end date”.": "Elija el último día, o marque «Sin fecha de fin».",
    "Close": "Cerrar",
    "Code": "Código",
    "Code on your card": "Código de su tarjeta",
    "Consent form version %(version)s": "Formulario de consentimiento, versión %(version)s",
    "Done. The time you agreed to has changed.": "Listo. El tiempo que usted aceptó ha cambiado.",
    "Done. Your story is no longer used for what you removed.": (
        "Listo. Su historia ya no se usa para lo que usted quitó."
    ),
    "Enter the code and the secret from the card you were given. You can then read your story as teachers "
    "see it, change what it may be used for, or take it back.": (
        "Escriba el código y la clave secreta de la tarjeta que le dieron. Así podrá leer su historia como "
        "la ven los docentes, cambiar para qué se puede usar, o retirarla."
    ),
    "Error": "Error",
    "From %(start)s until %(end)s.": "Desde el %(start)s hasta el %(end)s.",
    "From %(start)s, with no end date.": "Desde el %(start)s, sin fecha de fin.",
    "Go to this address and enter the code and the secret:": (
        "Entre en esta dirección y escriba el código y la clave secreta:"
    ),
    "How long": "Por cuánto tiempo",
    "How your story was used": "Cómo se ha usado su historia",
    "How:": "Cómo:",
    "If you choose today or an earlier day, your consent ends now and teachers can no longer see your "
    "story.": (
        "Si elige hoy o un día anterior, su consentimiento termina ahora y los docentes ya no podrán ver su "
        "historia."
    ),
    "If you do, your story is removed from the library straight away and its words are deleted. Teachers "
    "will no longer see or hear it. This cannot be undone.": (
        "Si lo hace, su historia se quita de la biblioteca en ese mismo momento y sus palabras se borran. "
        "Los docentes ya no podrán verla ni escucharla. Esto no se puede deshacer."
    ),
    "If you lose this card, ask the health worker who recorded the story for a new secret.": (
        "Si pierde esta tarjeta, pida una nueva clave secreta al trabajador de salud que grabó la historia."
    ),
    "If you want something changed first, do not say yes: ask the health worker who recorded your story.": (
        "Si quiere que primero se cambie algo, no diga que sí: hable con el trabajador de salud que grabó su "
        "historia."
    ),
    "It is not shown to teachers, because the time you agreed to ended on %(date)s.": (
        "No se muestra a los docentes, porque el tiempo que usted aceptó terminó el %(date)s."
    ),
    "It is not shown to teachers, because you did not agree to its use for teaching.": (
        "No se muestra a los docentes, porque usted no aceptó que se use para la enseñanza."
    ),
    "It is not shown to teachers, because you did not agree to the use of the written story.": (
        "No se muestra a los docentes, porque usted no aceptó que se use la historia escrita."
    ),
    "It is not shown to teachers.": "No se muestra a los docentes.",
    "Keep at least one use. If you do not want your story used at all, take it back instead.": (
        "Deje al menos un uso. Si no quiere que su historia se use para nada, mejor retírela."
    ),
    "Keep the secret private. Anyone with the code and the secret can change or take back the story.": (
        "No muestre la clave secreta a nadie. Cualquier persona con el código y la clave secreta puede "
        "cambiar o retirar la historia."
    ),
    "Keep the text or the recording. If you want neither used, take your story back instead.": (
        "Deje el texto o la grabación. Si no quiere que se use ninguno de los dos, mejor retire su historia."
    ),
    "Last day": "Último día",
    "Library": "Biblioteca",
    "Listen to the recording of your consent": "Escuchar la grabación de su consentimiento",
    "Listen to your recording": "Escuchar su grabación",
    "Lost your card? Ask the health worker who recorded your story: they can give you a new secret after "
    "checking it is you.": (
        "¿Perdió su tarjeta? Pregunte al trabajador de salud que grabó su historia: después de comprobar que "
        "es usted, puede darle una nueva clave secreta."
    ),
    "My stories": "Mis historias",
    "Names and places are replaced by labels such as [NAME].": (
        "Los nombres y los lugares se reemplazan por etiquetas como [NAME]."
    ),
    "New story": "Nueva historia",
    "No end date": "Sin fecha de fin",
    "No teacher has put your story in a teaching set.": (
        "Ningún docente ha puesto su historia en un conjunto de enseñanza."
    ),
    "No, keep it": "No, conservarla",
    "Not a valid date value.": "No es una fecha válida.",
    "Not allowed": "No permitido",
    "Not allowed here": "No permitido aquí",
    "Not found": "No encontrado",
    "Nothing was changed.": "No se cambió nada.",
    "Now: no end date.": "Ahora: sin fecha de fin.",
    "Now: until %(end)s.": "Ahora: hasta el %(end)s.",
    "On %(date)s you agreed that your story “%(title)s” may be used as written below.": (
        "El %(date)s usted aceptó que su historia «%(title)s» se use como se indica abajo."
    ),
    "On %(date)s you agreed, for the person in your care, that their story “%(title)s” may be used as "
    "written below.": (
        "El %(date)s usted aceptó, por la persona a su cuidado, que su historia «%(title)s» se use como se "
        "indica abajo."
    ),
    "On %(date)s your story was removed from the library and its words were deleted. Nobody can read it "
    "here any more.": (
        "El %(date)s su historia se quitó de la biblioteca y sus palabras se borraron. Ya nadie puede leerla "
        "aquí."
    ),
    "Open my story": "Abrir mi historia",
    "Please sign in": "Por favor, inicie sesión",
    "Please sign in to see this page.": "Por favor, inicie sesión para ver esta página.",
    "Read it below, as teachers would read it, and listen to your recording.": (
        "Léala abajo, como la leerían los docentes, y escuche su grabación."
    ),
    "Read it below, as teachers would read it.": "Léala abajo, como la leerían los docentes.",
    "Read the consent form": "Leer el formulario de consentimiento",
    "Review": "Revisión",
    "Save the time": "Guardar el tiempo",
    "Save these uses": "Guardar estos usos",
    "Secret": "Clave secreta",
    "Secret on your card": "Clave secreta de su tarjeta",
    "Sign out": "Cerrar sesión",
    "Something went wrong": "Algo salió mal",
    "Staff sign-in": "Acceso del personal",
    "Story taken back": "Historia retirada",
    "Students were given links to read these sets:": (
        "Se dieron enlaces a estudiantes para leer estos conjuntos:"
    ),
    "Take my story back": "Retirar mi historia",
    "Take your story back": "Retirar su historia",
    "Take your story back?": "¿Retirar su historia?",
    "Teachers can read it. Names and places are replaced by labels such as [NAME].": (
        "Los docentes pueden leerla. Los nombres y los lugares se reemplazan por etiquetas como [NAME]."
    ),
    (
        "Teachers opened your story %(num)d time (each teacher counts once a day).",
        "Teachers opened your story %(num)d times (each teacher counts once a day).",
    ): (
        "Los docentes abrieron su historia %(num)d vez (cada docente cuenta una vez al día).",
        "Los docentes abrieron su historia %(num)d de veces (cada docente cuenta una vez al día).",
        "Los docentes abrieron su historia %(num)d veces (cada docente cuenta una vez al día).",
    ),
    "Teachers put your story in these teaching sets:": (
        "Hay docentes que pusieron su historia en estos conjuntos de enseñanza:"
    ),
    "Teaching sets": "Conjuntos de enseñanza",
    "Thank you. Your story will now be published as you read it.": (
        "Gracias. Su historia se publicará ahora tal como usted la leyó."
    ),
    "That code and secret do not match. Check the card and try again.": (
        "Ese código y esa clave secreta no coinciden. Revise la tarjeta e inténtelo de nuevo."
    ),
    "That request could not be used": "No se pudo atender esa solicitud",
    "The archive changed your consent, as its rules say": (
        "El archivo cambió su consentimiento, como dicen sus reglas"
    ),
    "The archive hit an unexpected problem. Nothing was changed.": (
        "El archivo tuvo un problema inesperado. No se cambió nada."
    ),
    "The form had expired or was sent from elsewhere. Please reload the page and try again.": (
        "El formulario había caducado o se envió desde otro lugar. Por favor, vuelva a cargar la página e "
        "inténtelo de nuevo."
    ),
    "The recording is heard only with the voice disguised.": (
        "La grabación solo se escucha con la voz disfrazada."
    ),
    "The request was incomplete or malformed. Please go back and try again.": (
        "La solicitud estaba incompleta o mal formada. Por favor, vuelva atrás e inténtelo de nuevo."
    ),
    "The story is published only after you have read or heard it and said yes, on the website below.": (
        "La historia solo se publica después de que usted la lea o la escuche y diga que sí, en el sitio web "
        "de abajo."
    ),
    "The story of the person in your care, and your consent": (
        "La historia de la persona a su cuidado, y su consentimiento"
    ),
    "The time you agreed to ended": "Terminó el tiempo que usted aceptó",
    "There is nothing at this address.": "No hay nada en esta dirección.",
    "This address does not accept that kind of request.": "Esta dirección no acepta ese tipo de solicitud.",
    "This is longer than anything printed on the card. Check it and try again.": (
        "Es más largo que cualquier cosa impresa en la tarjeta. Revíselo e inténtelo de nuevo."
    ),
    "This is your recording as it was recorded. Teachers hear it only with names and places covered by a "
    "sound.": (
        "Esta es su grabación tal como se grabó. Los docentes solo la escuchan con los nombres y los lugares "
        "tapados por un sonido."
    ),
    "This is your recording as teachers hear it, with names and places covered.": (
        "Esta es su grabación tal como la escuchan los docentes, con los nombres y los lugares tapados."
    ),
    "This page can only remove uses. To add one, ask the health worker who recorded your story.": (
        "Esta página solo permite quitar usos. Para añadir uno, pregunte al trabajador de salud que grabó su "
        "historia."
    ),
    "To reach the archive: %(contact)s": "Para comunicarse con el archivo: %(contact)s",
    "Too large": "Demasiado grande",
    "Too many attempts": "Demasiados intentos",
    "Too many attempts. For your safety this is locked for a while. Please try again in %(wait)s, or ask "
    "the health worker who recorded your story.": (
        "Demasiados intentos. Por su seguridad, el acceso queda bloqueado un tiempo. Por favor, inténtelo de "
        "nuevo dentro de %(wait)s, o pregunte al trabajador de salud que grabó su historia."
    ),
    "Too many attempts. Please wait a while and try again.": (
        "Demasiados intentos. Por favor, espere un rato e inténtelo de nuevo."
    ),
    "Type the code from your card.": "Escriba el código de su tarjeta.",
    "Type the secret from your card.": "Escriba la clave secreta de su tarjeta.",
    "Unless you choose a later last day before %(date)s, your story will then be taken back and its words "
    "deleted.": (
        "Si no elige un último día más adelante antes del %(date)s, su historia se retirará ese día y sus "
        "palabras se borrarán."
    ),
    "Untick what you no longer want. Keep at least one use and one kind of material.": (
        "Desmarque lo que ya no quiera. Deje al menos un uso y un tipo de material."
    ),
    "Used for:": "Se usa para:",
    "Uses": "Usos",
    "What happened": "Qué ha pasado",
    "What may be used": "Qué se puede usar",
    "What may be used:": "Qué se puede usar:",
    "What was agreed": "Lo que se aceptó",
    "What you agreed to": "Lo que usted aceptó",
    "What you sent is larger than this site accepts.": (
        "Lo que envió es más grande de lo que este sitio acepta."
    ),
    "What your story may be used for": "Para qué se puede usar su historia",
    "With this card you can read the story as teachers will see it, change what it may be used for, or "
    "take it back at any time.": (
        "Con esta tarjeta puede leer la historia como la verán los docentes, cambiar para qué se puede usar, "
        "o retirarla en cualquier momento."
    ),
    "With this card you can read your story as teachers will see it, change what it may be used for, or "
    "take it back at any time.": (
        "Con esta tarjeta puede leer su historia como la verán los docentes, cambiar para qué se puede usar, "
        "o retirarla en cualquier momento."
    ),
    "Yes, my story may be published": "Sí, mi historia se puede publicar",
    "Yes, take my story back": "Sí, retirar mi historia",
    "You agreed as the guardian of a child, with a witness.": (
        "Usted aceptó como tutor de un niño o una niña, ante un testigo."
    ),
    "You agreed as the guardian of an adult who cannot agree themself, with a witness.": (
        "Usted aceptó como tutor de una persona adulta que no puede dar su consentimiento por sí misma, ante "
        "un testigo."
    ),
    "You changed your consent on this website": "Usted cambió su consentimiento en este sitio web",
    "You gave your consent": "Usted dio su consentimiento",
    "You gave your consent again, to a health worker": (
        "Usted volvió a dar su consentimiento, a un trabajador de salud"
    ),
    "You gave your consent again, to an administrator": (
        "Usted volvió a dar su consentimiento, a un administrador"
    ),
    "You gave your consent to a health worker": "Usted dio su consentimiento a un trabajador de salud",
    "You gave your consent to an administrator": "Usted dio su consentimiento a un administrador",
    "You gave your thumbprint on the consent form, with a witness.": (
        "Usted puso su huella digital en el formulario de consentimiento, ante un testigo."
    ),
    "You opened your story's page on this website": "Usted abrió la página de su historia en este sitio web",
    "You said on this website that your story may be published": (
        "Usted dijo en este sitio web que su historia se puede publicar"
    ),
    "You said yes aloud, and it was recorded.": "Usted dijo que sí en voz alta, y quedó grabado.",
    "You said yes aloud, and it was recorded. Only you and the archive's administrators can listen to it; "
    "it is never written down or shown to teachers. If you take your story back, this recording is "
    "deleted too.": (
        "Usted dijo que sí en voz alta, y quedó grabado. Solo usted y los administradores del archivo pueden "
        "escucharlo; nunca se escribe ni se muestra a los docentes. Si retira su historia, esta grabación "
        "también se borra."
    ),
    "You signed the consent form.": "Usted firmó el formulario de consentimiento.",
    "You took your story back on this website": "Usted retiró su historia en este sitio web",
    "You were asked to give your consent again": "Se le pidió que diera su consentimiento de nuevo",
    "You were given a new secret": "Se le dio una nueva clave secreta",
    "Your account is not allowed to see this page.": "Su cuenta no tiene permiso para ver esta página.",
    "Your choices": "Sus opciones",
    "Your consent ends now: teachers can no longer see or hear your story. If you want it used again, "
    "choose a later day soon, or ask the health worker who recorded it.": (
        "Su consentimiento termina ahora: los docentes ya no pueden ver ni escuchar su historia. Si quiere "
        "que se vuelva a usar, elija pronto un día más adelante, o pregunte al trabajador de salud que la "
        "grabó."
    ),
    "Your recording is heard only with your voice disguised.": (
        "Su grabación solo se escucha con su voz disfrazada."
    ),
    "Your story": "Su historia",
    "Your story and your consent": "Su historia y su consentimiento",
    "Your story as it would be published": "Su historia tal como se publicaría",
    "Your story as teachers see it": "Su historia tal como la ven los docentes",
    "Your story has been taken back": "Su historia ha sido retirada",
    "Your story is not in the library yet: a reviewer is checking it and removing names and places first.": (
        "Su historia aún no está en la biblioteca: primero un revisor la comprueba y quita los nombres y los "
        "lugares."
    ),
    "Your story is published only after you have read it and said yes.": (
        "Su historia solo se publica después de que usted la lea y diga que sí."
    ),
    "Your story is ready, and it waits for you: it is published only when you say yes.": (
        "Su historia está lista y le espera: solo se publicará cuando usted diga que sí."
    ),
    "Your story was sent to you to read before it is published": (
        "Se le envió su historia para que la lea antes de publicarla"
    ),
    "Your story was taken back, because the time you agreed to had ended": (
        "Su historia se retiró, porque había terminado el tiempo que usted aceptó"
    ),
    "Your story was taken back, so there is nothing left to change.": (
        "Su historia fue retirada, así que ya no queda nada que cambiar."
    ),
    "Your voice is disguised.": "Su voz está disfrazada.",
    "a guardian agreed for you, because you could not agree yourself, with a witness": (
        "un tutor aceptó por usted, porque usted no podía hacerlo, ante un testigo"
    ),
    "a library open to the public": "una biblioteca abierta al público",
    "consent form version %(version)s": "formulario de consentimiento, versión %(version)s",
    "ended now": "terminado ahora",
    "ended on %(date)s": "terminó el %(date)s",
    "given by you, now that you have come of age": "dado por usted, ahora que es mayor de edad",
    "last day: %(date)s": "último día: %(date)s",
    "no end date": "sin fecha de fin",
    "removed: %(what)s": "quitado: %(what)s",
    "research": "la investigación",
    "teaching health workers in a closed course": "la formación de trabajadores de salud en un curso cerrado",
    "the recording of your voice": "la grabación de su voz",
    "the written story": "la historia escrita",
    "you came of age on %(date)s": "usted cumplió la mayoría de edad el %(date)s",
    "you gave your thumbprint": "usted puso su huella digital",
    "you said yes aloud and it was recorded": "usted dijo que sí en voz alta y quedó grabado",
    "you signed a form": "usted firmó un formulario",
    "your guardian agreed for you, with a witness": "su tutor aceptó por usted, ante un testigo",
    "“%(label)s” (set “%(title)s”): open from %(start)s until %(end)s": (
        "«%(label)s» (conjunto «%(title)s»): abierto desde el %(start)s hasta el %(end)s"
    ),
    "“%(label)s” (set “%(title)s”): was open from %(start)s until %(end)s": (
        "«%(label)s» (conjunto «%(title)s»): estuvo abierto desde el %(start)s hasta el %(end)s"
    ),
    "“%(title)s”, since %(date)s": "«%(title)s», desde el %(date)s",
}
