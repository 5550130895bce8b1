# Panel DNS na stronie: etykiety, gotowe serwery DNS i powody odrzucenia adresu serwera (własny pakiet strony; wyniki sprawdzeń są w dns-checks.ftl).

dns-resolver-unreachable = Nie udało się połączyć z resolwerem { $resolver } (brak sieci, blokada albo błędny adres), więc niczego w DNS nie sprawdzono. Reszta wyjaśnienia od tego nie zależy.
dns-resolver-cloudflare = Cloudflare
dns-resolver-google = Google
dns-resolver-quad9 = Quad9 (bez filtrowania)
dns-panel-heading = Kontrole DNS
dns-panel-intro = Sprawdź w DNS, co stoi za odrzuceniem — odwrotny DNS, czarne listy, SPF, DMARC i MX — przez resolwer DNS-over-HTTPS. Nic nie zostanie wysłane, dopóki nie uruchomisz sprawdzania.
dns-panel-names = Resolwer zostanie zapytany o te nazwy (SPF i DMARC mogą wymagać jeszcze kilku zapytań o nazwy w nich wskazane):
dns-panel-nothing = Ta zwrotka nie podaje adresu IP, domeny nadawcy ani serwera, które dałoby się sprawdzić.
dns-panel-resolver = Resolwer
dns-panel-custom = Własny adres…
dns-panel-custom-url = Adres resolwera (DNS-over-HTTPS, RFC 8484)
dns-panel-bad-url = Tego adresu nie można użyć: { $why }
dns-panel-remember = Następnym razem sprawdzaj DNS automatycznie
dns-panel-run = Sprawdź DNS
dns-panel-progress = Sprawdzam DNS… wysłane zapytania: { $asked }, odpowiedzi: { $answered }.
dns-panel-cancel = Zatrzymaj
dns-panel-cancelled = Kontrole DNS zatrzymano; nie wyciągnięto z nich żadnych wniosków.
dns-panel-results = Co mówi DNS
dns-panel-endpoint = Zapytania trafią do { $url }
dns-panel-custom-csp = Polityka bezpieczeństwa treści tej strony musi dopuszczać ten adres; jeśli go nie dopuszcza, przeglądarka zablokuje zapytania, a kontrole zgłoszą, że resolwer jest nieosiągalny. Administrator strony może go dopisać.
dns-url-refused = Nie można użyć --doh { $url }: { $why }
dns-url-unparsable = to nie jest poprawny adres URL.
dns-url-scheme = adres musi zaczynać się od https:// (zwykłe http:// tylko dla tego komputera: 127.0.0.1, [::1] lub localhost).
dns-url-userinfo = adres zawiera nazwę użytkownika lub hasło (część przed „@”); takiego adresu nigdy nie używamy.
dns-url-fragment = adres zawiera część po „#”, która odcięłaby zapytanie DNS.
dns-url-not-loopback = zwykłe http:// jest dozwolone tylko dla tego komputera (127.0.0.1, [::1] lub localhost); do każdego innego resolwera użyj https://.
