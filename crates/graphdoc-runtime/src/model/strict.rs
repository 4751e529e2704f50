//! Whether a property whose value does not fit its field fails deserialization.
//!
//! By default it does not: the value is kept in the struct's
//! [`AdditionalProperties`](super::AdditionalProperties) and the field left
//! empty, because Graph does not always send what its docs say, and one such
//! property must not cost a caller the whole response. Tests that want a
//! hard error turn strictness on for a closure ([`strictly`]) or, with the
//! crate feature `strict`, everywhere.

use std::cell::Cell;

thread_local! {
    static STRICT: Cell<bool> = const { Cell::new(cfg!(feature = "strict")) };
}

/// Runs `f` with strict deserialization on this thread: a property whose JSON
/// value does not fit its field is an error naming the property, as serde's
/// derive would give. (Deserialization on other threads is unaffected; the
/// crate feature `strict` makes every thread strict.)
///
/// ```
/// use graphdoc_runtime::{Object, deserialize_object, leniently, strictly};
///
/// #[derive(Debug)]
/// struct Presence { availability: Option<Vec<String>> }
/// impl<'de> serde::Deserialize<'de> for Presence {
///     fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
///         deserialize_object(d, |o: &mut Object| Ok(Self { availability: o.take("availability")? }))
///     }
/// }
///
/// let sent = r#"{"availability": "Available"}"#;
/// assert!(leniently(|| serde_json::from_str::<Presence>(sent)).is_ok());
/// assert!(strictly(|| serde_json::from_str::<Presence>(sent)).is_err());
/// ```
pub fn strictly<R>(f: impl FnOnce() -> R) -> R {
    let _strict = strictness(true);
    f()
}

/// Runs `f` with lenient deserialization on this thread (the default unless
/// the crate feature `strict` is on): a property whose JSON value does not fit
/// its field is kept in the struct's additional properties.
pub fn leniently<R>(f: impl FnOnce() -> R) -> R {
    let _lenient = strictness(false);
    f()
}

/// Strict deserialization on this thread until the guard drops.
#[cfg(any(feature = "client", feature = "client-async"))]
pub(crate) fn strict_guard() -> impl Drop {
    strictness(true)
}

/// Deserialization on this thread strict or not until the guard drops.
pub(crate) fn strictness(strict: bool) -> impl Drop {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            STRICT.with(|s| s.set(self.0));
        }
    }
    Restore(STRICT.with(|s| s.replace(strict)))
}

/// Whether deserialization on this thread is strict (see [`strictly`]).
pub fn is_strict() -> bool {
    STRICT.with(Cell::get)
}
