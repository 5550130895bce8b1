# `bounce summary`: podsumowanie wielu zwrotek (src/batch.rs).

batch-messages = { $count ->
    [one] Przeczytano 1 wiadomość.
    [few] Przeczytano { $count } wiadomości.
   *[many] Przeczytano { $count } wiadomości.
}
batch-not-bounces = { $count ->
    [one] 1 z nich nie jest raportem o doręczeniu.
    [few] { $count } z nich nie są raportami o doręczeniu.
   *[many] { $count } z nich nie jest raportami o doręczeniu.
}
batch-unreadable = { $count ->
    [one] Nie udało się odczytać 1 pliku.
   *[other] Nie udało się odczytać { $count } plików.
}
batch-recipients = { $count ->
    [one] 1 odbiorca nie otrzymał wiadomości.
    [few] { $count } odbiorców nie otrzymało wiadomości.
   *[many] { $count } odbiorców nie otrzymało wiadomości.
}
batch-by-reason = Według przyczyny:
batch-by-permanence = Trwałe czy przejściowe:
batch-hard = trwały błąd (twarda zwrotka)
batch-soft = przejściowy błąd (miękka zwrotka)
batch-by-domain = Według domeny odbiorcy:
batch-by-host = Według serwera, który odmówił:
batch-hard-list = { $count ->
    [one] 1 adres do usunięcia z list (trwały błąd; --csv wypisze go jako CSV):
    [few] { $count } adresy do usunięcia z list (trwały błąd; --csv wypisze je jako CSV):
   *[many] { $count } adresów do usunięcia z list (trwały błąd; --csv wypisze je jako CSV):
}

## Widok wielu zwrotek w aplikacji (src/web/batch_run.rs): tłumaczy je silnik analizy, a strona
## je pokazuje.

batch-web-heading = Wiele zwrotek naraz
batch-web-progress = Analiza wiadomości
batch-web-progress-count = { $total ->
    [one] Przeanalizowano { $done } z 1 wiadomości
    [few] Przeanalizowano { $done } z { $total } wiadomości
   *[many] Przeanalizowano { $done } z { $total } wiadomości
}
batch-web-cancel = Anuluj
batch-web-cancelled = Przerwano: podsumowanie obejmuje tylko wiadomości przeanalizowane do tej chwili.
batch-web-by-reason = Według przyczyny
batch-web-by-permanence = Trwałe czy przejściowe
batch-web-by-domain = Według domeny odbiorcy
batch-web-by-host = Według serwera, który odmówił
batch-web-col-reason = Przyczyna
batch-web-col-permanence = Rodzaj błędu
batch-web-col-domain = Domena odbiorcy
batch-web-col-host = Serwer, który odmówił
batch-web-col-count = Odbiorcy
batch-web-col-bar = Udział
batch-web-col-message = Wiadomość
batch-web-col-recipient = Odbiorca
batch-web-list = Wiadomości
batch-web-open = Wybierz wiadomość, aby zobaczyć jej pełne wyjaśnienie.
batch-web-page = Wiersze { $from }–{ $to } z { $total }
batch-web-prev = Poprzednie wiersze
batch-web-next = Następne wiersze
batch-web-csv = Pobierz CSV
batch-web-json = Pobierz JSON
batch-web-back = Wróć do podsumowania wszystkich wiadomości
batch-web-not-report = to nie jest raport o doręczeniu
batch-web-no-recipient = brak odbiorcy w raporcie
batch-web-unreadable = nie udało się odczytać
batch-web-other = { $count ->
    [one] 1 pozostała pozycja
    [few] { $count } pozostałe pozycje
   *[many] { $count } pozostałych pozycji
}
