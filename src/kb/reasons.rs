//! Knowledge per reason: for each reason id of the fixed vocabulary (`reasons.md`), the phrase
//! families servers use for it — in English and, for the common ones, in Polish, German, French,
//! Spanish, Italian, Portuguese, Dutch and Russian (with Czech and Swedish where servers write
//! them) — the enhanced-status details that imply it (RFC 3463 and IANA's enhanced status code
//! registry, with Microsoft's published 5.7.5xx–7xx details) and the basic reply codes that suggest
//! it (RFC 5321). [`crate::diagnose`] applies it; nothing here looks at a report.
//!
//! Precedence, strongest first, as [`crate::diagnose::reason::classify`] applies it:
//! 0. a provider's own refusal code ([`PROVIDER_CODES`]), whatever else the reply says;
//! 1. an **exact** phrase (a sentence only one reason uses: a provider's wording, a give-up, a
//!    relay or authentication refusal, a TLS failure), tried reason by reason in [`EXACT_ORDER`];
//! 2. an enhanced-status detail that names the reason outright (`status`), except where a phrase
//!    names a cause the code cannot express;
//! 3. a **phrase** family, tried in the order of [`REASONS`];
//! 4. an enhanced-status detail that only suggests the reason (`status_weak`);
//! 5. the failing SMTP stage (in `diagnose`);
//! 6. the reply code's class (`codes`).
//!
//! Patterns use `regex` syntax and are matched ASCII-case-insensitively on the reply text with
//! whitespace collapsed, as bytes: letters outside ASCII are written in lower case, with their
//! ASCII spellings beside them where servers drop diacritics (`u(?:ż|z)ytkownik`).

use crate::model::Reason as R;
use crate::model::Reason;

/// What is known of one reason.
#[derive(Debug, Clone, Copy)]
pub struct Knowledge {
    /// The reason id.
    pub reason: Reason,
    /// Phrases that name this reason and no other: they win over the enhanced status code.
    pub exact: &'static [&'static str],
    /// The phrase families servers use for it.
    pub phrases: &'static [&'static str],
    /// Enhanced-status details (`subject.detail`, e.g. `1.1`) that name it outright.
    pub status: &'static [&'static str],
    /// Enhanced-status details that suggest it when the words say nothing clearer.
    pub status_weak: &'static [&'static str],
    /// Basic reply codes that suggest it when nothing else does.
    pub codes: &'static [&'static str],
}

/// Report formats of content-filtering gateways ([`crate::parse::formats::gateway`]). They answer
/// for the server behind them and word most refusals as an unknown user; by the vocabulary's
/// convention such a refusal, without a mailbox status (X.1.x) or a refusal at `RCPT`, is
/// `filtered`.
pub static FILTERING_GATEWAYS: &[&str] = &["mcafee", "mailfoundry", "surfcontrol"];

/// One provider's own refusal code, as its support pages publish it.
#[derive(Debug, Clone, Copy)]
pub struct ProviderCode {
    /// The provider whose servers write the code.
    pub provider: &'static str,
    /// The code as written after `AUP#` (upper case; Spectrum's direction prefix `I-`, `IN-` or
    /// `O-` dropped).
    pub code: &'static str,
    /// The reason the provider's description of the code names.
    pub reason: Reason,
}

/// Providers' acceptable-use refusal codes, written `AUP#<code>` at the end of a reply: the
/// strongest evidence there is (it overrides the words, the status and the stage). Sources: Cox's
/// "email error codes" page (CX… codes) and Spectrum's (Charter's) "understanding email error
/// codes" page (numbered codes; 1000-1090 a blocked IP or address, 1310-1340 per-IP connection
/// and rate limits).
pub static PROVIDER_CODES: &[ProviderCode] = &[
    // Cox: the sending IP is blocked, for good or for now, for spam-like behaviour.
    ProviderCode {
        provider: "cox",
        code: "CXBL",
        reason: R::Blocked,
    },
    ProviderCode {
        provider: "cox",
        code: "CDRBL",
        reason: R::Blocked,
    },
    // Cox: the connecting IP address's DNS (its reverse name) is not in order.
    ProviderCode {
        provider: "cox",
        code: "CXDNS",
        reason: R::RequirePtr,
    },
    // Cox: the sender's domain, or the sender could not be shown to be legitimate.
    ProviderCode {
        provider: "cox",
        code: "CXSNDR",
        reason: R::Rejected,
    },
    ProviderCode {
        provider: "cox",
        code: "CXSMTP",
        reason: R::Rejected,
    },
    // Cox: concurrent connections per IP, or too many messages sent.
    ProviderCode {
        provider: "cox",
        code: "CXCNCT",
        reason: R::TooManyConn,
    },
    ProviderCode {
        provider: "cox",
        code: "CXMXRT",
        reason: R::TooManyConn,
    },
    // Cox: sending limited or blocked for suspicious activity on the sender's account.
    ProviderCode {
        provider: "cox",
        code: "CXTHRT",
        reason: R::SecurityError,
    },
    ProviderCode {
        provider: "cox",
        code: "CXMJ",
        reason: R::SecurityError,
    },
    ProviderCode {
        provider: "spectrum",
        code: "1000",
        reason: R::Blocked,
    },
    ProviderCode {
        provider: "spectrum",
        code: "1010",
        reason: R::Blocked,
    },
    ProviderCode {
        provider: "spectrum",
        code: "1020",
        reason: R::Blocked,
    },
    ProviderCode {
        provider: "spectrum",
        code: "1030",
        reason: R::Blocked,
    },
    ProviderCode {
        provider: "spectrum",
        code: "1040",
        reason: R::Blocked,
    },
    ProviderCode {
        provider: "spectrum",
        code: "1050",
        reason: R::Blocked,
    },
    ProviderCode {
        provider: "spectrum",
        code: "1060",
        reason: R::Blocked,
    },
    ProviderCode {
        provider: "spectrum",
        code: "1070",
        reason: R::Blocked,
    },
    ProviderCode {
        provider: "spectrum",
        code: "1080",
        reason: R::Blocked,
    },
    ProviderCode {
        provider: "spectrum",
        code: "1090",
        reason: R::Blocked,
    },
    ProviderCode {
        provider: "spectrum",
        code: "1310",
        reason: R::TooManyConn,
    },
    ProviderCode {
        provider: "spectrum",
        code: "1320",
        reason: R::TooManyConn,
    },
    ProviderCode {
        provider: "spectrum",
        code: "1330",
        reason: R::TooManyConn,
    },
    ProviderCode {
        provider: "spectrum",
        code: "1340",
        reason: R::TooManyConn,
    },
];

