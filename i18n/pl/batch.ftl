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
