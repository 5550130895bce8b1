//! The native DoH transport against a deliberately broken HTTP server on loopback: every bad
//! reply becomes a clear "unknown" with its reason, never a panic or a wrong answer.

use bounce::dns::native::NativeTransport;
use bounce::dns::resolver::{DohResolver, Resolver};
use bounce::dns::wire::{Lookup, RType, Why};
use futures::executor::block_on;
use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;

/// Serves canned replies chosen by the request path, for at most `max` connections.
fn broken_server(max: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(max) {
            let Ok(mut s) = stream else { continue };
            std::thread::spawn(move || {
                let _ = s.set_read_timeout(Some(Duration::from_secs(5)));
                let mut req = Vec::new();
                let mut buf = [0u8; 1024];
                while !req.windows(4).any(|w| w == b"\r\n\r\n") {
                    match s.read(&mut buf) {
                        Ok(0) | Err(_) => return,
                        Ok(n) => req.extend_from_slice(&buf[..n]),
                    }
                }
                let head = String::from_utf8_lossy(&req).to_string();
                let path = head.split_whitespace().nth(1).unwrap_or("/").to_string();
                let reply = |status: &str, ct: &str, body: &[u8]| {
                    let mut r = format!(
                        "HTTP/1.1 {status}\r\ncontent-type: {ct}\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
                        body.len()
                    )
                    .into_bytes();
                    r.extend_from_slice(body);
                    r
                };
                let out = if path.starts_with("/e500") {
                    reply("500 Internal Server Error", "text/plain", b"oops")
                } else if path.starts_with("/html") {
                    reply("200 OK", "text/html; charset=utf-8", b"<html>captive portal</html>")
                } else if path.starts_with("/garbage") {
                    reply("200 OK", "application/dns-message", &[0xff; 40])
                } else if path.starts_with("/big") {
                    reply("200 OK", "application/dns-message", &vec![0u8; 70_000])
                } else if path.starts_with("/slow") {
                    std::thread::sleep(Duration::from_millis(1500));
                    reply("200 OK", "application/dns-message", &[0; 12])
                } else {
                    reply("404 Not Found", "text/plain", b"")
                };
                let _ = s.write_all(&out);
            });
        }
    });
    format!("http://127.0.0.1:{}", addr.port())
}

fn ask(url: &str, timeout_ms: u32) -> Lookup {
    let r = DohResolver::new(url, NativeTransport::new(), timeout_ms);
    block_on(r.lookup("example.test", RType::A))
}

#[test]
fn bad_replies_are_unknown_with_the_reason() {
    let base = broken_server(12);
    assert_eq!(ask(&format!("{base}/e500"), 2000), Lookup::unknown(Why::Http(500)));
    assert_eq!(
        ask(&format!("{base}/html"), 2000),
        Lookup::unknown(Why::ContentType("text/html; charset=utf-8".into()))
    );
    assert!(matches!(
        ask(&format!("{base}/garbage"), 2000),
        Lookup::Unknown { why: Why::Malformed(_) }
    ));
    assert_eq!(ask(&format!("{base}/big"), 2000), Lookup::unknown(Why::Oversized));
    // Two attempts (one retry), each cut at 300 ms.
    let started = std::time::Instant::now();
    assert_eq!(ask(&format!("{base}/slow"), 300), Lookup::unknown(Why::Timeout));
    assert!(
        started.elapsed() < Duration::from_millis(1400),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn queries_run_in_parallel() {
    let base = broken_server(8);
    let r = DohResolver::new(&format!("{base}/slow"), NativeTransport::new(), 5000);
    let started = std::time::Instant::now();
    let names = ["a.test", "b.test", "c.test", "d.test"];
    let answers = block_on(futures::future::join_all(names.iter().map(|n| r.lookup(n, RType::A))));
    // Each reply takes 1.5 s: one after the other would take 6 s.
    assert!(
        started.elapsed() < Duration::from_millis(4000),
        "{:?}",
        started.elapsed()
    );
    // The slow server answers with an empty header (id 0, not a response): unknown, not a crash.
    assert!(answers.iter().all(|a| matches!(a, Lookup::Unknown { .. })));
    assert_eq!(r.queries().len(), 4);
}

#[test]
fn nothing_listening_is_a_network_error() {
    let l = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = l.local_addr().unwrap().port();
    drop(l);
    assert!(matches!(
        ask(&format!("http://127.0.0.1:{port}/dns-query"), 1000),
        Lookup::Unknown { why: Why::Network(_) }
    ));
}