/// The reason a provider's `AUP#` code in a reply names, if it is one [`PROVIDER_CODES`] knows.
pub fn by_provider_code(text: &str) -> Option<Reason> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(at) = bytes
        .get(from..)?
        .windows(4)
        .position(|w| w.eq_ignore_ascii_case(b"aup#"))
    {
        let rest = text.get(from + at + 4..)?.trim_start();
        let token: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .take(16)
            .collect::<String>()
            .to_ascii_uppercase();
        let code = ["IN-", "I-", "O-", "IN", "I", "O"]
            .iter()
            .find_map(|p| {
                token
                    .strip_prefix(p)
                    .filter(|c| c.starts_with(|d: char| d.is_ascii_digit()))
            })
            .unwrap_or(&token);
        if let Some(p) = PROVIDER_CODES.iter().find(|p| p.code == code) {
            return Some(p.reason);
        }
        from += at + 4;
    }
    None
}

/// The order in which reasons' exact phrases are tried (the narrower first).
pub static EXACT_ORDER: &[Reason] = &[
    R::PolicyViolation,
    R::UserUnknown,
    R::NetworkError,
    R::Filtered,
    R::Rejected,
    R::OnHold,
    R::HostUnknown,
    R::AuthFailure,
    R::SecurityError,
    R::Blocked,
    R::TooManyConn,
    R::Speeding,
    R::BadReputation,
    R::SpamDetected,
    R::NoRelaying,
    R::FailedStartTls,
    R::Expired,
    R::MailboxFull,
    R::SystemFull,
];

