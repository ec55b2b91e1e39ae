//! `/healthz`: the process is up and answering (it does not touch the store).

/// `200 ok`.
pub async fn check() -> &'static str {
    "ok"
}
