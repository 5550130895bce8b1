# Wyniki sprawdzeń DNS, werdykty i sekcja DNS w wierszu poleceń: tekst składa silnik analizy
# (oraz wiersz poleceń), więc należą do pakietu silnika, nie strony.

dns-cli-heading = Kontrole DNS (resolwer { $resolver }):
dns-no-sending-ip = Zwrotka nie podaje adresu IP serwera nadawcy, więc nie sprawdzono odwrotnego DNS, czarnych list ani SPF.
dns-ip-from-path = Adres IP nadawcy { $ip } to ostatni publiczny adres na drodze wiadomości; serwer odbiorcy mógł widzieć inny adres.
dns-ptr-confirmed = Odwrotny DNS jest w porządku: { $ip } ma rekord PTR { $name }, a ta nazwa wskazuje z powrotem na { $ip }.
dns-ptr-generic = Rekord PTR adresu { $ip } to { $name }, co wygląda na ogólną nazwę łącza domowego lub dynamicznego. Wiele serwerów odrzuca pocztę z takich nazw: poproś tego, kto zarządza adresem, o rekord PTR z nazwą Twojego serwera pocztowego.
dns-ptr-missing = Brak odwrotnego DNS: adres IP Twojego serwera { $ip } nie ma rekordu PTR. Wiele serwerów odbiorców odrzuca pocztę z takich adresów. Poproś tego, kto zarządza adresem (hosting lub dostawcę internetu), o ustawienie rekordu PTR z nazwą Twojego serwera pocztowego i zadbaj, by ta nazwa wskazywała z powrotem na { $ip }.
dns-ptr-name-nonexistent = Odwrotny DNS jest zepsuty: rekord PTR adresu { $ip } wskazuje { $names }, ale { $count ->
    [one] ta nazwa nie istnieje
   *[other] żadna z tych nazw nie istnieje
} w DNS, więc nie może prowadzić z powrotem do { $ip }. Utwórz tę nazwę z rekordem A/AAAA wskazującym { $ip } albo zmień rekord PTR na nazwę, która taki rekord ma.
dns-ptr-name-no-address = Odwrotny DNS jest zepsuty: rekord PTR adresu { $ip } wskazuje { $names }, ale { $count ->
    [one] ta nazwa nie ma
   *[other] te nazwy nie mają
} adresu (rekordu A lub AAAA, zależnie od rodzaju adresu IP), więc nie może prowadzić z powrotem do { $ip }. Dodaj taki rekord wskazujący { $ip } albo zmień rekord PTR na nazwę, która go ma.
dns-ptr-mismatch = Odwrotny DNS się nie zgadza: rekord PTR adresu { $ip } wskazuje { $names }, ale ta nazwa prowadzi do { $addrs }, a nie z powrotem do { $ip }. Ustaw rekord A/AAAA tej nazwy na { $ip } albo zmień rekord PTR na nazwę, która na niego wskazuje.
dns-ptr-unknown = Nie udało się sprawdzić odwrotnego DNS adresu { $ip }: { $why }
dns-dnsbl-listed = Potwierdzone: adres IP Twojego serwera { $ip } jest na czarnej liście { $list } (kod { $codes }). Wniosek o usunięcie z listy: { $url }
dns-dnsbl-reason = Lista { $list } podaje powód: { $reason }
dns-dnsbl-clean = Adresu { $ip } nie ma na { $count ->
    [one] sprawdzonej czarnej liście
   *[other] żadnej z { $count } sprawdzonych czarnych list
} ({ $lists }).
dns-dnsbl-public-resolver = Listy { $list } nie da się sprawdzić przez publiczny resolwer: odrzuca takie zapytania (kod 127.255.255.254), co nic nie mówi o Twoim adresie. Sprawdź adres na jej stronie: { $url }
dns-dnsbl-rate-limited = Lista { $list } odrzuciła zapytanie, bo ten resolwer wysyła ich za dużo; sprawdź adres na jej stronie: { $url }
dns-dnsbl-list-error = Lista { $list } odpowiedziała kodem błędu { $code }, a nie wpisem; odpowiedź pominięto.
dns-dnsbl-lists-everything = Lista { $list } zgłasza nawet swój adres testowy 127.0.0.1, czyli zgłasza wszystko; odpowiedź pominięto.
dns-dnsbl-unverified = Lista { $list } odpowiedziała, że { $ip } jest na liście (kod { $codes }), ale nie zgłasza swojego adresu testowego 127.0.0.2, więc jej odpowiedziom nie można ufać i ten wpis nie jest potwierdzony. Sprawdź adres na jej stronie: { $url }
dns-dnsbl-not-answering = { $count ->
    [one] Lista { $lists } nie zgłasza swojego adresu testowego 127.0.0.2, więc nie działa poprawnie (jest zamknięta albo niedostępna przez ten resolwer); jej milczenia nie uznano za brak wpisu.
    [few] { $count } czarne listy ({ $lists }) nie zgłaszają swojego adresu testowego 127.0.0.2, więc nie działają poprawnie (są zamknięte albo niedostępne przez ten resolwer); ich milczenia nie uznano za brak wpisu.
    [many] { $count } czarnych list ({ $lists }) nie zgłasza swojego adresu testowego 127.0.0.2 — są zamknięte albo niedostępne przez ten resolwer; ich milczenia nie uznano za brak wpisu.
   *[other] { $count } czarnej listy ({ $lists }) nie zgłasza swojego adresu testowego 127.0.0.2 — są zamknięte albo niedostępne przez ten resolwer; ich milczenia nie uznano za brak wpisu.
}
dns-dnsbl-bad-answer = Lista { $list } odpowiedziała adresem { $addr }, który nie jest kodem czarnej listy; lista jest uszkodzona, odpowiedź pominięto.
dns-dnsbl-dead = Lista { $list } została zamknięta; nie wysłano do niej zapytania.
dns-dnsbl-unknown = Nie udało się sprawdzić listy { $list }: { $why }
dns-spf-pass = SPF domeny { $domain } dopuszcza { $ip } (mechanizm „{ $term }” w rekordzie { $at }).
dns-spf-fail = SPF domeny { $domain } nie przepuszcza { $ip }: nic w rekordzie „{ $record }” nie dopuszcza tego adresu, a „{ $term }” (w rekordzie { $at }) go odrzuca. Dodaj { $fix } (albo mechanizm include swojego dostawcy poczty) do rekordu SPF domeny { $domain } lub wysyłaj przez serwer, który już jest w nim dopuszczony.
dns-spf-softfail = SPF domeny { $domain } daje dla { $ip } wynik softfail: nic w rekordzie „{ $record }” nie dopuszcza tego adresu, a „{ $term }” (w rekordzie { $at }) oznacza go jako podejrzany. Dodaj { $fix } (albo mechanizm include swojego dostawcy poczty) do rekordu SPF domeny { $domain }.
dns-spf-neutral = SPF domeny { $domain } jest neutralny dla { $ip }: „{ $term }” (w rekordzie { $at }) niczego nie przesądza. Odbiorcy traktują taką pocztę jak nieuwierzytelnioną; dodaj { $fix } do rekordu „{ $record }”.
dns-spf-neutral-default = SPF domeny { $domain } jest neutralny dla { $ip }: żaden mechanizm rekordu „{ $record }” nie pasuje do tego adresu. Dodaj { $fix } do rekordu.
dns-spf-no-domain = Domena nadawcy { $domain } nie istnieje w DNS, więc nie ma rekordu SPF, a odbiorcy odrzucają jej pocztę albo jej nie ufają. Dodanie rekordu SPF nic nie da: sprawdź pisownię adresu nadawcy albo zarejestruj domenę i skonfiguruj jej DNS.
dns-spf-none = Domena { $domain } nie ma rekordu SPF, więc odbiorcy nie mogą ocenić, czy jej poczta jest prawdziwa. Opublikuj go, np. „v=spf1 { $fix } -all” ze wszystkimi serwerami, które wysyłają jej pocztę.
dns-spf-permerror = Rekord SPF domeny { $domain } jest błędny (permerror): { $problem } Problem w „{ $term }” w rekordzie { $at }. Odbiorcy mogą to traktować jak wynik fail; popraw rekord „{ $record }”.
dns-spf-temperror = Nie udało się ocenić SPF domeny { $domain } (temperror): { $why }
dns-spf-problem-no-record = domena docelowa nie ma rekordu SPF.
dns-spf-problem-multiple = domena publikuje więcej niż jeden rekord SPF (musi być dokładnie jeden).
dns-spf-problem-syntax = nie da się odczytać fragmentu „{ $term }”.
dns-spf-problem-lookups = ocena wymaga ponad 10 zapytań DNS (include, a, mx, ptr, exists, redirect); spłaszcz rekord albo usuń część mechanizmów include.
dns-spf-problem-void = ponad 2 zapytania nic nie znajdują; usuń mechanizmy wskazujące nieistniejące nazwy.
dns-spf-problem-mx = mechanizm „mx” wskazuje domenę z ponad 10 rekordami MX.
dns-spf-problem-no-domain = domena nie istnieje.
dns-spf-problem-loop = include lub redirect prowadzi z powrotem do { $target }, które jest już oceniane (pętla), więc ocena nigdy by się nie skończyła; usuń include lub redirect, który tam prowadzi.
dns-spf-problem-target = { $target } nie ma rekordu SPF, a rekord go dołącza (include) lub do niego przekierowuje (redirect).
dns-spf-problem-time-limit = ocena trwała dłużej niż { $seconds } s (odpowiedzi DNS przychodziły zbyt wolno), więc ją przerwano.
dns-dmarc-policy = DMARC domeny { $domain } (rekord { $at }, { $tag ->
    [sp] którego znacznik sp= dotyczy domen podrzędnych
    [np] którego znacznik np= dotyczy nieistniejących domen podrzędnych
   *[p] znacznik p=
}): { $policy ->
    [reject] poczta, która nie przejdzie DMARC, jest odrzucana ({ $tag }=reject).
    [quarantine] poczta, która nie przejdzie DMARC, trafia do spamu ({ $tag }=quarantine).
   *[none] poczta, która nie przejdzie DMARC, jest tylko raportowana ({ $tag }=none).
}
dns-dmarc-spf-consequence = Skoro SPF nie przechodzi dla tego adresu IP, wiadomość przejdzie DMARC tylko z poprawnym podpisem DKIM domeny { $domain }; w przeciwnym razie odbiorcy stosują { $tag }={ $policy }. Popraw SPF albo podpisuj pocztę DKIM.
dns-dmarc-testing = Rekord DMARC domeny { $domain } jest w trybie testowym (t=y): odbiorcy stosują łagodniejszą politykę.
dns-dmarc-no-policy = Rekord DMARC { $at } nie ma poprawnego znacznika p= ani użytecznego adresu rua=, więc żadna polityka DMARC nie dotyczy domeny { $domain } (RFC 7489, 6.6.3).
dns-dmarc-missing = Domena { $domain } nie ma rekordu DMARC.
dns-dmarc-unknown = Nie udało się sprawdzić DMARC domeny { $domain }: { $why }
dns-dmarc-org = Domena organizacyjna dla { $domain } to { $org }.
dns-mx-list = Poczta dla { $domain } trafia { $count ->
    [one] na serwer
   *[other] na serwery
}: { $hosts }.
dns-mx-null = Domena { $domain } publikuje pusty rekord MX (null MX, RFC 7505): nie przyjmuje żadnej poczty. Sprawdź pisownię adresu; jeśli jest poprawna, domena odbiorcy po prostu nie odbiera poczty.
dns-mx-implicit = Domena { $domain } nie ma rekordu MX; poczta trafia na jej adres { $addrs }.
dns-mx-nomail = Domena { $domain } istnieje, ale nie ma ani rekordu MX, ani adresu, więc nie da się do niej doręczyć poczty. Sprawdź pisownię adresu.
dns-mx-nodomain = Domena { $domain } nie istnieje. Sprawdź pisownię adresu.
dns-mx-unknown = Nie udało się sprawdzić serwerów pocztowych domeny { $domain }: { $why }
dns-host-resolves = Serwer odbiorcy { $host } ma adres { $addrs }.
dns-host-noaddress = Serwer odbiorcy { $host } nie ma adresu w DNS.
dns-host-nodomain = Nazwa serwera odbiorcy { $host } nie istnieje w DNS.
dns-host-unknown = Nie udało się sprawdzić adresu serwera { $host }: { $why }
dns-why-timeout = resolwer nie odpowiedział na czas.
dns-why-network = nie udało się połączyć z resolwerem ({ $detail }).
dns-why-http = resolwer odpowiedział błędem HTTP { $status }.
dns-why-content-type = resolwer odpowiedział treścią „{ $type }” zamiast wiadomości DNS.
dns-why-oversized = odpowiedź była za duża jak na wiadomość DNS.
dns-why-malformed = odpowiedź nie była poprawną wiadomością DNS.
dns-why-truncated = odpowiedź była obcięta.
dns-why-servfail = resolwer nie zdołał uzyskać odpowiedzi (SERVFAIL).
dns-why-refused = resolwer odmówił odpowiedzi.
dns-why-rcode = resolwer odpowiedział błędem DNS { $code }.
dns-why-cname-loop = rekordy CNAME tej nazwy tworzą pętlę.
dns-why-mismatch = odpowiedź dotyczyła innego pytania.
dns-why-bad-name = ta nazwa nie jest poprawna w DNS.
dns-verdict-dnsbl-confirmed = DNS potwierdza teraz: { $ip } jest na liście { $lists }, tak jak mówi odmowa. Poproś o usunięcie adresu z listy (zobacz kontrole DNS), a potem wyślij wiadomość ponownie.
dns-verdict-dnsbl-clear = Teraz się nie potwierdza: { $ip } nie jest na { $count ->
    [one] sprawdzonej czarnej liście
   *[other] żadnej z { $count } sprawdzonych czarnych list
} ({ $lists }). Adres pewnie został już usunięty z listy albo serwer odbiorcy korzysta z innej listy: wyślij wiadomość ponownie, a jeśli znów zostanie odrzucona, zapytaj administratora odbiorcy, której listy używa.
dns-verdict-dnsbl-unknown = Czarne listy nie dały teraz użytecznej odpowiedzi, więc DNS nie potwierdza ani nie wyklucza wpisu adresu { $ip }.
dns-verdict-ptr-confirmed = DNS potwierdza teraz: odwrotny DNS adresu { $ip } nadal nie jest w porządku, tak jak mówi odmowa. Popraw go (zobacz kontrole DNS), a potem wyślij wiadomość ponownie.
dns-verdict-ptr-clear = Teraz się nie potwierdza: odwrotny DNS adresu { $ip } jest w porządku ({ $name } prowadzi z powrotem do tego adresu). Pewnie już go poprawiono: wyślij wiadomość ponownie.
dns-verdict-ptr-unknown = Nie udało się teraz sprawdzić odwrotnego DNS adresu { $ip }, więc DNS nie potwierdza ani nie wyklucza powodu odmowy.
dns-verdict-spf-confirmed = DNS potwierdza teraz: SPF domeny { $domain } nie przepuszcza { $ip } (wynik: { $result }), co pasuje do odmowy z powodu uwierzytelnienia. Popraw SPF (zobacz kontrole DNS), a potem wyślij wiadomość ponownie.
dns-verdict-spf-no-domain = DNS potwierdza teraz: domena nadawcy { $domain } nie istnieje, więc jej poczta nie może przejść uwierzytelnienia.
dns-verdict-spf-clear = Dla SPF teraz się nie potwierdza: SPF domeny { $domain } przepuszcza { $ip }. Jeśli odmowa dotyczyła SPF, pewnie już go poprawiono: wyślij wiadomość ponownie, a jeśli znów zostanie odrzucona, sprawdź podpis DKIM i zgodność domen w DMARC.
dns-verdict-spf-unknown = Nie udało się teraz ocenić SPF domeny { $domain }, więc DNS nie potwierdza ani nie wyklucza odmowy z powodu uwierzytelnienia.
