//! Splits the pasted text into plain and highlighted pieces from the report's byte spans.
//!
//! Pieces are later rendered as text nodes only (never as HTML). Overlapping spans are
//! flattened: the most specific mark wins (a reply code inside a diagnostic shows as a code).
//! Very large inputs are shown as excerpts around the highlights so the page stays light.

use super::analysis::{Mark, SpanView};

/// Inputs longer than this are shown as excerpts around the highlights.
pub const FULL_VIEW_LIMIT: usize = 200 * 1024;

/// Bytes of context kept before and after each highlight in an excerpt.
pub const EXCERPT_CONTEXT: usize = 1024;

/// One piece of the displayed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece {
    /// Text (a byte range of the input), highlighted when `mark` is set.
    Text {
        /// First byte.
        start: usize,
        /// One past the last byte.
        end: usize,
        /// The highlight, if any.
        mark: Option<Mark>,
    },
    /// A part of the input left out of the excerpt, in bytes.
    Gap(usize),
}

/// Computes the pieces of `text` for `spans` (byte offsets). Spans that do not fall on
/// character boundaries or past the end are ignored.
pub fn pieces(text: &str, spans: &[SpanView]) -> Vec<Piece> {
    let valid: Vec<SpanView> = spans
        .iter()
        .copied()
        .filter(|s| s.start < s.end && s.end <= text.len())
        .filter(|s| text.is_char_boundary(s.start) && text.is_char_boundary(s.end))
        .collect();
    let windows = if text.len() > FULL_VIEW_LIMIT {
        excerpt_windows(text, &valid)
    } else {
        vec![(0, text.len())]
    };
    let mut out = Vec::new();
    let mut shown_to = 0;
    for (ws, we) in windows {
        if ws > shown_to {
            out.push(Piece::Gap(ws - shown_to));
        }
        marked_pieces(ws, we, &valid, &mut out);
        shown_to = we;
    }
    if shown_to < text.len() {
        out.push(Piece::Gap(text.len() - shown_to));
    }
    out
}

/// Splits `[from, to)` at every span boundary and marks each part with its strongest span.
fn marked_pieces(from: usize, to: usize, spans: &[SpanView], out: &mut Vec<Piece>) {
    let mut cuts: Vec<usize> = vec![from, to];
    for s in spans {
        for p in [s.start, s.end] {
            if p > from && p < to {
                cuts.push(p);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let mark = spans
            .iter()
            .filter(|s| s.start <= a && s.end >= b)
            .map(|s| s.what)
            .max();
        match out.last_mut() {
            Some(Piece::Text { end, mark: m, .. }) if *end == a && *m == mark => *end = b,
            _ => out.push(Piece::Text { start: a, end: b, mark }),
        }
    }
}

/// Merged byte windows around every span (plus the start of the text), on char boundaries.
fn excerpt_windows(text: &str, spans: &[SpanView]) -> Vec<(usize, usize)> {
    let mut raw: Vec<(usize, usize)> = vec![(0, EXCERPT_CONTEXT.min(text.len()))];
    raw.extend(spans.iter().map(|s| {
        (
            s.start.saturating_sub(EXCERPT_CONTEXT),
            (s.end + EXCERPT_CONTEXT).min(text.len()),
        )
    }));
    raw.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::new();
    for (s, e) in raw {
        let s = floor_boundary(text, s);
        let e = ceil_boundary(text, e);
        match merged.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => merged.push((s, e)),
        }
    }
    merged
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_boundary(text: &str, mut i: usize) -> usize {
    while i < text.len() && !text.is_char_boundary(i) {
        i += 1;
    }
    i
}
