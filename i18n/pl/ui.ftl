# Teksty aplikacji webowej (etykiety, przyciski, stany). Właściciel: aplikacja webowa.

ui-page-title = Bounce Explainer — dlaczego mój e-mail wrócił?
ui-app-name = Bounce Explainer
ui-tagline = Wklej zwrotkę: zobaczysz, który serwer ją odrzucił, dlaczego i kto co musi naprawić.
ui-skip-to-results = Przejdź do wyjaśnienia
ui-footer-privacy = Wszystko działa w Twojej przeglądarce. Nic, co wkleisz, nie jest wysyłane ani zapisywane.

ui-language-label = Język
ui-language-name-en = English
ui-language-name-pl = Polski

ui-input-heading = Zwrotka
ui-input-help = Wklej całą zwrotkę (najlepiej z nagłówkami) albo tylko linię z błędem. Możesz też upuścić tu plik .eml, .msg (Outlook) lub .txt.
ui-input-label = Treść zwrotki
ui-input-placeholder = Wklej tu zwrotkę, np. „550 5.1.1 <jan@example.com>: User unknown”
ui-open-file = Otwórz plik…
ui-clear = Wyczyść
ui-examples-label = Wypróbuj przykład
ui-examples-choose = Wybierz przykład…
ui-example-user-unknown = Odbiorca nie istnieje (Postfix)
ui-example-blocklist = Nadawca na czarnej liście, dwóch odbiorców
ui-example-mailbox-full = Pełna skrzynka, doręczenie opóźnione
ui-example-reply-line = Tylko linia z błędem: odmowa przekazania

ui-status-loading-locale = Wczytuję wyjaśnienia…
ui-status-analysing = Analizuję…
ui-status-analysing-large = Analizuję dużą wiadomość ({ $size } { $unit })…
ui-status-done = Gotowe w { $ms } ms. Liczba odbiorców: { $count }.
ui-status-failed = Analiza się nie powiodła. Spróbuj ponownie albo wklej mniejszy fragment wiadomości.
ui-progress-label = Trwa analiza
ui-error-locale = Nie udało się wczytać tekstów wyjaśnień. Odśwież stronę, aby spróbować ponownie.

ui-results-heading = Wyjaśnienie
ui-empty-heading = Wklej zwrotkę, a zobaczysz, co poszło nie tak
ui-empty-intro = Wystarczy jedno z poniższych:
ui-empty-whole-message = cała otrzymana zwrotka razem z nagłówkami (najlepiej)
ui-empty-error-line = sama linia z błędem, np. „550 5.7.1 Message rejected”
ui-empty-file = zapisany plik .eml, .msg (Outlook) lub .txt: upuść go na pole tekstowe albo użyj „Otwórz plik…”
ui-empty-privacy = Tekst nie opuszcza Twojego komputera.

ui-who-must-act = Kto musi działać:
ui-permanence = Błąd trwały czy tymczasowy:
ui-warnings-label = Problemy z wklejonym tekstem

ui-hops-heading = Droga wiadomości
ui-hops-none = Z wiadomości nie wynika, jaką drogą szła.
ui-hop-unknown-host = nieznany serwer
ui-hop-role-sender = Nadawca
ui-hop-role-relay = Serwer pośredni
ui-hop-role-reporting = Wystawił zwrotkę
ui-hop-role-remote = Serwer odbiorcy
ui-hop-failing = Tu odrzucono
ui-hop-delay = { $delay } później
ui-delay-seconds = { $count ->
    [one] { $count } sekunda
    [few] { $count } sekundy
    [many] { $count } sekund
   *[other] { $count } sekundy
}
ui-delay-minutes = { $count ->
    [one] { $count } minuta
    [few] { $count } minuty
    [many] { $count } minut
   *[other] { $count } minuty
}
ui-delay-hours = { $count ->
    [one] { $count } godzina
    [few] { $count } godziny
    [many] { $count } godzin
   *[other] { $count } godziny
}
ui-delay-days = { $count ->
    [one] { $count } dzień
    [few] { $count } dni
    [many] { $count } dni
   *[other] { $count } dnia
}
ui-delay-clock-skew = rozjechane zegary o { $count } s

