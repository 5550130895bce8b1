//! A sleep that works natively and in the browser, for the checks' time limits.

use futures::future::{FutureExt, LocalBoxFuture};

/// Completes after `ms` milliseconds. Nothing starts until it is first polled.
#[cfg(not(target_arch = "wasm32"))]
pub fn sleep(ms: u32) -> LocalBoxFuture<'static, ()> {
    async move {
        let (tx, rx) = futures::channel::oneshot::channel::<()>();
        let spawned = std::thread::Builder::new()
            .name("DNS time limit".into())
            .spawn(move || {
                std::thread::sleep(std::time::Duration::from_millis(u64::from(ms)));
                let _ = tx.send(());
            });
        match spawned {
            Ok(_) => {
                let _ = rx.await;
            }
            // No thread, no timer: never fire rather than fire at once.
            Err(_) => futures::future::pending::<()>().await,
        }
    }
    .boxed_local()
}

/// Completes after `ms` milliseconds (`setTimeout`, in a page or a worker); dropping it clears
/// the timeout. Nothing starts until it is first polled.
#[cfg(target_arch = "wasm32")]
pub fn sleep(ms: u32) -> LocalBoxFuture<'static, ()> {
    async move {
        let (tx, rx) = futures::channel::oneshot::channel::<()>();
        let _timeout = gloo_timers::callback::Timeout::new(ms, move || {
            let _ = tx.send(());
        });
        let _ = rx.await;
    }
    .boxed_local()
}