/// One table per reason, in the order their phrase families are tried: a reason whose words are
/// narrower comes before one whose words are broad (mailbox full before user unknown, relaying
/// before blocked).
pub static REASONS: &[Knowledge] = &[
    Knowledge {
        reason: R::ContentError,
        exact: &[],
        phrases: &[
            r#"malformed (?:mime|header|message)|invalid mime|mime (?:error|structure|header)|media error|broken (?:mime|header)"#,
        ],
        status: &[],
        status_weak: &["6.0", "6.1", "6.2", "6.3", "6.4", "6.5", "6.6"],
        codes: &[],
    },
    Knowledge {
        reason: R::BadReputation,
        exact: &[r#"5\.7\.1 our system has detected an unusual rate of unsolicited mail"#],
        phrases: &[r#"reputation|user complaints|poor (?:sender )?score|sender score|complaint rate"#],
        status: &[],
        status_weak: &[],
        codes: &[],
    },
    Knowledge {
        reason: R::AuthFailure,
        exact: &[
            r#"does not match the spf|spf record for the sender"#,
            r#"required authentication level|no valid dkim|dkim signature"#,
        ],
        phrases: &[
            r#"\b(?:spf|dkim|dmarc)\b.{0,40}\b(?:fail|check|policy|reject|invalid|alignment|not pass)|unauthenticated (?:email|mail|message)|authentication checks? failed|not authenticated.{0,30}(?:sender|domain)|sender domain.{0,20}not authenticated|bad spf|per it's spf"#,
        ],
        status: &["7.23", "7.24", "7.26", "7.27", "7.20", "7.21", "7.22", "7.515"],
        status_weak: &["7.29"],
        codes: &[],
    },
    Knowledge {
        reason: R::NotCompliantRfc,
        exact: &[],
        phrases: &[
            r#"duplicate header|multiple (?:\d+ \d\.\d\.\d+ )?addresses in from|not (?:rfc|rfc ?5322|rfc ?2822) compliant|rfc ?5322|violat\w* rfc|message is not rfc|missing (?:a )?(?:valid )?(?:date|from|message-id) header|header.{0,20}(?:missing|malformed)"#,
        ],
        status: &[],
        status_weak: &[],
        codes: &[],
    },
    Knowledge {
        reason: R::VirusDetected,
        exact: &[],
        phrases: &[r#"virus|malware|infected|trojan|harmful content|unsafe attachment|dangerous attachment"#],
        status: &["7.7"],
        status_weak: &[],
        codes: &[],
    },
    Knowledge {
        reason: R::MailboxFull,
        exact: &[r#"too many messages in (?:this|the|his|her|their|user'?s?) (?:mail ?box|inbox|folder)"#],
        phrases: &[
            r#"mailbox (?:is )?full|mailbox (?:is )?over|over ?quota|quota (?:exceeded|full)|exceeded (?:storage|quota)|insufficient (?:disk )?(?:storage|space)|mailbox size limit|mail ?box.{0,20}(?:exceeded|is full|capacity)|user'?s? (?:disk )?quota|disk quota|not enough (?:disk )?space|mailbox limit|mail ?folder is full|maildir over quota|storage (?:limit|quota)|exceeded the local limit|too many messages in (?:this|the) mailbox|full mailbox"#,
            r#"(?:mailbox|inbox|mail ?box|account|recipient'?s?)\S* (?:\S+ ){0,2}(?:is )?(?:full|over (?:its |the )?(?:storage |disk )?(?:quota|limit|capacity)|out of (?:storage|space)|at capacity)|(?:quota|storage allocation|capacity) (?:has been |was |is )?(?:exceeded|reached|full|used up)|exceed\w* (?:its |their |the |his |her )?(?:storage |mailbox |disk )?(?:quota|capacity|allocation)"#,
            r#"skrzynk\S* (?:\S+ ){0,2}(?:jest )?(?:pełna|pelna|przepełniona|przepelniona|zapełniona)|przekroczon\S* (?:\S+ ){0,2}(?:limit|pojemno|quota|kwot)|postfach (?:\S+ ){0,2}(?:ist )?(?:voll|überfüllt)|speicher(?:platz|kontingent)? (?:\S+ ){0,2}(?:überschritten|voll|erschöpft)|quota überschritten|bo(?:î|i)te (?:aux lettres |mail )?(?:est )?pleine|quota (?:\S+ ){0,2}(?:dépassé|atteint)|espace (?:de stockage )?insuffisant|buz(?:ó|o)n (?:\S+ ){0,2}(?:lleno|completo)|cuota (?:\S+ ){0,2}(?:excedida|superada|agotada)|casella (?:\S+ ){0,2}piena|(?:quota|spazio) (?:\S+ ){0,2}(?:superat[oa]|esaurit[oa])|caixa (?:postal |de correio )?(?:\S+ ){0,2}(?:cheia|lotada)|cota (?:\S+ ){0,2}excedida|(?:mailbox|postvak|postbus) (?:\S+ ){0,2}(?:is )?vol|quotum (?:\S+ ){0,2}overschreden|ящик (?:\S+ ){0,2}переполнен|превышен\S* (?:\S+ ){0,2}(?:квот|лимит|размер)|schránka (?:\S+ ){0,2}(?:je )?plná"#,
        ],
        status: &["2.2"],
        status_weak: &[],
        codes: &["552"],
    },
    Knowledge {
        reason: R::MesgTooBig,
        exact: &[],
        phrases: &[
            r#"message (?:is )?too (?:big|large)|too large for this recipient|size (?:exceeds|limit)|exceeds? (?:the )?(?:maximum|max|fixed maximum|size)|message size|mail size|length limit|message length exceeds|recipsizelimit|message file too big"#,
        ],
        status: &["3.4"],
        status_weak: &[],
        codes: &[],
    },
    Knowledge {
        reason: R::ExceedLimit,
        exact: &[],
        phrases: &[r#"exceed(?:s|ed)? .{0,30}(?:recipients|limit)|recipient limit"#],
        status: &["2.3"],
        status_weak: &[],
        codes: &[],
    },
    Knowledge {
        reason: R::Suspend,
        exact: &[],
        phrases: &[
            r#"(?:account|mailbox|user|address|recipient)\S* (?:\S+ )?(?:is |has been )?(?:disabled|suspended|deactivated|inactive|frozen|locked|expired|blocked|closed|not active|unavailable due|on hold|temporarily unavailable)|mailbox is frozen|account.{0,20}(?:has been )?(?:disabled|suspended|closed|terminated)|disabled (?:recipient|mailbox|account)|le compte du destinataire est bloqu|recipient account is blocked|inactive (?:user|account|mailbox)|suspended (?:account|user|mailbox)"#,
            r#"(?:konto|skrzynka|account|mailbox|postfach|compte|cuenta|casella|conta|аккаунт|учетная запись|ящик) (?:\S+ ){0,2}(?:jest )?(?:zablokowan|zawieszon|wyłączon|nieaktywn|gesperrt|deaktiviert|désactivé|suspendu|bloqué|desactivad|suspendid|bloquead|disattivat|sospes|bloccat|desativad|bloquead|заблокирован|отключен)"#,
        ],
        status: &["7.13"],
        status_weak: &["2.1"],
        codes: &[],
    },
    Knowledge {
        reason: R::HasMoved,
        exact: &[],
        phrases: &[r#"has moved|address (?:has )?changed|no longer (?:valid|in use|with)|moved permanently"#],
        status: &["1.6"],
        status_weak: &[],
        codes: &["551"],
    },
    Knowledge {
        reason: R::NoRelaying,
        exact: &[
            r#"not permitted to send to remote domains"#,
            r#"relay(?:ing)? (?:access )?(?:is )?(?:denied|not permitted|not allowed|prohibited|rejected|refused|forbidden|disabled)|(?:not|isn'?t|aren'?t) (?:permitted|allowed|authori[sz]ed|configured) to relay|(?:unable|cannot|can'?t|will not|won'?t) (?:to )?relay|no relaying|we do not relay|does not relay|not a gateway|relay access|allowed rcpthosts|relaying (?:mail )?(?:to|for) .{0,40}(?:denied|not)|(?:mail|message) relay(?:ing)? (?:denied|refused|not)"#,
            r#"przekazywani\w+ (?:poczty )?(?:jest )?(?:zabronion|niedozwolon|odrzucon)|odmowa przekazania|relaying (?:nicht erlaubt|verweigert|untersagt)|weiterleitung (?:nicht erlaubt|verweigert)|relais (?:refusé|interdit|non autorisé)|(?:retransmisión|reenvío|relay) (?:denegad|no permitid)|(?:relay|inoltro) (?:non consentito|negato)|(?:relay|retransmissão) (?:negad|não permitid)|relay(?:ing)? (?:niet toegestaan|geweigerd)|ретрансляция (?:запрещен|не разрешен)|relay запрещ"#,
        ],
        phrases: &[
            r#"relay(?:ing)? (?:access )?(?:denied|not permitted|not allowed|prohibited|rejected)|not (?:permitted|allowed|configured) to relay|unable to relay|no relaying|relay not permitted|we do not relay|cannot relay|not a gateway|relaying (?:mail )?(?:to|for) .{0,40}(?:denied|not)|relay access|does not relay"#,
        ],
        status: &[],
        status_weak: &[],
        codes: &[],
    },
    Knowledge {
        reason: R::RequirePtr,
        exact: &[],
        phrases: &[
            r#"reverse dns|reverse (?:lookup|resolution)|ptr record|no ptr|rdns|cannot find your hostname|cannot find your reverse hostname|reverse hostname|(?:unresolvable|unknown) (?:client )?(?:host ?name|address)|forward[- ]confirmed|client host .{0,40}(?:unknown|not resolv)|dns (?:lookup|check) (?:of your (?:ip|address)|failed for your)|no reverse|ip address does not resolve|helo command rejected|invalid helo|bad helo|helo.{0,40}(?:not|does not) (?:resolve|match)|address .{0,20}has no dns|not in dns|unverifiable sending ip|unverifyable sending ip"#,
        ],
        status: &["7.25"],
        status_weak: &[],
        codes: &[],
    },
    Knowledge {
        reason: R::Rejected,
        exact: &[
            r#"groups\.google\.com|google groups|not a member of this (?:mailing )?list"#,
            r#"@\S+>?\.\.\. access denied|sending to/from an address that has been blacklisted"#,
            r#"domain you are sending from is not permitted|your domain does not seem to be valid|could not find mx record for your domain"#,
        ],
        phrases: &[
            r#"sender address rejected|sender (?:is )?(?:rejected|denied|blocked|not allowed|refused|verify failed|unknown)|domain of sender|sender domain (?:does not exist|must resolve|not found|is invalid)|from: domain is invalid|sender verification|invalid sender|unknown sender|bad sender|envelope sender|mail from.{0,30}(?:rejected|refused|not)|rejected by sender|sender.{0,20}not (?:exist|valid)|does not accept mail from|address.{0,40}\.\.\. access denied"#,
        ],
        status: &["1.8"],
        status_weak: &["1.7", "7.1"],
        codes: &[],
    },
    Knowledge {
        reason: R::TooManyConn,
        exact: &[
            r#"connection (?:rate|limit|count)|too many (?:connections|concurrent|sessions|smtp sessions|simultaneous)|maximum (?:number of )?(?:connections|sessions)|rate limit(?:ed|ing)?.{0,20}connections?"#,
        ],
        phrases: &[
            r#"ip frequency limited|server is too busy|too many recipients|too many (?:connections|sessions|concurrent)|connection limit|connection rate|rate limit(?:ed|ing)?.{0,20}connection|too many smtp sessions|maximum (?:number of )?connections|server busy|421 .{0,40}too many"#,
        ],
        status: &[],
        status_weak: &["5.3"],
        codes: &[],
    },
    Knowledge {
        reason: R::Speeding,
        exact: &[
            r#"receiving mail too quickly"#,
            r#"too many (?:messages|mails|e-?mails) (?:\S+ ){0,6}(?:hour|minute|day|second|period|time)|(?:relay|sending|send|message|daily|hourly|outbound|recipient) quota|(?:hourly|daily|per[- ]hour|per[- ]day|per[- ]minute) (?:\S+ ){0,2}(?:limit|quota|rate|threshold)|(?:sending|message|mail|send|outbound) (?:rate|quota|limit) (?:\S+ ){0,2}(?:exceeded|reached)|exceeded (?:the |its |your |our )?(?:\S+ ){0,2}(?:sending|message|hourly|daily|relay) (?:limit|quota)|sending too fast|receiving mail (?:too quickly|at a rate)"#,
            r#"limit wysyłania|limit wysylania|zbyt wiele wiadomości|zu viele (?:nachrichten|e-mails)|sendelimit|trop de (?:messages|courriels)|limite d'envoi|demasiados (?:mensajes|correos)|límite de envío|troppi messaggi|limite di invio|muitas mensagens|limite de envio|te veel berichten|verzendlimiet|слишком много (?:писем|сообщений)|лимит отправки"#,
        ],
        phrases: &[
            r#"rate limit|too many messages|sending limit|sent too much|exceeded .{0,20}(?:rate|sending)|temporarily deferred due to (?:unexpected )?volume|throttl|messages per|daily limit|receiving mail at a rate"#,
        ],
        status: &["7.28"],
        status_weak: &[],
        codes: &[],
    },
    Knowledge {
        reason: R::SpamDetected,
        exact: &[r#"links to an ip address that is blacklisted"#],
        phrases: &[
            r#"\bspam\b|spam (?:detected|rejection|message|content)|junk|bulk mail|\bube\b|unsolicited|content (?:rejected|filter|policy)|message content rejected|blacklisted url|rejected due to content|suspicious (?:content|message)|looks like|classified as|dictionary check|high (?:spam|probability)|scor(?:e|ed) too high|mail rejete|mail rejected\. ofr_506"#,
        ],
        status: &[],
        status_weak: &[],
        codes: &[],
    },
    Knowledge {
        reason: R::Blocked,
        exact: &[
            r#"not authorized to send email directly|use the smtp relay at your service provider|permanently deferred|will not accept delivery of this message|client host .{0,80}blocked using"#,
            r#"reported as a source of spam"#,
            r#"greylist|gr[ae]y[- ]?list|try again (?:in|after) \d+ (?:seconds|minutes)"#,
        ],
        phrases: &[
            r#"blacklist|blocklist|block list|black list|dnsbl|\brbl\b|spamhaus|spamcop|barracuda|sorbs|uceprotect|not allowed to connect|client host .{0,80}(?:blocked|rejected|refused|denied)|banned|\bblocked\b|access denied|connection refused|refused to talk|service refused|not accepting (?:connections|mail from)|your (?:ip|host|server) .{0,40}(?:denied|rejected|refused|not allowed)|messages from \S+ weren't sent|please use the smtp server of your isp|dynamic ip|dial-?up|residential|no access from mail server|you cannot send e-mail to yourself|rejected: .{0,20}listed|service (?:currently )?unavailable.{0,20}(?:for|from)|sc-001|sc-004|dyn\.|ip .{0,20}(?:is|was|has been) (?:listed|blocked|rejected)"#,
        ],
        status: &[],
        status_weak: &[],
        codes: &[],
    },
    Knowledge {
        reason: R::SecurityError,
        exact: &[
            r#"requires? authentication|authentication is required"#,
            r#"access to this user account has been denied"#,
            r#"not authenticated to send anonymous mail|anonymous mail"#,
            r#"authentication (?:credentials (?:invalid|incorrect)|failed|failure|unsuccessful|rejected)|(?:invalid|bad|wrong|incorrect) (?:credentials|password|login|user ?name or password)|username and password not accepted|login (?:failed|incorrect|denied)|app(?:lication)?[- ]specific password|smtp auth(?:entication)? (?:is )?(?:required|disabled|failed)|(?:sender|sending) (?:address|identity|domain) (?:is )?not verified|not (?:a )?verified (?:sender|identity|address|domain)|unverified (?:sender|identity|address|domain)|email address is not verified|not owned by (?:the )?(?:authenticated )?user|does not match (?:the )?(?:authenticated|login|auth) user|not allowed to send as|client was not authenticated"#,
            r#"uwierzytelni\S* (?:nie powiod|nieudan|wymagane|niepoprawn)|nieprawidłow\S* (?:hasło|login|nazwa użytkownika|dane logowania)|błędne (?:hasło|dane logowania)|authentifizierung (?:fehlgeschlagen|erforderlich)|anmeldung fehlgeschlagen|ungültige anmeldedaten|authentification (?:requise|échouée|a échoué|obligatoire)|échec de l'authentification|identifiants? (?:invalides?|incorrects?)|autenticación (?:fallida|requerida|obligatoria)|error de autenticación|credenciales (?:inválidas|incorrectas)|autenticazione (?:fallita|richiesta|obbligatoria)|credenziali (?:non valide|errate)|autenticação (?:falhou|necessária|obrigatória)|falha (?:na|de) autenticação|credenciais inválidas|authenticatie (?:mislukt|vereist)|ongeldige inloggegevens|ошибка аутентификации|требуется аутентификация|неверн\S* (?:пароль|логин)"#,
        ],
        phrases: &[
            r#"smtp auth(?:entication)?|authentication (?:required|failed|is required)|turn on smtp auth|must (?:authenticate|be authenticated)|not authorized|unauthorized|delivery not authorized|permission denied|insufficient permission|security policy|encryption required|requires? (?:a )?secure|access not allowed"#,
        ],
        status: &[],
        status_weak: &[
            "7.0", "7.2", "7.3", "7.4", "7.5", "7.6", "7.8", "7.9", "7.12", "7.14", "7.15", "7.16", "7.17", "7.18",
            "7.19", "7.30",
        ],
        codes: &["530", "535"],
    },
    Knowledge {
        reason: R::FailedStartTls,
        exact: &[
            r#"starttls|\btls\b.{0,30}(?:required|fail|handshake|negotiat|not (?:available|supported|offered|advertised))|(?:does not|doesn'?t|did not|didn'?t) (?:support|offer|advertise) (?:starttls|tls|encryption)|(?:requires?|must use|must issue) (?:a )?(?:starttls|tls|encrypt)|ssl (?:required|handshake)|encrypted (?:connection|channel) (?:is )?required|tls (?:is )?required|mta-sts|tlsa record|dane (?:validation|verification)"#,
        ],
        phrases: &[
            r#"starttls|\btls\b.{0,30}(?:required|fail|handshake|negotiat)|must issue a starttls|ssl (?:required|handshake)|encrypted connection required"#,
        ],
        status: &[],
        status_weak: &["7.10", "7.11"],
        codes: &[],
    },
    Knowledge {
        reason: R::HostUnknown,
        exact: &[r#"account or domain may not exist"#],
        phrases: &[
            r#"host (?:or domain name )?not found|unknown host|no such (?:domain|host)|domain (?:name )?not found|domain (?:is |was )?not (?:found|reachable|exist)|domain does not exist|domain .{0,40}does not exist|unrouteable|unroutable|couldn't find any host|could not find any host|name service error|nxdomain|host unknown|invalid domain|bad destination (?:system|host|mailbox address domain)|no route to host|mx .{0,20}not found|domain .{0,40}(?:not reachable|unreachable)|recipient domain|domain is not (?:configured|valid)|does not have an mx|unable to resolve|unknown domain|(?:^|\s)[a-z0-9-]+(?:\.[a-z0-9-]+)+ does not exist|dns error.{0,80}nxdomain|not our customer"#,
            r#"(?:domena|domain|domäne|domaine|dominio|domínio|domein|домен) (?:\S+ ){0,2}(?:nie istnieje|existiert nicht|n'existe pas|no existe|non esiste|não existe|bestaat niet|не существует|inexistante|inexistente|sconosciuto|unbekannt|onbekend)"#,
        ],
        status: &["1.2"],
        status_weak: &["4.4"],
        codes: &[],
    },
    Knowledge {
        reason: R::NotAccept,
        exact: &[],
        phrases: &[
            r#"null mx|no mx (?:record|host|found)|doesn'?t receive email|does not accept mail|accepts no mail|no smtp service|not accepting (?:any )?mail|mx or srv record indicated no smtp"#,
        ],
        status: &[],
        status_weak: &["3.2"],
        codes: &["521", "556"],
    },
    Knowledge {
        reason: R::MailerError,
        exact: &[],
        phrases: &[
            r#"mailer error|local delivery failed|delivery to (?:a )?(?:program|pipe) failed|procmail:|exit (?:code|status) [1-9]|command (?:died|failed)|pipe to|x-unix; ?[1-9]"#,
        ],
        status: &[],
        status_weak: &["2.4"],
        codes: &[],
    },
    Knowledge {
        reason: R::UserUnknown,
        exact: &[r#"recipient address rejected: access denied|recipient address rejected\.?$"#],
        phrases: &[
            r#"user unknown|unknown user|no such (?:user|mailbox|recipient|address|account)|mailbox (?:is )?unavailable|(?:address|mailbox|account|user|recipient)\S* (?:does not|doesn'?t) exist|does not exist (?:here|at|on)|user (?:not|doesn'?t) (?:exist|found)|user not exist|invalid (?:recipient|mailbox|address|user)|unknown (?:recipient|mailbox|address|local part|local-part)|no mailbox|mailbox not found|recipient not found|not a valid (?:user|mailbox|recipient)|address (?:not found|unknown|invalid)|not listed in|no account|doesn'?t have a .{0,40} account|recipient (?:unknown|invalid|rejected: user)|recipientnotfound|bad destination mailbox|unknown or illegal alias|account that you tried to reach does not exist|email address wasn'?t found|address couldn'?t be found|no valid recipients|not a registered|recipient address rejected: (?:user|undeliverable address|unknown)|undeliverable address|unrouteable address|invalid .{0,20}userid|name is not recognized|recipient name is not recognized|user doesn'?t have|mailbox doesn'?t exist|unknown or invalid|no such person|not our user|is not a valid mailbox|invalid address|this user doesn|rejected: user"#,
            r#"(?:mailbox|user|recipient|address|account|e-?mail address|addressee|destination address)\S* (?:\S+ ){0,2}(?:is )?(?:not found|unknown|nonexistent|non-existent|not exist|not recogni[sz]ed|not listed)|no (?:such|valid) (?:user|mailbox|recipient|address|account|e-?mail)|(?:unknown|nonexistent|non-existent|unrecogni[sz]ed) (?:user|mailbox|recipient|address|account|e-?mail|addressee)|not (?:a )?(?:known|valid|existing) (?:user|mailbox|recipient|address|e-?mail)|no mailbox (?:here|by that name)|there is no (?:user|mailbox|one) (?:by that name|at this address|here)"#,
            r#"nie ma takiego (?:użytkownika|uzytkownika|adresu|konta|odbiorcy)|(?:użytkownik|uzytkownik|adresat|odbiorca|konto|adres(?: e-mail| email)?|skrzynka(?: pocztowa)?) (?:\S+ ){0,2}nie istnieje|nieznany (?:użytkownik|uzytkownik|adresat|odbiorca|adres)|nie znaleziono (?:użytkownika|uzytkownika|odbiorcy|adresu|skrzynki)"#,
            r#"benutzer (?:ist )?unbekannt|unbekannte[rn]? (?:benutzer|empfänger|empfaenger|adresse|postfach)|empf(?:ä|ae)nger (?:ist )?unbekannt|(?:postfach|empf(?:ä|ae)nger|adresse|benutzer|konto) (?:\S+ ){0,2}(?:existiert nicht|nicht gefunden|gibt es nicht|nicht vorhanden)|kein (?:solches postfach|solcher benutzer)"#,
            r#"(?:utilisateur|destinataire|adresse|compte|correspondant) (?:\S+ ){0,2}(?:inconnue?|inexistante?|introuvable|n'existe pas)|(?:bo(?:î|i)te (?:aux lettres |mail )?)(?:inexistante|introuvable|n'existe pas)|adresse (?:e-?mail |électronique )?invalide"#,
            r#"(?:usuario|destinatario|buz(?:ó|o)n|cuenta|direcci(?:ó|o)n)(?: de correo)? (?:\S+ ){0,2}(?:desconocid[oa]|no existe|inexistente|no encontrad[oa])|(?:utente|destinatario|casella|indirizzo|account) (?:\S+ ){0,2}(?:sconosciut[oa]|inesistente|non esiste|non trovat[oa])|(?:usu(?:á|a)rio|utilizador|destinat(?:á|a)rio|caixa postal|conta|endere(?:ç|c)o) (?:\S+ ){0,2}(?:desconhecid[oa]|inexistente|n(?:ã|a)o existe|n(?:ã|a)o encontrad[oa])"#,
            r#"(?:gebruiker|ontvanger|adres|mailbox|postvak) (?:\S+ ){0,2}(?:onbekend|bestaat niet|niet gevonden)|onbekende (?:gebruiker|ontvanger)|(?:пользовател\S*|получател\S*|адрес\S*|(?:почтов\S* )?ящик\S*) (?:\S+ ){0,2}(?:не существует|не найден|неизвест)|нет такого (?:пользователя|ящика|адреса)|неизвестный (?:пользователь|получатель|адрес)|(?:uživatel|příjemce|adresa|schránka) (?:\S+ ){0,2}(?:neexistuje|nenalezen|neznám)|(?:användaren|mottagaren|adressen) (?:\S+ ){0,2}(?:finns inte|okänd)"#,
        ],
        status: &["1.10"],
        status_weak: &["1.1", "1.0", "1.3", "1.4", "1.5"],
        codes: &["553"],
    },
    Knowledge {
        reason: R::NetworkError,
        exact: &[r#"name service error for domain .{0,80}try again"#],
        phrases: &[
            r#"routing loop|mail loop|loop detected|too many hops|hop count exceeded|maximum hop|name service error|host name lookup failure|dns (?:failure|error|lookup failed)|temporary (?:dns|lookup) failure|network (?:is )?unreachable|connection (?:reset|dropped|lost)|could not connect|can't connect|connect to .{0,80} failed|establish an smtp connection|no answer|lost connection"#,
        ],
        status: &[],
        status_weak: &["4.0", "4.2", "4.3", "4.5", "4.6"],
        codes: &[],
    },
    Knowledge {
        reason: R::Expired,
        exact: &[
            r#"message (?:has )?expired|retry time(?:out)? (?:exceeded|reached)|delivery time (?:has )?expired|could not be delivered within|was not delivered within|queue (?:life ?time|timeout) (?:exceeded|expired)|too long in (?:the )?queue|been in the queue too long|maximum (?:queue|delivery) time|delivery attempts? (?:expired|timed out)|expired after \d+|retry time not reached for any host.{0,120}after a long failure period"#,
            r#"(?:czas|termin) (?:dostarcz\w+ |doręcz\w+ |doreczenia )?(?:minął|minal|upłynął|uplynal|wygasł|wygasl)|wiadomość wygasła|zustellzeit (?:überschritten|abgelaufen)|nachricht (?:ist )?abgelaufen|délai (?:de (?:livraison|remise|distribution) )?(?:dépassé|expiré)|message expiré|(?:plazo|tiempo) (?:de entrega )?(?:agotado|expirado|excedido)|mensaje (?:ha )?caducado|tempo (?:di consegna )?(?:scaduto|esaurito)|messaggio scaduto|tempo (?:de entrega )?(?:esgotado|expirado)|mensagem expirou|bezorgtijd (?:verstreken|overschreden)|bericht (?:is )?verlopen|срок (?:доставки )?истек|время (?:доставки )?истекло"#,
        ],
        phrases: &[
            r#"timed out|timeout|host not reachable|did not accept our requests to connect|unable to connect|queue too long|message expired|expired|retry time(?:out)? (?:exceeded|reached)|delivery time expired|has been delayed|been in the queue|could not be delivered within|was not delivered within|gave up|giving up|will be retried|delivery attempts will continue|not yet been delivered"#,
        ],
        status: &[],
        status_weak: &["4.1", "4.7", "4.316"],
        codes: &[],
    },
    Knowledge {
        reason: R::SystemFull,
        exact: &[
            r#"insufficient system (?:storage|resources)|(?:server|system|disk|spool|queue|partition) (?:is |has )?(?:full|run out of (?:disk )?space)|no space left on device|out of disk space|disk (?:space )?is full"#,
        ],
        phrases: &[r#"disk full|out of (?:disk )?space|insufficient system storage|system (?:is )?full|no space left"#],
        status: &["3.1"],
        status_weak: &[],
        codes: &["452"],
    },
    Knowledge {
        reason: R::SystemError,
        exact: &[],
        phrases: &[
            r#"internal (?:server |system )?error|system error|local error|temporary (?:server |local )?(?:failure|error|problem)|service (?:currently |temporarily )?(?:not available|unavailable)|resources temporarily unavailable|try again later|try later|server error|unexpected error|processing error|temporarily unavailable|ldap server|unable to (?:handle|process)|closing transmission channel"#,
            r#"(?:chwilow|tymczasow)\S* (?:\S+ ){0,2}(?:problem|błąd|blad|awari|niedostępn|niedostepn)|spr(?:ó|o)buj (?:ponownie )?p(?:ó|o)(?:ź|z)niej|b(?:ł|l)(?:ą|a)d (?:wewn(?:ę|e)trzny|serwera)|vor(?:ü|ue)bergehend\S* (?:\S+ ){0,2}(?:nicht verf(?:ü|ue)gbar|fehler|problem|gest(?:ö|oe)rt)|tempor(?:ä|ae)rer fehler|versuchen sie es sp(?:ä|ae)ter|interner (?:server)?fehler|temporairement (?:indisponible|hors service)|erreur (?:temporaire|interne)|r(?:é|e)?essayez plus tard|temporalmente (?:no disponible|fuera de servicio)|error (?:temporal|interno)|(?:int(?:é|e)ntelo|intente|vuelva a intentarlo) (?:de nuevo )?m(?:á|a)s tarde|temporaneamente (?:non disponibile|fuori servizio)|errore (?:temporaneo|interno)|riprova(?:re)? pi(?:ù|u) tardi|temporariamente (?:indispon(?:í|i)vel|fora de servi(?:ç|c)o)|erro (?:tempor(?:á|a)rio|interno)|tente (?:novamente )?mais tarde|tijdelijk (?:niet beschikbaar|probleem|fout)|probeer het later|временн\S* (?:ошибка|сбой|недоступ)|попробуйте (?:ещё раз |еще раз )?позже|внутренняя ошибка"#,
        ],
        status: &[],
        status_weak: &["3.0", "3.3", "3.5"],
        codes: &["421", "450", "451"],
    },
    Knowledge {
        reason: R::PolicyViolation,
        exact: &[
            r#"blocked because its content|network not allowed|header error"#,
            r#"does not allow external forwarding|external forwarding"#,
        ],
        phrases: &[
            r#"policy|prohibited|rules rejection|not accepted|content.{0,20}not allowed|message (?:was )?(?:rejected|refused)|header error|refused by|administrative prohibition"#,
        ],
        status: &[],
        status_weak: &[],
        codes: &[],
    },
    Knowledge {
        reason: R::SyntaxError,
        exact: &[],
        phrases: &[
            r#"syntax error|command unrecognized|unrecognized command|bad sequence|command not implemented|line too long|invalid command|protocol error"#,
        ],
        status: &[],
        status_weak: &["5.0", "5.1", "5.2", "5.4", "5.5"],
        codes: &["500", "501", "502", "503", "504"],
    },
    Knowledge {
        reason: R::Filtered,
        exact: &[r#"recipient preferences"#],
        phrases: &[],
        status: &[],
        status_weak: &["2.0"],
        codes: &[],
    },
    Knowledge {
        reason: R::OnHold,
        exact: &[
            r#"\bon hold\b"#,
            r#"^(?:[245]\d\d[ -])?(?:[245]\.\d{1,3}\.\d{1,3} )?temporary failure\.?$"#,
        ],
        phrases: &[],
        status: &[],
        status_weak: &[],
        codes: &["550", "554"],
    },
];

/// The knowledge of one reason.
pub fn of(reason: Reason) -> Option<&'static Knowledge> {
    REASONS.iter().find(|k| k.reason == reason)
}

/// Every reply-text pattern with its reason and whether it is exact, in the order they are
/// tried: the exact phrases (by [`EXACT_ORDER`]), then the phrase families (by [`REASONS`]).
pub fn text_patterns() -> Vec<(&'static str, Reason, bool)> {
    let exact = EXACT_ORDER
        .iter()
        .filter_map(|r| of(*r))
        .flat_map(|k| k.exact.iter().map(move |p| (*p, k.reason, true)));
    let phrases = REASONS
        .iter()
        .flat_map(|k| k.phrases.iter().map(move |p| (*p, k.reason, false)));
    exact.chain(phrases).collect()
}

/// The `subject.detail` part of an enhanced status code (`1.1` of `5.1.1`).
fn status_key(s: &str) -> Option<&str> {
    s.split_once('.').map(|(_, rest)| rest)
}

/// The reason an enhanced status code names outright, if any.
pub fn by_status_strong(s: &str) -> Option<Reason> {
    let key = status_key(s)?;
    REASONS.iter().find(|k| k.status.contains(&key)).map(|k| k.reason)
}

/// The reason an enhanced status code implies, outright or as a suggestion, if any.
pub fn by_status(s: &str) -> Option<Reason> {
    let key = status_key(s)?;
    if (key.starts_with("7.5") || key.starts_with("7.6") || key.starts_with("7.7")) && key.len() == 5 {
        // Microsoft's own 5.7.5xx-7xx: access, tenant and sender rules.
        return Some(R::SecurityError);
    }
    by_status_strong(s).or_else(|| REASONS.iter().find(|k| k.status_weak.contains(&key)).map(|k| k.reason))
}

/// The reason a basic reply code suggests, if any.
pub fn by_reply_code(code: &str) -> Option<Reason> {
    REASONS.iter().find(|k| k.codes.contains(&code)).map(|k| k.reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_reason_has_one_table_and_each_key_one_reason() {
        let mut seen = std::collections::HashSet::new();
        for k in REASONS {
            assert!(seen.insert(k.reason), "{:?} has two tables", k.reason);
        }
        for r in EXACT_ORDER {
            assert!(
                of(*r).is_some_and(|k| !k.exact.is_empty()),
                "{r:?} has no exact phrases"
            );
        }
        for k in REASONS.iter().filter(|k| !k.exact.is_empty()) {
            assert!(
                EXACT_ORDER.contains(&k.reason),
                "{:?}'s exact phrases are never tried",
                k.reason
            );
        }
        let mut keys = std::collections::HashMap::new();
        for k in REASONS {
            for s in k.status.iter().chain(k.status_weak) {
                assert_eq!(keys.insert(*s, k.reason), None, "status detail {s} names two reasons");
            }
        }
    }

    #[test]
    fn status_details_and_codes() {
        assert_eq!(by_status("5.1.1"), Some(R::UserUnknown));
        assert_eq!(by_status("4.4.7"), Some(R::Expired));
        assert_eq!(by_status_strong("4.3.1"), Some(R::SystemFull));
        assert_eq!(by_status("5.7.606"), Some(R::SecurityError));
        assert_eq!(by_status_strong("5.7.1"), None);
        assert_eq!(by_reply_code("552"), Some(R::MailboxFull));
    }

    #[test]
    fn provider_codes() {
        let cox = "550 5.1.0 <a@example.com> sender rejected. Refer to Error Codes section at \
                   https://www.cox.com/residential/support/email-error-codes.html for more information. AUP#CDRBL";
        assert_eq!(by_provider_code(cox), Some(R::Blocked));
        assert_eq!(
            by_provider_code("421 4.7.0 too many connections AUP#In-1310"),
            Some(R::TooManyConn)
        );
        assert_eq!(by_provider_code("554 5.7.1 refused AUP# O-1010"), Some(R::Blocked));
        assert_eq!(by_provider_code("550 AUP#cxdns reverse name"), Some(R::RequirePtr));
        // An unknown code, a code with no marker, and a marker at the very end name nothing.
        assert_eq!(by_provider_code("550 AUP#9999"), None);
        assert_eq!(by_provider_code("550 CXBL"), None);
        assert_eq!(by_provider_code("550 AUP#"), None);
    }
}