ui-source-heading = Wiadomość z zaznaczonymi ważnymi fragmentami
ui-source-label = Wklejona wiadomość z wyróżnieniami
ui-legend-label = Legenda wyróżnień
ui-source-gap = [… pominięto { $size } { $unit } …]
ui-mark-reply-code = Kod odpowiedzi
ui-mark-status = Kod statusu
ui-mark-remote-mta = Serwer, który odrzucił
ui-mark-recipient = Odbiorca
ui-mark-diagnostic = Odpowiedź serwera

ui-recipients-heading = { $count ->
    [one] Odbiorca
   *[other] Odbiorcy ({ $count })
}
ui-recipient-address = Adres:
ui-causes-heading = Prawdopodobne przyczyny, od najbardziej prawdopodobnej
ui-fixes-heading = Co zrobić
ui-codes-heading = Co znaczą kody

ui-copy-heading = Skopiuj wyjaśnienie
ui-copy-format = Format
ui-copy-plain = Zwykły tekst
ui-copy-markdown = Markdown (do zgłoszenia)
ui-copy-button = Kopiuj wyjaśnienie
ui-copy-done = Skopiowano do schowka.
ui-copy-failed = Przeglądarka nie pozwoliła skopiować. Zaznacz tekst i skopiuj go ręcznie.

ui-facts-heading = Surowe dane
ui-facts-report = Raport
ui-fact-kind = Rodzaj danych
ui-fact-format = Format
ui-fact-reporting-mta = Serwer, który wystawił zwrotkę
ui-fact-hops = Przeskoki
ui-fact-no-address = Odbiorca bez adresu
ui-fact-action = Akcja
ui-fact-status = Kod statusu
ui-fact-reply-code = Kod odpowiedzi
ui-fact-remote-mta = Serwer, który odrzucił
ui-fact-command = Polecenie SMTP
ui-fact-diagnostic = Odpowiedź serwera
ui-fact-reason = Przyczyna
ui-fact-hard = Trwały
ui-fact-final = Ostateczny (wróciła, bez ponawiania)
ui-fact-rules = Dopasowane reguły
ui-yes = tak
ui-no = nie

ui-kind-permanent = Wróciła: bez ponawiania
ui-kind-temporary = Serwer wciąż ponawia próby
ui-badge-permanent = { $count ->
    [one] zwrot ostateczny (bez ponawiania)
    [few] { $count } zwroty ostateczne (bez ponawiania)
    [many] { $count } zwrotów ostatecznych (bez ponawiania)
   *[other] { $count } zwrotu ostatecznego (bez ponawiania)
}
ui-badge-temporary = { $count ->
    [one] doręczenie wciąż ponawiane
    [few] { $count } doręczenia wciąż ponawiane
    [many] { $count } doręczeń wciąż ponawianych
   *[other] { $count } doręczenia wciąż ponawianego
}

ui-update-available = Jest nowa wersja Bounce Explainer.
ui-update-reload = Odśwież, aby zaktualizować
ui-input-large-hidden = Wczytano dużą wiadomość ({ $size } { $unit }). Nie wstawiam jej do pola tekstowego, żeby strona działała płynnie; ważne fragmenty są pokazane niżej. Wpisz lub wklej tekst, aby ją zastąpić.
ui-hop-from = od { $host }
ui-redact = Zamaskuj adresy e-mail, adresy IP i nazwy serwerów przed kopiowaniem lub udostępnieniem
ui-share-button = Kopiuj link do udostępnienia
ui-share-privacy = Link zawiera sam wklejony tekst, za znakiem „#”: przeglądarki nigdy nie wysyłają tej części do żadnego serwera, ale każdy, kto dostanie link, może go przeczytać. Włącz maskowanie, aby najpierw ukryć nazwy.
ui-share-too-long = Tekst jest za długi, by zmieścić go w linku. Udostępnij samo wyjaśnienie.
ui-error-file = Nie udało się odczytać pliku. Otwórz go w edytorze tekstu i wklej tu jego treść.
