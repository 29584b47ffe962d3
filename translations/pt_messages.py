"""Portuguese (pt) for the storyteller's pages: msgid -> translation (plurals: a tuple of
CLDR's forms one, many (a round million: "1 000 000 de ...") and other).

Plain, respectful Portuguese ("você"), for storytellers in Mozambique, Angola, Brazil and elsewhere.
`make translations` writes these into translations/pt/LC_MESSAGES/messages.po and compiles it.
"""

PT = {
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
    "A guardian gave consent for you": "Um responsável deu consentimento por você",
    "A guardian gave consent for you again, to a health worker": (
        "Um responsável deu novamente consentimento por você, a um agente de saúde"
    ),
    "A guardian gave consent for you again, to an administrator": (
        "Um responsável deu novamente consentimento por você, a um administrador"
    ),
    "A guardian gave consent for you to a health worker": (
        "Um responsável deu consentimento por você a um agente de saúde"
    ),
    "A guardian gave consent for you to an administrator": (
        "Um responsável deu consentimento por você a um administrador"
    ),
    "A guardian gave this consent, so it can last at most until %(date)s, a little after the storyteller "
    "comes of age. After that the storyteller gives their own consent: ask the health worker who recorded "
    "the story.": (
        "Este consentimento foi dado por um responsável, por isso pode durar no máximo até %(date)s, pouco "
        "depois de a pessoa que contou a história atingir a maioridade. Depois disso, essa pessoa dá o seu "
        "próprio consentimento: fale com o agente de saúde que gravou a história."
    ),
    "A guardian gave this consent, so it lasts until %(date)s, a little after the storyteller comes of "
    "age. To keep the story used after that, the storyteller gives their own consent to the health worker.": (
        "Este consentimento foi dado por um responsável, por isso dura até %(date)s, pouco depois de a "
        "pessoa que contou a história atingir a maioridade. Para a história continuar a ser usada depois "
        "disso, essa pessoa dá o seu próprio consentimento ao agente de saúde."
    ),
    "A guardian's consent cannot be made longer. Unless the storyteller gives their own consent to the "
    "health worker before %(date)s, the story will then be taken back and its words deleted.": (
        "O consentimento de um responsável não pode ser prolongado. Se a pessoa que contou a história não "
        "der o seu próprio consentimento ao agente de saúde antes de %(date)s, a história será retirada "
        "nesse dia e as suas palavras apagadas."
    ),
    "A health worker changed your consent, as you asked": (
        "Um agente de saúde mudou o seu consentimento, como você pediu"
    ),
    "A health worker gave you a new secret": "Um agente de saúde deu-lhe uma nova senha",
    "A health worker took your story back, as you asked": (
        "Um agente de saúde retirou a sua história, como você pediu"
    ),
    "A reviewer sent you your story to read before it is published": (
        "Um revisor enviou-lhe a sua história para a ler antes de ser publicada"
    ),
    "Account": "Conta",
    "Admin": "Administração",
    "All stories": "Todas as histórias",
    "An administrator changed your consent, as you asked": (
        "Um administrador mudou o seu consentimento, como você pediu"
    ),
    "An administrator gave you a new secret": "Um administrador deu-lhe uma nova senha",
    "An administrator sent you your story to read before it is published": (
        "Um administrador enviou-lhe a sua história para a ler antes de ser publicada"
    ),
    "An administrator took your story back, as you asked": (
        "Um administrador retirou a sua história, como você pediu"
    ),
    "Back to the start": "Voltar ao início",
    "Back to your story": "Voltar à sua história",
    "Change what you agreed to": "Mudar o que você aceitou",
    "Changes work at once. To stop every use of your story, take it back instead.": (
        "As mudanças valem de imediato. Para parar todo o uso da sua história, é melhor retirá-la."
    ),
    "Choose the last day, or tick “No end date”.": "Escolha o último dia, ou marque «Sem data de fim».",
    "Close": "Fechar",
    "Code": "Código",
    "Code on your card": "Código do seu cartão",
    "Consent form version %(version)s": "Formulário de consentimento, versão %(version)s",
    "Done. The time you agreed to has changed.": "Feito. O tempo que você aceitou mudou.",
    "Done. Your story is no longer used for what you removed.": (
        "Feito. A sua história já não é usada para o que você retirou."
    ),
    "Enter the code and the secret from the card you were given. You can then read your story as teachers "
    "see it, change what it may be used for, or take it back.": (
        "Escreva o código e a senha do cartão que recebeu. Depois pode ler a sua história como os "
        "professores a veem, mudar para que pode ser usada, ou retirá-la."
    ),
    "Error": "Erro",
    "From %(start)s until %(end)s.": "De %(start)s até %(end)s.",
    "From %(start)s, with no end date.": "A partir de %(start)s, sem data de fim.",
    "Go to this address and enter the code and the secret:": (
        "Vá a este endereço e escreva o código e a senha:"
    ),
    "How long": "Por quanto tempo",
    "How your story was used": "Como a sua história foi usada",
    "How:": "Como:",
    "If you choose today or an earlier day, your consent ends now and teachers can no longer see your "
    "story.": (
        "Se escolher hoje ou um dia anterior, o seu consentimento termina agora e os professores deixam de "
        "poder ver a sua história."
    ),
    "If you do, your story is removed from the library straight away and its words are deleted. Teachers "
    "will no longer see or hear it. This cannot be undone.": (
        "Se o fizer, a sua história sai da biblioteca imediatamente e as suas palavras são apagadas. Os "
        "professores deixam de a poder ver ou ouvir. Isto não pode ser desfeito."
    ),
    "If you lose this card, ask the health worker who recorded the story for a new secret.": (
        "Se perder este cartão, peça uma nova senha ao agente de saúde que gravou a história."
    ),
    "If you want something changed first, do not say yes: ask the health worker who recorded your story.": (
        "Se quiser que algo seja mudado antes, não diga que sim: fale com o agente de saúde que gravou a sua "
        "história."
    ),
    "It is not shown to teachers, because the time you agreed to ended on %(date)s.": (
        "Não é mostrada aos professores, porque o tempo que você aceitou terminou em %(date)s."
    ),
    "It is not shown to teachers, because you did not agree to its use for teaching.": (
        "Não é mostrada aos professores, porque você não aceitou que fosse usada no ensino."
    ),
    "It is not shown to teachers, because you did not agree to the use of the written story.": (
        "Não é mostrada aos professores, porque você não aceitou o uso da história escrita."
    ),
    "It is not shown to teachers.": "Não é mostrada aos professores.",
    "Keep at least one use. If you do not want your story used at all, take it back instead.": (
        "Deixe pelo menos um uso. Se não quer que a sua história seja usada de forma nenhuma, é melhor "
        "retirá-la."
    ),
    "Keep the secret private. Anyone with the code and the secret can change or take back the story.": (
        "Não mostre a senha a ninguém. Quem tiver o código e a senha pode mudar ou retirar a história."
    ),
    "Keep the text or the recording. If you want neither used, take your story back instead.": (
        "Deixe o texto ou a gravação. Se não quer que nenhum dos dois seja usado, é melhor retirar a sua "
        "história."
    ),
    "Last day": "Último dia",
    "Library": "Biblioteca",
    "Listen to the recording of your consent": "Ouvir a gravação do seu consentimento",
    "Listen to your recording": "Ouvir a sua gravação",
    "Lost your card? Ask the health worker who recorded your story: they can give you a new secret after "
    "checking it is you.": (
        "Perdeu o seu cartão? Fale com o agente de saúde que gravou a sua história: depois de confirmar que "
        "é você, ele pode dar-lhe uma nova senha."
    ),
    "My stories": "As minhas histórias",
    "Names and places are replaced by labels such as [NAME].": (
        "Os nomes e os lugares são substituídos por etiquetas como [NAME]."
    ),
    "New story": "Nova história",
    "No end date": "Sem data de fim",
    "No teacher has put your story in a teaching set.": (
        "Nenhum professor colocou a sua história num conjunto de ensino."
    ),
    "No, keep it": "Não, manter",
    "Not a valid date value.": "Não é uma data válida.",
    "Not allowed": "Não permitido",
    "Not allowed here": "Não permitido aqui",
    "Not found": "Não encontrado",
    "Nothing was changed.": "Nada foi mudado.",
    "Now: no end date.": "Agora: sem data de fim.",
    "Now: until %(end)s.": "Agora: até %(end)s.",
    "On %(date)s you agreed that your story “%(title)s” may be used as written below.": (
        "Em %(date)s você aceitou que a sua história «%(title)s» seja usada como está escrito abaixo."
    ),
    "On %(date)s you agreed, for the person in your care, that their story “%(title)s” may be used as "
    "written below.": (
        "Em %(date)s você aceitou, pela pessoa ao seu cuidado, que a história dela «%(title)s» seja usada "
        "como está escrito abaixo."
    ),
    "On %(date)s your story was removed from the library and its words were deleted. Nobody can read it "
    "here any more.": (
        "Em %(date)s a sua história saiu da biblioteca e as suas palavras foram apagadas. Ninguém a pode ler "
        "aqui."
    ),
    "Open my story": "Abrir a minha história",
    "Please sign in": "Por favor, entre na sua conta",
    "Please sign in to see this page.": "Por favor, entre na sua conta para ver esta página.",
    "Read it below, as teachers would read it, and listen to your recording.": (
        "Leia-a abaixo, como os professores a leriam, e ouça a sua gravação."
    ),
    "Read it below, as teachers would read it.": "Leia-a abaixo, como os professores a leriam.",
    "Read the consent form": "Ler o formulário de consentimento",
    "Review": "Revisão",
    "Save the time": "Guardar o tempo",
    "Save these uses": "Guardar estes usos",
    "Secret": "Senha",
    "Secret on your card": "Senha do seu cartão",
    "Sign out": "Sair",
    "Something went wrong": "Algo correu mal",
    "Staff sign-in": "Entrada da equipa",
    "Story taken back": "História retirada",
    "Students were given links to read these sets:": (
        "Foram dadas ligações a estudantes para lerem estes conjuntos:"
    ),
    "Take my story back": "Retirar a minha história",
    "Take your story back": "Retirar a sua história",
    "Take your story back?": "Retirar a sua história?",
    "Teachers can read it. Names and places are replaced by labels such as [NAME].": (
        "Os professores podem lê-la. Os nomes e os lugares são substituídos por etiquetas como [NAME]."
    ),
    (
        "Teachers opened your story %(num)d time (each teacher counts once a day).",
        "Teachers opened your story %(num)d times (each teacher counts once a day).",
    ): (
        "Os professores abriram a sua história %(num)d vez (cada professor conta uma vez por dia).",
        "Os professores abriram a sua história %(num)d de vezes (cada professor conta uma vez por dia).",
        "Os professores abriram a sua história %(num)d vezes (cada professor conta uma vez por dia).",
    ),
    "Teachers put your story in these teaching sets:": (
        "Professores colocaram a sua história nestes conjuntos de ensino:"
    ),
    "Teaching sets": "Conjuntos de ensino",
    "Thank you. Your story will now be published as you read it.": (
        "Obrigado. A sua história vai agora ser publicada tal como a leu."
    ),
    "That code and secret do not match. Check the card and try again.": (
        "Esse código e essa senha não correspondem. Verifique o cartão e tente de novo."
    ),
    "That request could not be used": "Não foi possível usar esse pedido",
    "The archive changed your consent, as its rules say": (
        "O arquivo mudou o seu consentimento, como dizem as suas regras"
    ),
    "The archive hit an unexpected problem. Nothing was changed.": (
        "O arquivo teve um problema inesperado. Nada foi mudado."
    ),
    "The form had expired or was sent from elsewhere. Please reload the page and try again.": (
        "O formulário tinha expirado ou foi enviado de outro lugar. Por favor, recarregue a página e tente "
        "de novo."
    ),
    "The recording is heard only with the voice disguised.": "A gravação só é ouvida com a voz disfarçada.",
    "The request was incomplete or malformed. Please go back and try again.": (
        "O pedido estava incompleto ou mal formado. Por favor, volte atrás e tente de novo."
    ),
    "The story is published only after you have read or heard it and said yes, on the website below.": (
        "A história só é publicada depois de você a ler ou ouvir e dizer que sim, no site indicado abaixo."
    ),
    "The story of the person in your care, and your consent": (
        "A história da pessoa ao seu cuidado, e o seu consentimento"
    ),
    "The time you agreed to ended": "Terminou o tempo que você aceitou",
    "There is nothing at this address.": "Não há nada neste endereço.",
    "This address does not accept that kind of request.": "Este endereço não aceita esse tipo de pedido.",
    "This is longer than anything printed on the card. Check it and try again.": (
        "Isto é mais longo do que tudo o que está impresso no cartão. Verifique e tente de novo."
    ),
    "This is your recording as it was recorded. Teachers hear it only with names and places covered by a "
    "sound.": (
        "Esta é a sua gravação tal como foi gravada. Os professores só a ouvem com os nomes e os lugares "
        "cobertos por um som."
    ),
    "This is your recording as teachers hear it, with names and places covered.": (
        "Esta é a sua gravação tal como os professores a ouvem, com os nomes e os lugares cobertos."
    ),
    "This page can only remove uses. To add one, ask the health worker who recorded your story.": (
        "Esta página só permite retirar usos. Para acrescentar um, fale com o agente de saúde que gravou a "
        "sua história."
    ),
    "To reach the archive: %(contact)s": "Para contactar o arquivo: %(contact)s",
    "Too large": "Grande demais",
    "Too many attempts": "Tentativas a mais",
    "Too many attempts. For your safety this is locked for a while. Please try again in %(wait)s, or ask "
    "the health worker who recorded your story.": (
        "Tentativas a mais. Para sua segurança, o acesso fica bloqueado por um tempo. Por favor, tente de "
        "novo daqui a %(wait)s, ou fale com o agente de saúde que gravou a sua história."
    ),
    "Too many attempts. Please wait a while and try again.": (
        "Tentativas a mais. Por favor, espere um pouco e tente de novo."
    ),
    "Type the code from your card.": "Escreva o código do seu cartão.",
    "Type the secret from your card.": "Escreva a senha do seu cartão.",
    "Unless you choose a later last day before %(date)s, your story will then be taken back and its words "
    "deleted.": (
        "Se não escolher um último dia mais tarde antes de %(date)s, a sua história será retirada nesse dia "
        "e as suas palavras apagadas."
    ),
    "Untick what you no longer want. Keep at least one use and one kind of material.": (
        "Desmarque o que já não quer. Deixe pelo menos um uso e um tipo de material."
    ),
    "Used for:": "Usada para:",
    "Uses": "Usos",
    "What happened": "O que aconteceu",
    "What may be used": "O que pode ser usado",
    "What may be used:": "O que pode ser usado:",
    "What was agreed": "O que foi aceite",
    "What you agreed to": "O que você aceitou",
    "What you sent is larger than this site accepts.": "O que enviou é maior do que este site aceita.",
    "What your story may be used for": "Para que a sua história pode ser usada",
    "With this card you can read the story as teachers will see it, change what it may be used for, or "
    "take it back at any time.": (
        "Com este cartão pode ler a história como os professores a vão ver, mudar para que pode ser usada, "
        "ou retirá-la a qualquer momento."
    ),
    "With this card you can read your story as teachers will see it, change what it may be used for, or "
    "take it back at any time.": (
        "Com este cartão pode ler a sua história como os professores a vão ver, mudar para que pode ser "
        "usada, ou retirá-la a qualquer momento."
    ),
    "Yes, my story may be published": "Sim, a minha história pode ser publicada",
    "Yes, take my story back": "Sim, retirar a minha história",
    "You agreed as the guardian of a child, with a witness.": (
        "Você aceitou como responsável por uma criança, diante de uma testemunha."
    ),
    "You agreed as the guardian of an adult who cannot agree themself, with a witness.": (
        "Você aceitou como responsável por um adulto que não pode consentir por si, diante de uma testemunha."
    ),
    "You changed your consent on this website": "Você mudou o seu consentimento neste site",
    "You gave your consent": "Você deu o seu consentimento",
    "You gave your consent again, to a health worker": (
        "Você deu novamente o seu consentimento, a um agente de saúde"
    ),
    "You gave your consent again, to an administrator": (
        "Você deu novamente o seu consentimento, a um administrador"
    ),
    "You gave your consent to a health worker": "Você deu o seu consentimento a um agente de saúde",
    "You gave your consent to an administrator": "Você deu o seu consentimento a um administrador",
    "You gave your thumbprint on the consent form, with a witness.": (
        "Você pôs a sua impressão digital no formulário de consentimento, diante de uma testemunha."
    ),
    "You opened your story's page on this website": "Você abriu a página da sua história neste site",
    "You said on this website that your story may be published": (
        "Você disse neste site que a sua história pode ser publicada"
    ),
    "You said yes aloud, and it was recorded.": "Você disse que sim em voz alta, e isso foi gravado.",
    "You said yes aloud, and it was recorded. Only you and the archive's administrators can listen to it; "
    "it is never written down or shown to teachers. If you take your story back, this recording is "
    "deleted too.": (
        "Você disse que sim em voz alta, e isso foi gravado. Só você e os administradores do arquivo podem "
        "ouvir esta gravação; ela nunca é escrita nem mostrada aos professores. Se retirar a sua história, "
        "esta gravação também é apagada."
    ),
    "You signed the consent form.": "Você assinou o formulário de consentimento.",
    "You took your story back on this website": "Você retirou a sua história neste site",
    "You were asked to give your consent again": "Foi-lhe pedido que desse novamente o seu consentimento",
    "You were given a new secret": "Recebeu uma nova senha",
    "Your account is not allowed to see this page.": "A sua conta não tem permissão para ver esta página.",
    "Your choices": "As suas escolhas",
    "Your consent ends now: teachers can no longer see or hear your story. If you want it used again, "
    "choose a later day soon, or ask the health worker who recorded it.": (
        "O seu consentimento termina agora: os professores deixam de poder ver ou ouvir a sua história. Se "
        "quiser que volte a ser usada, escolha em breve um dia mais tarde, ou fale com o agente de saúde que "
        "a gravou."
    ),
    "Your recording is heard only with your voice disguised.": (
        "A sua gravação só é ouvida com a sua voz disfarçada."
    ),
    "Your story": "A sua história",
    "Your story and your consent": "A sua história e o seu consentimento",
    "Your story as it would be published": "A sua história tal como seria publicada",
    "Your story as teachers see it": "A sua história tal como os professores a veem",
    "Your story has been taken back": "A sua história foi retirada",
    "Your story is not in the library yet: a reviewer is checking it and removing names and places first.": (
        "A sua história ainda não está na biblioteca: primeiro um revisor verifica-a e retira os nomes e os "
        "lugares."
    ),
    "Your story is published only after you have read it and said yes.": (
        "A sua história só é publicada depois de você a ler e dizer que sim."
    ),
    "Your story is ready, and it waits for you: it is published only when you say yes.": (
        "A sua história está pronta e espera por você: só será publicada quando disser que sim."
    ),
    "Your story was sent to you to read before it is published": (
        "A sua história foi-lhe enviada para a ler antes de ser publicada"
    ),
    "Your story was taken back, because the time you agreed to had ended": (
        "A sua história foi retirada, porque tinha terminado o tempo que você aceitou"
    ),
    "Your story was taken back, so there is nothing left to change.": (
        "A sua história foi retirada, por isso já não há nada a mudar."
    ),
    "Your voice is disguised.": "A sua voz está disfarçada.",
    "a guardian agreed for you, because you could not agree yourself, with a witness": (
        "um responsável aceitou por você, porque você não podia fazê-lo, diante de uma testemunha"
    ),
    "a library open to the public": "uma biblioteca aberta ao público",
    "consent form version %(version)s": "formulário de consentimento, versão %(version)s",
    "ended now": "terminado agora",
    "ended on %(date)s": "terminou em %(date)s",
    "given by you, now that you have come of age": "dado por você, agora que atingiu a maioridade",
    "last day: %(date)s": "último dia: %(date)s",
    "no end date": "sem data de fim",
    "removed: %(what)s": "retirado: %(what)s",
    "research": "a investigação",
    "teaching health workers in a closed course": "a formação de agentes de saúde num curso fechado",
    "the recording of your voice": "a gravação da sua voz",
    "the written story": "a história escrita",
    "you came of age on %(date)s": "você atingiu a maioridade em %(date)s",
    "you gave your thumbprint": "você pôs a sua impressão digital",
    "you said yes aloud and it was recorded": "você disse que sim em voz alta e isso foi gravado",
    "you signed a form": "você assinou um formulário",
    "your guardian agreed for you, with a witness": (
        "o seu responsável aceitou por você, diante de uma testemunha"
    ),
    "“%(label)s” (set “%(title)s”): open from %(start)s until %(end)s": (
        "«%(label)s» (conjunto «%(title)s»): aberto de %(start)s até %(end)s"
    ),
    "“%(label)s” (set “%(title)s”): was open from %(start)s until %(end)s": (
        "«%(label)s» (conjunto «%(title)s»): esteve aberto de %(start)s até %(end)s"
    ),
    "“%(title)s”, since %(date)s": "«%(title)s», desde %(date)s",
}
