// Which inputs the browser's first analysis engine reads exactly as the CLI does, and which go
// to the full engine (issue 16). The first engine (`bounce-worker`) is built without the
// `full-charsets` feature, i.e. without mail-parser's `full_encoding` (encoding_rs and its East
// Asian tables); the full engine (`bounce-worker-full`) has it, and is fetched only when an input
// needs it. An input goes to the full engine when it names any charset (a MIME `charset=`
// parameter or an RFC 2047 encoded word `=?charset?B?...?=`) that is not in LITE below, and every
// Outlook .msg file does (its strings may be in any code page).
//
// LITE: the labels mail-parser 0.11.9 maps to a decoder of its own (src/decoders/charsets/map.rs,
// every label whose decoder is not in multi_byte.rs), in mail-parser's normal form (lower case,
// '-' as '_'), plus the UTF-8 labels (read before that table). Any other label, known or not,
// goes to the full engine, so a label missing here costs a download, never a wrong answer.
// scripts/check-charsets.mjs checks on the fixtures and the corpus that the CLI built without
// `full-charsets` gives the same JSON for every file this sends to the first engine.
export const LITE = new Set([
  '850', 'ansi_x3.4_1968', 'arabic', 'ascii', 'asmo_708', 'cp1250', 'cp1251', 'cp1252', 'cp1253',
  'cp1254', 'cp1255', 'cp1256', 'cp1257', 'cp1258', 'cp819', 'cp850', 'csiso885913', 'csiso885914',
  'csiso885915', 'csiso885916', 'csiso88596e', 'csiso88596i', 'csiso88598e', 'csiso88598i',
  'csisolatin1', 'csisolatin2', 'csisolatin3', 'csisolatin4', 'csisolatin5', 'csisolatin6',
  'csisolatin9', 'csisolatinarabic', 'csisolatincyrillic', 'csisolatingreek', 'csisolatinhebrew',
  'cskoi8r', 'cskoi8u', 'csmacintosh', 'cspc850multilingual', 'cstis620', 'csunicode', 'csutf16',
  'csutf16be', 'csutf16le', 'csutf7', 'csutf8', 'cswindows1250', 'cswindows1251', 'cswindows1252',
  'cswindows1253', 'cswindows1254', 'cswindows1255', 'cswindows1256', 'cswindows1257',
  'cswindows1258', 'cyrillic', 'ecma_114', 'ecma_118', 'elot_928', 'greek', 'greek8', 'hebrew',
  'ibm819', 'ibm850', 'iso88591', 'iso885910', 'iso885911', 'iso885913', 'iso885914', 'iso885915',
  'iso88592', 'iso88593', 'iso88594', 'iso88595', 'iso88596', 'iso88597', 'iso88598', 'iso88599',
  'iso8859_1', 'iso8859_10', 'iso8859_11', 'iso8859_13', 'iso8859_14', 'iso8859_15', 'iso8859_2',
  'iso8859_3', 'iso8859_4', 'iso8859_5', 'iso8859_6', 'iso8859_7', 'iso8859_8', 'iso8859_9',
  'iso_10646_ucs_2', 'iso_8859_1', 'iso_8859_10', 'iso_8859_10:1992', 'iso_8859_11', 'iso_8859_13',
  'iso_8859_14', 'iso_8859_14:1998', 'iso_8859_15', 'iso_8859_16', 'iso_8859_16:2001',
  'iso_8859_1:1987', 'iso_8859_2', 'iso_8859_2:1987', 'iso_8859_3', 'iso_8859_3:1988',
  'iso_8859_4', 'iso_8859_4:1988', 'iso_8859_5', 'iso_8859_5:1988', 'iso_8859_6',
  'iso_8859_6:1987', 'iso_8859_6_e', 'iso_8859_6_i', 'iso_8859_7', 'iso_8859_7:1987', 'iso_8859_8',
  'iso_8859_8:1988', 'iso_8859_8_e', 'iso_8859_8_i', 'iso_8859_9', 'iso_8859_9:1989', 'iso_celtic',
  'iso_ir_100', 'iso_ir_101', 'iso_ir_109', 'iso_ir_110', 'iso_ir_126', 'iso_ir_127', 'iso_ir_138',
  'iso_ir_144', 'iso_ir_148', 'iso_ir_157', 'iso_ir_199', 'iso_ir_226', 'koi', 'koi8', 'koi8_r',
  'koi8_ru', 'koi8_u', 'l1', 'l10', 'l2', 'l3', 'l4', 'l5', 'l6', 'l8', 'l9', 'latin1', 'latin10',
  'latin2', 'latin3', 'latin4', 'latin5', 'latin6', 'latin8', 'latin_9', 'logical', 'mac',
  'macintosh', 'sun_eu_greek', 'tis_620', 'ucs_2', 'unicode', 'unicode11utf8', 'unicode20utf8',
  'unicode_1_1_utf_8', 'unicodefeff', 'unicodefffe', 'us_ascii', 'utf8', 'utf_16', 'utf_16be',
  'utf_16le', 'utf_7', 'utf_8', 'visual', 'windows_1250', 'windows_1251', 'windows_1252',
  'windows_1253', 'windows_1254', 'windows_1255', 'windows_1256', 'windows_1257', 'windows_1258',
  'x_cp1250', 'x_cp1251', 'x_cp1252', 'x_cp1253', 'x_cp1254', 'x_cp1255', 'x_cp1256', 'x_cp1257',
  'x_cp1258', 'x_mac_roman', 'x_unicode20utf8',
]);

// Where a charset is named: `charset=x`, `charset="x"`, `charset*=x''...`, `=?x?B?` / `=?x*lang?Q?`.
export const LABELS = /charset\*?\s*=\s*"?([^\s";'?]+)|=\?([^?*\s]+)(?:\*[^?\s]*)?\?[bq]\?/gi;

/** True when `text` names a charset that only the full engine reads. */
export function needsFull(text) {
  LABELS.lastIndex = 0;
  for (const m of text.matchAll(LABELS)) {
    const label = (m[1] ?? m[2]).toLowerCase().replaceAll('-', '_').slice(0, 45);
    if (!LITE.has(label)) return true;
  }
  return false;
}
