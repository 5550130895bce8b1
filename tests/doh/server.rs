//! Shared by the DNS integration tests: the URL of a real DoH server on loopback.

use std::process::Command;
use std::sync::OnceLock;

static URL: OnceLock<String> = OnceLock::new();

/// `BOUNCE_DOH_URL` when set, else a server started once for this test process by
/// `scripts/doh-server.sh` (unbound + dnsdist with `tests/doh/zones.conf`); it stops by itself
/// when the process ends, even after a failed test.
pub fn url() -> &'static str {
    URL.get_or_init(|| {
        if let Ok(u) = std::env::var("BOUNCE_DOH_URL") {
            if !u.is_empty() {
                return u;
            }
        }
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/doh-server.sh");
        let out = Command::new("bash")
            .arg(script)
            .args(["start", "--owner", &std::process::id().to_string()])
            .output()
            .expect("run scripts/doh-server.sh");
        assert!(
            out.status.success(),
            "could not start the loopback DoH server (scripts/setup.sh test installs unbound and dnsdist): {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .find_map(|l| l.strip_prefix("DOH_URL="))
            .expect("DOH_URL in the script's output")
            .to_string()
    })
}
