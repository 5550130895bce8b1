//! The path of the message: the Received chain of the returned message, then
//! the reporting server, then every remote server that was tried.

use super::mime::{Mail, ReceivedHop};
use crate::model::{Hop, HopRole};

/// A remote host named in a report or transcript as having been tried.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TriedHost {
    /// Its name, as the report gives it.
    pub host: String,
    /// Its IP address, when given.
    pub ip: Option<String>,
}

/// Builds the hop list, oldest first, and the index of the failing hop.
///
/// `failing` names the remote host that gave the refusal, when known; `attempted` is the DSN's
/// `Last-Attempt-Date` (RFC 5322 date), which dates the failing hop.
pub fn build(
    mail: &Mail,
    reporting_mta: Option<&str>,
    tried: &[TriedHost],
    failing: Option<&str>,
    attempted: Option<&str>,
) -> (Vec<Hop>, Option<usize>) {
    let mut hops: Vec<Hop> = Vec::new();
    let chain: &[ReceivedHop] = if mail.returned_received.is_empty() {
        &[]
    } else {
        &mail.returned_received
    };
    let mut prev_ts: Option<i64> = None;
    for (i, r) in chain
        .iter()
        .rev()
        .filter(|r| r.from.is_some() || r.by.is_some())
        .enumerate()
    {
        let delay = match (prev_ts, r.timestamp) {
            (Some(p), Some(t)) => Some(t - p),
            _ => None,
        };
        if r.timestamp.is_some() {
            prev_ts = r.timestamp;
        }
        hops.push(Hop {
            from: r.from.clone(),
            by: r.by.clone(),
            ip: r.ip.clone(),
            date: r.date.clone(),
            delay_s: delay,
            role: if i == 0 { HopRole::Sender } else { HopRole::Relay },
        });
    }
    let last_by = hops.last().and_then(|h| h.by.clone());
    if let Some(rep) = reporting_mta {
        let same = last_by.as_deref().is_some_and(|b| b.eq_ignore_ascii_case(rep));
        if same {
            if let Some(h) = hops.last_mut() {
                if h.role == HopRole::Relay {
                    h.role = HopRole::Reporting;
                }
            }
        } else {
            let date = mail.received.first().and_then(|r| r.date.clone());
            let ts = mail.received.first().and_then(|r| r.timestamp);
            let previous = prev_ts;
            if ts.is_some() {
                prev_ts = ts;
            }
            hops.push(Hop {
                from: last_by.clone(),
                by: Some(rep.to_string()),
                ip: None,
                date,
                delay_s: match (previous, ts) {
                    (Some(p), Some(t)) => Some(t - p),
                    _ => None,
                },
                role: HopRole::Reporting,
            });
        }
    }
    let mut failing_hop = None;
    let from = reporting_mta.map(str::to_string).or(last_by);
    let mut added = 0;
    for t in tried {
        // The reporting server itself (e.g. Exchange's "Generating server") is already a hop.
        if reporting_mta.is_some_and(|r| r.eq_ignore_ascii_case(&t.host)) {
            continue;
        }
        added += 1;
        hops.push(Hop {
            from: from.clone(),
            by: Some(t.host.clone()),
            ip: t.ip.clone(),
            date: None,
            delay_s: None,
            role: HopRole::Remote,
        });
        if failing.is_some_and(|f| f.eq_ignore_ascii_case(&t.host)) {
            failing_hop = Some(hops.len() - 1);
        }
    }
    if failing_hop.is_none() && added > 0 {
        failing_hop = Some(hops.len() - 1);
    }
    // Date the failing remote hop by the last delivery attempt, when the report gives it.
    let attempt = attempted
        .and_then(|a| mail_parser::DateTime::parse_rfc822(a.trim()))
        .filter(|d| d.is_valid());
    if let (Some(i), Some(d)) = (failing_hop, attempt) {
        if let Some(h) = hops.get_mut(i).filter(|h| h.role == HopRole::Remote) {
            let ts = d.to_timestamp();
            h.date = Some(d.to_rfc3339());
            h.delay_s = prev_ts.map(|p| ts - p);
        }
    }
    if failing_hop.is_none() && failing.is_some() {
        failing_hop = hops.iter().rposition(|h| {
            h.by.as_deref()
                .zip(failing)
                .is_some_and(|(b, f)| b.eq_ignore_ascii_case(f))
        });
    }
    (hops, failing_hop)
}
