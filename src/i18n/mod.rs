//! Localization: Fluent bundles for every locale folder under `i18n/`.
//!
//! The folders are compiled in by `build.rs`, so adding a locale is adding a folder `i18n/<locale>/`
//! with the same `.ftl` files as `i18n/en/`. Locale negotiation (fluent-langneg) falls back to English
//! when the requested *locale* is missing; a missing *message* is never filled in from English — it
//! shows its id and is recorded as an error, so tests catch it.

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use fluent_langneg::{negotiate_languages, NegotiationStrategy};
use std::cell::RefCell;
use unic_langid::LanguageIdentifier;

mod compiled {
    include!(concat!(env!("OUT_DIR"), "/locales.rs"));
}

/// The locale used when nothing the user asks for is available.
pub const DEFAULT_LOCALE: &str = "en";

/// The locale folders compiled into this build, sorted (e.g. `["en", "pl"]`).
pub fn available_locales() -> Vec<&'static str> {
    compiled::LOCALES.iter().map(|(name, _)| *name).collect()
}

/// The FTL sources of one compiled-in locale as `(file name, text)`, e.g. for the browser to hand
/// them to [`Localizer::from_sources`]; `None` when the locale is not compiled in.
pub fn locale_sources(locale: &str) -> Option<&'static [(&'static str, &'static str)]> {
    compiled::LOCALES
        .iter()
        .find(|(name, _)| *name == locale)
        .map(|(_, files)| *files)
}

/// Picks the best of `available` for the user's `requested` locales (most wanted first), or
/// [`DEFAULT_LOCALE`] when none fits. Invalid tags are ignored.
pub fn negotiate<'a>(requested: &[&str], available: &[&'a str]) -> &'a str {
    // fluent-langneg has its own language-identifier type (icu_locid).
    type Lang = fluent_langneg::LanguageIdentifier;
    let req: Vec<Lang> = requested.iter().filter_map(|r| r.parse().ok()).collect();
    let avail: Vec<(Lang, &'a str)> = available
        .iter()
        .filter_map(|a| a.parse().ok().map(|id| (id, *a)))
        .collect();
    let ids: Vec<Lang> = avail.iter().map(|(id, _)| id.clone()).collect();
    let default: Option<Lang> = DEFAULT_LOCALE.parse().ok();
    let chosen = negotiate_languages(&req, &ids, default.as_ref(), NegotiationStrategy::Lookup);
    chosen
        .first()
        .and_then(|c| avail.iter().find(|(id, _)| id == *c))
        .map(|(_, name)| *name)
        .or_else(|| available.iter().find(|a| **a == DEFAULT_LOCALE).copied())
        .or_else(|| available.first().copied())
        .unwrap_or(DEFAULT_LOCALE)
}

/// The user's locale from the environment (`LC_ALL`, then `LC_MESSAGES`, then `LANG`), as a
/// BCP 47 tag (`pl_PL.UTF-8` becomes `pl-PL`); `None` for unset, `C` or `POSIX`.
pub fn env_locale() -> Option<String> {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.is_empty())
        .and_then(|v| posix_to_bcp47(&v))
}

/// Turns a POSIX locale name (`pl_PL.UTF-8@euro`) into a BCP 47 tag (`pl-PL`); `None` for `C`/`POSIX`.
pub fn posix_to_bcp47(posix: &str) -> Option<String> {
    let base = posix.split(['.', '@']).next().unwrap_or_default();
    if base.is_empty() || base == "C" || base == "POSIX" {
        return None;
    }
    let tag = base.replace('_', "-");
    tag.parse::<LanguageIdentifier>().ok().map(|id| id.to_string())
}

/// Formats messages of one locale. Keeps a list of problems (missing messages, missing
/// arguments) so tests can assert that nothing went wrong.
pub struct Localizer {
    lang: String,
    bundle: FluentBundle<FluentResource>,
    errors: RefCell<Vec<String>>,
}

