//! The `bounce` binary run with a fixed locale, for the CLI tests against the loopback DoH server.

use std::process::Command;

/// A bounce whose reply names a listed client address.
pub const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/doh/fixtures/blocked.eml");

/// Runs `bounce` with `args` in the C locale: its exit code, standard output and standard error.
pub fn bounce(args: &[&str]) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_bounce"))
        .args(args)
        .env("LANG", "C")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .output()
        .expect("run bounce");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}
