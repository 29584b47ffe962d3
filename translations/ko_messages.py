"""Korean (ko) for the storyteller's pages: msgid -> translation (plurals: a tuple of one form).

Plain, polite Korean (해요체), in everyday words.
`make translations` writes these into translations/ko/LC_MESSAGES/messages.po and compiles it.
"""

KO = {
    (
        "%(num)d hour",
        "%(num)d hours",
    ): ("%(num)d시간",),
    (
        "%(num)d minute",
        "%(num)d minutes",
    ): ("%(num)d분",),
    "A guardian gave consent for you": "보호자가 대신 동의했어요",
    "A guardian gave consent for you again, to a health worker": (
        "보호자가 보건 요원에게 다시 대신 동의했어요"
    ),
    "A guardian gave consent for you again, to an administrator": "보호자가 관리자에게 다시 대신 동의했어요",
    "A guardian gave consent for you to a health worker": "보호자가 보건 요원에게 대신 동의했어요",
    "A guardian gave consent for you to an administrator": "보호자가 관리자에게 대신 동의했어요",
    "A guardian gave this consent, so it can last at most until %(date)s, a little after the storyteller "
    "comes of age. After that the storyteller gives their own consent: ask the health worker who recorded "
    "the story.": (
        "이 동의는 보호자가 했기 때문에, 이야기를 들려준 분이 성인이 되고 조금 지난 %(date)s까지만 유지될 수 "
        "있어요. 그 뒤에는 이야기를 들려준 분이 직접 동의해요. 이야기를 녹음한 보건 요원에게 물어보세요."
    ),
    "A guardian gave this consent, so it lasts until %(date)s, a little after the storyteller comes of "
    "age. To keep the story used after that, the storyteller gives their own consent to the health worker.": (
        "이 동의는 보호자가 했기 때문에, 이야기를 들려준 분이 성인이 되고 조금 지난 %(date)s까지 유지돼요. "
        "그 뒤에도 이야기가 계속 쓰이려면, 이야기를 들려준 분이 보건 요원에게 직접 동의해야 해요."
    ),
    "A guardian's consent cannot be made longer. Unless the storyteller gives their own consent to the "
    "health worker before %(date)s, the story will then be taken back and its words deleted.": (
        "보호자의 동의는 기간을 늘릴 수 없어요. 이야기를 들려준 분이 %(date)s 전에 보건 요원에게 직접 "
        "동의하지 않으면, 그날 이야기가 철회되고 내용이 삭제돼요."
    ),
    "A health worker changed your consent, as you asked": "요청하신 대로 보건 요원이 동의 내용을 바꿨어요",
    "A health worker gave you a new secret": "보건 요원이 새 비밀번호를 드렸어요",
    "A health worker took your story back, as you asked": "요청하신 대로 보건 요원이 이야기를 철회했어요",
    "A reviewer sent you your story to read before it is published": (
        "공개되기 전에 읽어 보시도록 검토자가 이야기를 보내 드렸어요"
    ),
    "Account": "계정",
    "Admin": "관리",
    "All stories": "모든 이야기",
    "An administrator changed your consent, as you asked": "요청하신 대로 관리자가 동의 내용을 바꿨어요",
    "An administrator gave you a new secret": "관리자가 새 비밀번호를 드렸어요",
    "An administrator sent you your story to read before it is published": (
        "공개되기 전에 읽어 보시도록 관리자가 이야기를 보내 드렸어요"
    ),
    "An administrator took your story back, as you asked": "요청하신 대로 관리자가 이야기를 철회했어요",
    "Back to the start": "처음으로 돌아가기",
    "Back to your story": "내 이야기로 돌아가기",
    "Change what you agreed to": "동의한 내용 바꾸기",
    "Changes work at once. To stop every use of your story, take it back instead.": (
        "바꾼 내용은 바로 적용돼요. 이야기가 어디에도 쓰이지 않기를 원하시면, 대신 이야기를 철회하세요."
    ),
    "Choose the last day, or tick “No end date”.": "마지막 날을 고르거나 “종료일 없음”에 표시하세요.",
    "Close": "닫기",
    "Code": "코드",
    "Code on your card": "카드에 적힌 코드",
    "Consent form version %(version)s": "동의서 버전 %(version)s",
    "Done. The time you agreed to has changed.": "완료했어요. 동의한 기간이 바뀌었어요.",
    "Done. Your story is no longer used for what you removed.": (
        "완료했어요. 빼신 용도로는 이제 이야기가 쓰이지 않아요."
    ),
    "Enter the code and the secret from the card you were given. You can then read your story as teachers "
    "see it, change what it may be used for, or take it back.": (
        "받으신 카드에 적힌 코드와 비밀번호를 입력하세요. 그러면 교육자들이 보는 그대로 이야기를 읽고, "
        "어디에 쓰일 수 있는지 바꾸거나, 이야기를 철회할 수 있어요."
    ),
    "Error": "오류",
    "From %(start)s until %(end)s.": "%(start)s부터 %(end)s까지.",
    "From %(start)s, with no end date.": "%(start)s부터, 종료일 없음.",
    "Go to this address and enter the code and the secret:": "이 주소로 가서 코드와 비밀번호를 입력하세요:",
    "How long": "기간",
    "How your story was used": "이야기가 쓰인 방법",
    "How:": "방법:",
    "If you choose today or an earlier day, your consent ends now and teachers can no longer see your "
    "story.": (
        "오늘이나 그 전 날짜를 고르시면 동의가 지금 끝나고, 교육자들은 더 이상 이야기를 볼 수 없어요."
    ),
    "If you do, your story is removed from the library straight away and its words are deleted. Teachers "
    "will no longer see or hear it. This cannot be undone.": (
        "철회하시면 이야기가 자료실에서 바로 빠지고 내용이 삭제돼요. 교육자들은 더 이상 이야기를 보거나 들을 "
        "수 없어요. 되돌릴 수 없어요."
    ),
    "If you lose this card, ask the health worker who recorded the story for a new secret.": (
        "이 카드를 잃어버리시면, 이야기를 녹음한 보건 요원에게 새 비밀번호를 요청하세요."
    ),
    "If you want something changed first, do not say yes: ask the health worker who recorded your story.": (
        "먼저 바꾸고 싶은 것이 있으면 동의하지 마시고, 이야기를 녹음한 보건 요원에게 말씀하세요."
    ),
    "It is not shown to teachers, because the time you agreed to ended on %(date)s.": (
        "동의하신 기간이 %(date)s에 끝나서 교육자들에게 보이지 않아요."
    ),
    "It is not shown to teachers, because you did not agree to its use for teaching.": (
        "교육에 쓰는 것에 동의하지 않으셔서 교육자들에게 보이지 않아요."
    ),
    "It is not shown to teachers, because you did not agree to the use of the written story.": (
        "글로 된 이야기를 쓰는 것에 동의하지 않으셔서 교육자들에게 보이지 않아요."
    ),
    "It is not shown to teachers.": "교육자들에게 보이지 않아요.",
    "Keep at least one use. If you do not want your story used at all, take it back instead.": (
        "적어도 한 가지 용도는 남겨 두세요. 이야기가 전혀 쓰이지 않기를 원하시면, 대신 이야기를 철회하세요."
    ),
    "Keep the secret private. Anyone with the code and the secret can change or take back the story.": (
        "비밀번호는 다른 사람에게 보여 주지 마세요. 코드와 비밀번호를 가진 사람은 누구나 이야기를 바꾸거나 "
        "철회할 수 있어요."
    ),
    "Keep the text or the recording. If you want neither used, take your story back instead.": (
        "글이나 녹음 중 하나는 남겨 두세요. 둘 다 쓰이지 않기를 원하시면, 대신 이야기를 철회하세요."
    ),
    "Last day": "마지막 날",
    "Library": "자료실",
    "Listen to the recording of your consent": "동의 녹음 듣기",
    "Listen to your recording": "내 녹음 듣기",
    "Lost your card? Ask the health worker who recorded your story: they can give you a new secret after "
    "checking it is you.": (
        "카드를 잃어버리셨나요? 이야기를 녹음한 보건 요원에게 물어보세요. 본인인지 확인한 뒤 새 비밀번호를 "
        "드릴 수 있어요."
    ),
    "My stories": "내 이야기",
    "Names and places are replaced by labels such as [NAME].": (
        "이름과 장소는 [NAME] 같은 표시로 바뀌어 있어요."
    ),
    "New story": "새 이야기",
    "No end date": "종료일 없음",
    "No teacher has put your story in a teaching set.": (
        "아직 어떤 교육자도 이야기를 교육 자료 묶음에 넣지 않았어요."
    ),
    "No, keep it": "아니요, 그대로 둘게요",
    "Not a valid date value.": "올바른 날짜가 아니에요.",
    "Not allowed": "허용되지 않아요",
    "Not allowed here": "여기서는 허용되지 않아요",
    "Not found": "찾을 수 없어요",
    "Nothing was changed.": "바뀐 것이 없어요.",
    "Now: no end date.": "현재: 종료일 없음.",
    "Now: until %(end)s.": "현재: %(end)s까지.",
    "On %(date)s you agreed that your story “%(title)s” may be used as written below.": (
        "%(date)s에 이야기 “%(title)s”를 아래에 적힌 대로 써도 된다고 동의하셨어요."
    ),
    "On %(date)s you agreed, for the person in your care, that their story “%(title)s” may be used as "
    "written below.": (
        "%(date)s에 돌보시는 분을 대신하여, 그분의 이야기 “%(title)s”를 아래에 적힌 대로 써도 된다고 "
        "동의하셨어요."
    ),
    "On %(date)s your story was removed from the library and its words were deleted. Nobody can read it "
    "here any more.": (
        "%(date)s에 이야기가 자료실에서 빠지고 내용이 삭제되었어요. 이제 이곳에서 아무도 읽을 수 없어요."
    ),
    "Open my story": "내 이야기 열기",
    "Please sign in": "로그인해 주세요",
    "Please sign in to see this page.": "이 페이지를 보려면 로그인해 주세요.",
    "Read it below, as teachers would read it, and listen to your recording.": (
        "교육자들이 읽게 될 모습 그대로 아래에서 읽어 보시고, 녹음도 들어 보세요."
    ),
    "Read it below, as teachers would read it.": "교육자들이 읽게 될 모습 그대로 아래에서 읽어 보세요.",
    "Read the consent form": "동의서 읽기",
    "Review": "검토",
    "Save the time": "기간 저장",
    "Save these uses": "이 용도 저장",
    "Secret": "비밀번호",
    "Secret on your card": "카드에 적힌 비밀번호",
    "Sign out": "로그아웃",
    "Something went wrong": "문제가 생겼어요",
    "Staff sign-in": "직원 로그인",
    "Story taken back": "철회된 이야기",
    "Students were given links to read these sets:": "학생들이 이 묶음을 읽을 수 있도록 링크를 받았어요:",
    "Take my story back": "내 이야기 철회하기",
    "Take your story back": "이야기 철회하기",
    "Take your story back?": "이야기를 철회할까요?",
    "Teachers can read it. Names and places are replaced by labels such as [NAME].": (
        "교육자들이 읽을 수 있어요. 이름과 장소는 [NAME] 같은 표시로 바뀌어 있어요."
    ),
    (
        "Teachers opened your story %(num)d time (each teacher counts once a day).",
        "Teachers opened your story %(num)d times (each teacher counts once a day).",
    ): ("교육자들이 이야기를 %(num)d번 열어 봤어요 (교육자 한 명은 하루에 한 번만 셉니다).",),
    "Teachers put your story in these teaching sets:": "교육자들이 이야기를 다음 교육 자료 묶음에 넣었어요:",
    "Teaching sets": "교육 자료 묶음",
    "Thank you. Your story will now be published as you read it.": (
        "감사합니다. 읽어 보신 그대로 이제 이야기가 공개돼요."
    ),
    "That code and secret do not match. Check the card and try again.": (
        "코드와 비밀번호가 맞지 않아요. 카드를 확인하고 다시 해 보세요."
    ),
    "That request could not be used": "요청을 처리할 수 없었어요",
    "The archive changed your consent, as its rules say": "아카이브가 규칙에 따라 동의 내용을 바꿨어요",
    "The archive hit an unexpected problem. Nothing was changed.": (
        "아카이브에 예상하지 못한 문제가 생겼어요. 바뀐 것은 없어요."
    ),
    "The form had expired or was sent from elsewhere. Please reload the page and try again.": (
        "양식의 유효 시간이 지났거나 다른 곳에서 보내졌어요. 페이지를 새로 고친 뒤 다시 해 보세요."
    ),
    "The recording is heard only with the voice disguised.": "녹음은 목소리를 바꾼 상태로만 들려요.",
    "The request was incomplete or malformed. Please go back and try again.": (
        "요청이 불완전하거나 잘못되었어요. 뒤로 가서 다시 해 보세요."
    ),
    "The story is published only after you have read or heard it and said yes, on the website below.": (
        "아래 웹사이트에서 이야기를 읽거나 듣고 동의하신 뒤에만 이야기가 공개돼요."
    ),
    "The story of the person in your care, and your consent": "돌보시는 분의 이야기와 보호자의 동의",
    "The time you agreed to ended": "동의하신 기간이 끝났어요",
    "There is nothing at this address.": "이 주소에는 아무것도 없어요.",
    "This address does not accept that kind of request.": "이 주소는 그런 요청을 받지 않아요.",
    "This is longer than anything printed on the card. Check it and try again.": (
        "카드에 적힌 어떤 것보다도 길어요. 확인하고 다시 해 보세요."
    ),
    "This is your recording as it was recorded. Teachers hear it only with names and places covered by a "
    "sound.": ("녹음된 그대로의 녹음이에요. 교육자들은 이름과 장소가 소리로 가려진 상태로만 들어요."),
    "This is your recording as teachers hear it, with names and places covered.": (
        "교육자들이 듣는 그대로의 녹음이에요. 이름과 장소는 가려져 있어요."
    ),
    "This page can only remove uses. To add one, ask the health worker who recorded your story.": (
        "이 페이지에서는 용도를 빼는 것만 할 수 있어요. 용도를 더하려면 이야기를 녹음한 보건 요원에게 "
        "물어보세요."
    ),
    "To reach the archive: %(contact)s": "아카이브 연락처: %(contact)s",
    "Too large": "너무 커요",
    "Too many attempts": "시도 횟수가 너무 많아요",
    "Too many attempts. For your safety this is locked for a while. Please try again in %(wait)s, or ask "
    "the health worker who recorded your story.": (
        "시도 횟수가 너무 많아요. 안전을 위해 잠시 잠겨 있어요. %(wait)s 뒤에 다시 해 보시거나, 이야기를 "
        "녹음한 보건 요원에게 물어보세요."
    ),
    "Too many attempts. Please wait a while and try again.": (
        "시도 횟수가 너무 많아요. 잠시 기다렸다가 다시 해 보세요."
    ),
    "Type the code from your card.": "카드에 적힌 코드를 입력하세요.",
    "Type the secret from your card.": "카드에 적힌 비밀번호를 입력하세요.",
    "Unless you choose a later last day before %(date)s, your story will then be taken back and its words "
    "deleted.": (
        "%(date)s 전에 더 늦은 마지막 날을 고르지 않으시면, 그날 이야기가 철회되고 내용이 삭제돼요."
    ),
    "Untick what you no longer want. Keep at least one use and one kind of material.": (
        "더 이상 원하지 않는 것의 표시를 지우세요. 적어도 한 가지 용도와 한 가지 자료는 남겨 두세요."
    ),
    "Used for:": "용도:",
    "Uses": "용도",
    "What happened": "지금까지 있었던 일",
    "What may be used": "쓸 수 있는 것",
    "What may be used:": "쓸 수 있는 것:",
    "What was agreed": "동의한 내용",
    "What you agreed to": "동의하신 내용",
    "What you sent is larger than this site accepts.": "보내신 것이 이 사이트가 받을 수 있는 크기보다 커요.",
    "What your story may be used for": "이야기를 쓸 수 있는 용도",
    "With this card you can read the story as teachers will see it, change what it may be used for, or "
    "take it back at any time.": (
        "이 카드로 교육자들이 보게 될 모습 그대로 이야기를 읽고, 어디에 쓰일 수 있는지 바꾸거나, 언제든지 "
        "철회할 수 있어요."
    ),
    "With this card you can read your story as teachers will see it, change what it may be used for, or "
    "take it back at any time.": (
        "이 카드로 교육자들이 보게 될 모습 그대로 내 이야기를 읽고, 어디에 쓰일 수 있는지 바꾸거나, 언제든지 "
        "철회할 수 있어요."
    ),
    "Yes, my story may be published": "네, 제 이야기를 공개해도 돼요",
    "Yes, take my story back": "네, 제 이야기를 철회할게요",
    "You agreed as the guardian of a child, with a witness.": (
        "증인이 있는 자리에서 아이의 보호자로서 동의하셨어요."
    ),
    "You agreed as the guardian of an adult who cannot agree themself, with a witness.": (
        "증인이 있는 자리에서, 스스로 동의할 수 없는 성인의 보호자로서 동의하셨어요."
    ),
    "You changed your consent on this website": "이 웹사이트에서 동의 내용을 바꾸셨어요",
    "You gave your consent": "동의하셨어요",
    "You gave your consent again, to a health worker": "보건 요원에게 다시 동의하셨어요",
    "You gave your consent again, to an administrator": "관리자에게 다시 동의하셨어요",
    "You gave your consent to a health worker": "보건 요원에게 동의하셨어요",
    "You gave your consent to an administrator": "관리자에게 동의하셨어요",
    "You gave your thumbprint on the consent form, with a witness.": (
        "증인이 있는 자리에서 동의서에 지장을 찍으셨어요."
    ),
    "You opened your story's page on this website": "이 웹사이트에서 이야기 페이지를 여셨어요",
    "You said on this website that your story may be published": (
        "이 웹사이트에서 이야기를 공개해도 된다고 하셨어요"
    ),
    "You said yes aloud, and it was recorded.": "소리 내어 동의하셨고, 그 말이 녹음되었어요.",
    "You said yes aloud, and it was recorded. Only you and the archive's administrators can listen to it; "
    "it is never written down or shown to teachers. If you take your story back, this recording is "
    "deleted too.": (
        "소리 내어 동의하셨고, 그 말이 녹음되었어요. 이 녹음은 본인과 아카이브 관리자만 들을 수 있어요. 글로 "
        "옮겨지거나 교육자들에게 보여지는 일은 없어요. 이야기를 철회하시면 이 녹음도 함께 삭제돼요."
    ),
    "You signed the consent form.": "동의서에 서명하셨어요.",
    "You took your story back on this website": "이 웹사이트에서 이야기를 철회하셨어요",
    "You were asked to give your consent again": "다시 동의해 달라는 요청을 받으셨어요",
    "You were given a new secret": "새 비밀번호를 받으셨어요",
    "Your account is not allowed to see this page.": "이 계정으로는 이 페이지를 볼 수 없어요.",
    "Your choices": "선택할 수 있는 것",
    "Your consent ends now: teachers can no longer see or hear your story. If you want it used again, "
    "choose a later day soon, or ask the health worker who recorded it.": (
        "동의가 지금 끝나요. 교육자들은 더 이상 이야기를 보거나 들을 수 없어요. 다시 쓰이기를 원하시면 곧 더 "
        "늦은 날짜를 고르시거나, 이야기를 녹음한 보건 요원에게 물어보세요."
    ),
    "Your recording is heard only with your voice disguised.": "녹음은 목소리를 바꾼 상태로만 들려요.",
    "Your story": "내 이야기",
    "Your story and your consent": "이야기와 동의",
    "Your story as it would be published": "공개될 모습 그대로의 이야기",
    "Your story as teachers see it": "교육자들이 보는 모습 그대로의 이야기",
    "Your story has been taken back": "이야기가 철회되었어요",
    "Your story is not in the library yet: a reviewer is checking it and removing names and places first.": (
        "이야기가 아직 자료실에 없어요. 먼저 검토자가 확인하면서 이름과 장소를 지우고 있어요."
    ),
    "Your story is published only after you have read it and said yes.": (
        "이야기는 직접 읽고 동의하신 뒤에만 공개돼요."
    ),
    "Your story is ready, and it waits for you: it is published only when you say yes.": (
        "이야기가 준비되어 기다리고 있어요. 동의하셔야만 공개돼요."
    ),
    "Your story was sent to you to read before it is published": (
        "공개되기 전에 읽어 보시도록 이야기를 보내 드렸어요"
    ),
    "Your story was taken back, because the time you agreed to had ended": (
        "동의하신 기간이 끝나서 이야기가 철회되었어요"
    ),
    "Your story was taken back, so there is nothing left to change.": (
        "이야기가 철회되어서 더 바꿀 것이 없어요."
    ),
    "Your voice is disguised.": "목소리가 바뀌어 있어요.",
    "a guardian agreed for you, because you could not agree yourself, with a witness": (
        "직접 동의하실 수 없어서, 증인이 있는 자리에서 보호자가 대신 동의했어요"
    ),
    "a library open to the public": "누구나 볼 수 있는 공개 자료실",
    "consent form version %(version)s": "동의서 버전 %(version)s",
    "ended now": "지금 종료됨",
    "ended on %(date)s": "%(date)s에 끝났어요",
    "given by you, now that you have come of age": "성인이 되셔서 직접 하신 동의",
    "last day: %(date)s": "마지막 날: %(date)s",
    "no end date": "종료일 없음",
    "removed: %(what)s": "뺀 것: %(what)s",
    "research": "연구",
    "teaching health workers in a closed course": "비공개 과정의 보건 의료인 교육",
    "the recording of your voice": "목소리 녹음",
    "the written story": "글로 된 이야기",
    "you came of age on %(date)s": "%(date)s에 성인이 되셨어요",
    "you gave your thumbprint": "지장을 찍으셨어요",
    "you said yes aloud and it was recorded": "소리 내어 동의하셨고 그 말이 녹음되었어요",
    "you signed a form": "동의서에 서명하셨어요",
    "your guardian agreed for you, with a witness": "증인이 있는 자리에서 보호자가 대신 동의했어요",
    "“%(label)s” (set “%(title)s”): open from %(start)s until %(end)s": (
        "“%(label)s” (묶음 “%(title)s”): %(start)s부터 %(end)s까지 열림"
    ),
    "“%(label)s” (set “%(title)s”): was open from %(start)s until %(end)s": (
        "“%(label)s” (묶음 “%(title)s”): %(start)s부터 %(end)s까지 열려 있었음"
    ),
    "“%(title)s”, since %(date)s": "“%(title)s”, %(date)s부터",
}