impl std::fmt::Debug for Localizer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Localizer")
            .field("lang", &self.lang)
            .finish_non_exhaustive()
    }
}

impl Localizer {
    /// Negotiates among the compiled-in locales (English when none of `requested` is available)
    /// and loads every `.ftl` file of the chosen one.
    pub fn new(requested: &[&str]) -> Localizer {
        let catalog: Vec<(&str, Vec<&str>)> = compiled::LOCALES
            .iter()
            .map(|(name, files)| (*name, files.iter().map(|(_, text)| *text).collect()))
            .collect();
        Localizer::from_catalog(requested, &catalog)
    }

    /// Like [`Localizer::new`], but over a caller-supplied catalog of `(locale, FTL sources)`;
    /// used to prove that a new locale folder needs no code.
    pub fn from_catalog(requested: &[&str], catalog: &[(&str, Vec<&str>)]) -> Localizer {
        let names: Vec<&str> = catalog.iter().map(|(n, _)| *n).collect();
        let chosen = negotiate(requested, &names);
        let sources = |name: &str| catalog.iter().find(|(n, _)| *n == name).map(|(_, s)| s.as_slice());
        if let Some(loc) = sources(chosen).and_then(|s| Localizer::from_sources(chosen, s).ok()) {
            return loc;
        }
        // A broken locale (caught by the tests) falls back to English rather than to nothing.
        if let Some(loc) = sources(DEFAULT_LOCALE).and_then(|s| Localizer::from_sources(DEFAULT_LOCALE, s).ok()) {
            return loc;
        }
        Localizer::empty(chosen)
    }

    /// Builds a localizer for `locale` from FTL texts (the browser loads only the active locale).
    /// Fails on an invalid locale tag, an FTL syntax error or a message defined twice.
    pub fn from_sources(locale: &str, ftl_sources: &[&str]) -> Result<Localizer, String> {
        let id: LanguageIdentifier = locale.parse().map_err(|e| format!("locale {locale:?}: {e}"))?;
        let mut bundle = FluentBundle::new(vec![id]);
        // Plain-text output: no Unicode isolation marks around arguments.
        bundle.set_use_isolating(false);
        for (i, src) in ftl_sources.iter().enumerate() {
            precheck(src).map_err(|e| format!("{locale} source {i}: {e}"))?;
            let res = FluentResource::try_new(src.to_string())
                .map_err(|(_, errs)| format!("{locale} source {i}: {errs:?}"))?;
            bundle
                .add_resource(res)
                .map_err(|errs| format!("{locale} source {i}: {errs:?}"))?;
        }
        Ok(Localizer {
            lang: locale.to_string(),
            bundle,
            errors: RefCell::new(Vec::new()),
        })
    }

    fn empty(locale: &str) -> Localizer {
        let id: LanguageIdentifier = locale.parse().unwrap_or_default();
        Localizer {
            lang: locale.to_string(),
            bundle: FluentBundle::new(vec![id]),
            errors: RefCell::new(Vec::new()),
        }
    }

    /// The locale actually in use (e.g. `pl`).
    pub fn lang(&self) -> &str {
        &self.lang
    }

    /// Whether this locale has a message `id`.
    pub fn has(&self, id: &str) -> bool {
        self.bundle.get_message(id).is_some_and(|m| m.value().is_some())
    }

    /// Formats message `id` with named arguments. Arguments that are plain numbers (`"5"`, `"22"`)
    /// are passed as Fluent numbers so plural selection works. A missing message yields its id.
    pub fn msg(&self, id: &str, args: &[(&str, String)]) -> String {
        let Some(pattern) = self.bundle.get_message(id).and_then(|m| m.value()) else {
            self.errors
                .borrow_mut()
                .push(format!("{}: missing message {id}", self.lang));
            return id.to_string();
        };
        let mut fargs = FluentArgs::new();
        for (name, value) in args {
            let v = if is_plain_number(value) {
                FluentValue::try_number(value.as_str())
            } else {
                FluentValue::from(value.as_str())
            };
            fargs.set(*name, v.into_owned());
        }
        let mut errs = Vec::new();
        let out = self
            .bundle
            .format_pattern(pattern, Some(&fargs), &mut errs)
            .into_owned();
        if !errs.is_empty() {
            self.errors.borrow_mut().push(format!("{}: {id}: {errs:?}", self.lang));
        }
        out
    }

