# Nagłówki, podsumowania, strony, etapy SMTP, fakty i ostrzeżenia wyjaśnienia (src/explain).

label-recipient = Odbiorca
label-no-address = (brak adresu w danych wejściowych)
label-who-must-act = Kto powinien zareagować
label-causes = Prawdopodobne przyczyny
label-fixes = Co zrobić
label-codes = Co znaczą kody
label-rules = Dopasowane reguły
label-warnings = Ostrzeżenia

headline-not-a-bounce = To nie wygląda na zwrotkę (powiadomienie o niedoręczeniu wiadomości).
headline-feedback = To informacja zwrotna od strony odbiorcy, a nie zwrotka o niedoręczeniu.
headline-auto-reply = To automatyczna odpowiedź (np. o nieobecności), a nie zwrotka o niedoręczeniu.
headline-no-recipients = To wygląda na zwrotkę, ale nie ma w niej ani odbiorcy, ani odpowiedzi serwera.
headline-failed = { $count ->
    [one] Jeden odbiorca nie otrzymał wiadomości — doręczenie się nie powiodło.
    [few] { $count } odbiorcy nie otrzymali wiadomości — doręczenie się nie powiodło.
    [many] { $count } odbiorców nie otrzymało wiadomości — doręczenie się nie powiodło.
   *[other] { $count } odbiorcy nie otrzymało wiadomości — doręczenie się nie powiodło.
}
headline-delayed = { $count ->
    [one] Jeden odbiorca jeszcze nie otrzymał wiadomości; serwer nadawcy wciąż ponawia próby.
    [few] { $count } odbiorcy jeszcze nie otrzymali wiadomości; serwer nadawcy wciąż ponawia próby.
    [many] { $count } odbiorców jeszcze nie otrzymało wiadomości; serwer nadawcy wciąż ponawia próby.
   *[other] { $count } odbiorcy jeszcze nie otrzymało wiadomości; serwer nadawcy wciąż ponawia próby.
}
headline-delivered = { $count ->
    [one] Jeden odbiorca otrzymał wiadomość.
    [few] { $count } odbiorcy otrzymali wiadomość.
    [many] { $count } odbiorców otrzymało wiadomość.
   *[other] { $count } odbiorcy otrzymało wiadomość.
}

summary-kind-dsn = Standardowe powiadomienie o stanie doręczenia (DSN).
summary-kind-ndr-text = Zwrotka w postaci zwykłego tekstu, bez części do odczytu maszynowego (DSN).
summary-kind-reply-line = Pojedyncza odpowiedź serwera lub wiersz logu.
summary-kind-feedback = Zgłoszenie spamu (raport zwrotny) lub prośba o wypisanie z listy.
summary-kind-auto-reply = Automatyczna odpowiedź.
summary-kind-not-a-bounce = W tekście nie znaleziono informacji o nieudanym doręczeniu.
summary-reporting-mta = Raport wystawił serwer { $host }.
summary-recipients = { $count ->
    [one] W raporcie jest jeden odbiorca.
    [few] W raporcie są { $count } odbiorcy.
    [many] W raporcie jest { $count } odbiorców.
   *[other] W raporcie jest { $count } odbiorcy.
}

party-sender = Nadawca
party-sender-admin = Administrator poczty nadawcy
party-recipient = Odbiorca
party-recipient-admin = Administrator serwera odbiorcy
party-nobody = Nikt — wystarczy poczekać

permanence-hard = Błąd ostateczny i trwały: wiadomość wróciła i nie będzie ponawiana; ponowne wysłanie nic nie da, dopóki przyczyna nie zostanie usunięta.
permanence-final-soft = Błąd ostateczny: wiadomość wróciła i nie będzie ponawiana. Przyczyna może być przejściowa: gdy zostanie usunięta, wyślij wiadomość jeszcze raz.
permanence-soft = Serwer wciąż ponawia próby: sam próbuje doręczyć wiadomość. Nie wysyłaj jej ponownie; kolejny raport przyjdzie tylko wtedy, gdy doręczenie ostatecznie się nie uda.
permanence-greylisted = Błąd tymczasowy (szara lista): serwer nadawcy sam ponowi próbę i wiadomość dotrze; wystarczy poczekać.
permanence-delivered = Doręczono: nic nie zawiodło.
permanence-not-a-failure = To nie jest błąd doręczenia: nie trzeba niczego wysyłać ponownie.

stage-conn = powitaniu po nawiązaniu połączenia
stage-helo = poleceniu HELO
stage-ehlo = poleceniu EHLO
stage-mail = poleceniu MAIL FROM (adres nadawcy)
stage-rcpt = poleceniu RCPT TO (adres odbiorcy)
stage-data = poleceniu DATA (treść wiadomości)
stage-bdat = poleceniu BDAT (treść wiadomości)
stage-starttls = poleceniu STARTTLS (szyfrowanie)
stage-auth = poleceniu AUTH (logowanie)

fact-remote-stage = Serwer { $host } odmówił przy { $stage }.
fact-remote = Odmowa przyszła z serwera { $host }.
fact-stage = Odmowa padła przy { $stage }.
fact-reply = Odpowiedź serwera: „{ $text }”.
fact-ip = W odpowiedzi podano adres IP { $ip }.
fact-list = W odpowiedzi wskazano czarną listę { $list }.
fact-hop-ip = Adres IP serwera, który odmówił: { $ip }.
fact-sender-ip-path = Twoja strona wysłała ją z adresu IP { $ip } (ostatni publiczny adres na jej drodze).

decision-retrying-unreachable-title = Doręczenie opóźnione: serwer nadawcy wciąż próbuje
decision-retrying-unreachable-what = Wiadomość nie została jeszcze doręczona; serwer nadawcy sam ponawia próby.
rule-none-title = Brak wyjaśnienia
rule-none-what = Żadna reguła bazy wiedzy nie pasuje do tego wyniku.

warn-input-truncated = Dane wejściowe obcięto do { $limit } bajtów ({ $size ->
    [one] miały { $size } bajt
    [few] miały { $size } bajty
    [many] miały { $size } bajtów
   *[other] miały { $size } bajta
}); przeanalizowano tylko początek.
warn-input-nul-bytes = Dane wejściowe zawierają bajty NUL; to może być plik binarny, a nie wiadomość.
warn-input-binary = Dane wejściowe wyglądają na plik binarny (obraz, archiwum albo program), a nie na tekst wiadomości, więc nie da się w nich znaleźć informacji o nieudanym doręczeniu.
warn-msg-unreadable = To wygląda na plik .msg programu Outlook, ale nie udało się odczytać jego struktury ({ $detail }); przeanalizowano tekst, który w nim znaleziono.
warn-msg-part-unreadable = Części tego pliku .msg programu Outlook nie udało się odczytać ({ $part }: { $detail }); przeanalizowano resztę.