    /// Takes the problems recorded so far (missing messages or arguments), leaving none.
    pub fn take_errors(&self) -> Vec<String> {
        std::mem::take(&mut *self.errors.borrow_mut())
    }
}

/// A canonical decimal number (`0`, `22`, `-3`, `1.5`; no leading zeros, no exponent), which Fluent
/// should treat as a number.
fn is_plain_number(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = digits.split_once('.').unwrap_or((digits, "0"));
    !int.is_empty()
        && !frac.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
        && (int == "0" || !int.starts_with('0'))
}

/// How deeply placeables may nest in an FTL source; real messages use two or three levels.
pub const MAX_FTL_NESTING: usize = 32;

/// Refuses FTL sources that fluent-syntax 0.12 cannot parse safely: placeables nested deeper than
/// [`MAX_FTL_NESTING`] (its recursive parser would overflow the stack) and `\u` / `\U` escapes
/// whose next 4 / 6 bytes are not ASCII (it slices them by bytes and panics). One linear pass.
fn precheck(src: &str) -> Result<(), String> {
    let b = src.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'{' => {
                depth += 1;
                if depth > MAX_FTL_NESTING {
                    return Err(format!("placeables nested deeper than {MAX_FTL_NESTING}"));
                }
            }
            b'}' => depth = depth.saturating_sub(1),
            b'\\' if matches!(b.get(i + 1), Some(b'u') | Some(b'U')) => {
                let n = if b[i + 1] == b'u' { 4 } else { 6 };
                let end = (i + 2 + n).min(b.len());
                if !b[i + 2..end].is_ascii() {
                    return Err("a \\u escape followed by a non-ASCII character".to_string());
                }
                i += 1;
            }
            _ => {}
        }
        i += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posix_names_become_tags() {
        assert_eq!(posix_to_bcp47("pl_PL.UTF-8").as_deref(), Some("pl-PL"));
        assert_eq!(posix_to_bcp47("en_GB@euro").as_deref(), Some("en-GB"));
        assert_eq!(posix_to_bcp47("C"), None);
        assert_eq!(posix_to_bcp47("POSIX"), None);
        assert_eq!(posix_to_bcp47(""), None);
    }

    #[test]
    fn numbers_are_recognised() {
        for n in ["0", "1", "22", "-3", "1.5", "192"] {
            assert!(is_plain_number(n), "{n}");
        }
        for s in ["", "007", "1.2.3", "5.7.1", "192.0.2.1", "inf", "NaN", "1e5", "-", "1."] {
            assert!(!is_plain_number(s), "{s}");
        }
    }

    #[test]
    fn negotiation_falls_back_to_english() {
        let avail = ["en", "pl"];
        assert_eq!(negotiate(&["pl-PL"], &avail), "pl");
        assert_eq!(negotiate(&["de-DE", "pl"], &avail), "pl");
        assert_eq!(negotiate(&["de"], &avail), "en");
        assert_eq!(negotiate(&["not a tag!"], &avail), "en");
        assert_eq!(negotiate(&[], &avail), "en");
    }

    #[test]
    fn missing_message_is_not_filled_from_english() {
        let loc = Localizer::from_sources("pl", &["a = ala\n"]).expect("valid");
        assert_eq!(loc.msg("a", &[]), "ala");
        assert_eq!(loc.msg("b", &[]), "b");
        assert_eq!(loc.take_errors().len(), 1);
        assert!(Localizer::from_sources("pl", &["a = { $x\n"]).is_err());
        assert!(Localizer::from_sources("no such tag!", &["a = b\n"]).is_err());
    }
}
