//! The runtime support that graphdoc's generated Microsoft Graph bindings depend on.
//!
//! Generated crates are large (the whole Graph v1.0 has about a thousand types), so
//! everything they share lives here, written once, and the generated code stays a
//! plain list of structs and enums with small trait impls. Generated code refers to
//! this crate by absolute paths (`::graphdoc_runtime::...`) and depends directly only
//! on it and on `serde` (for the derives).
//!
//! What the model types use:
//!
//! | Edm type | Rust type |
//! | --- | --- |
//! | `Edm.Double`, `Edm.Single` | [`GraphF64`], [`GraphF32`]: also `"NaN"`, `"INF"`, `"-INF"` |
//! | `Edm.Decimal` | [`Decimal`] (a [`serde_json::Number`]) |
//! | `Edm.DateTimeOffset` | [`DateTimeOffset`] (a `chrono::DateTime<FixedOffset>` that keeps its format) |
//! | `Edm.Date` | [`Date`] (`chrono::NaiveDate`) |
//! | `Edm.TimeOfDay` | [`TimeOfDay`] (a `chrono::NaiveTime` that keeps its format) |
//! | `Edm.Duration` | [`IsoDuration`] |
//! | `Edm.Guid` | [`Guid`] (`uuid::Uuid`) |
//! | `Edm.Binary` | [`Base64Bytes`] |
//! | enum types | generated enums implementing [`GraphEnum`]; flags enums in [`Flags`] |
//! | update (PATCH) bodies | fields of type [`Patch`] |
//! | struct `Deserialize` impls | [`deserialize_object`], [`FromObject`] and [`Object`] (cheap to compile) |
//! | properties a struct has no field for, or whose value does not fit its field | [`AdditionalProperties`] (see [`strictly`]) |
//! | a type with derived types, where it is declared | a generated enum implementing [`Family`], dispatching on `@odata.type` |
//!
//! Every type here serializes back what Graph sent: deserializing a value and
//! serializing it again gives the same JSON (each type's docs list the few inputs
//! that Graph does not send and that are normalised).
//!
//! What the routes use ([`http`], transport-independent): a generated route
//! function returns a [`RequestBuilder<R>`] (method, percent-encoded URL, headers,
//! JSON body); `build()` gives a plain [`Request`], and the route's response kind
//! `R` parses a plain [`Response`] into the typed result ([`CollectionPage`] for
//! collections) or an [`Error`] ([`GraphError`] for Graph's error bodies).
//! Feature `client` adds a blocking client on `ureq` (`client::Client`: bearer
//! token, `@odata.nextLink` paging, retries of `429`/`503` after `Retry-After`),
//! feature `client-async` the same on tokio (`client_async::AsyncClient`, on
//! reqwest; collections as `Stream`s), both under one policy for retries,
//! paging and where the token may go ([`http::batch`] packs up to 20
//! requests into one `$batch` request and splits its answer, for either);
//! feature `mock` a canned-response server on 127.0.0.1 for tests
//! (`mock::MockServer`). [`testing`] holds the assertions of the example tests
//! graphdoc emits (request, JSON round trip) and, with a client feature, of
//! its live tests (a route's request sent to a mock of Graph, such as
//! `graphdoc mock`, and read into the route's type).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

#[cfg(feature = "client")]
pub mod client;
#[cfg(feature = "client-async")]
pub mod client_async;
pub mod http;
#[cfg(feature = "mock")]
pub mod mock;
pub mod model;
pub mod testing;

pub use http::{CollectionPage, Error, GraphError, Method, Request, RequestBuilder, Response};

pub use model::{
    AdditionalProperties, Base64Bytes, Date, DateTimeOffset, Decimal, Family, Flags, FromObject,
    GraphEnum, GraphF32, GraphF64, Guid, IsoDuration, Object, ParseError, Patch, TimeOfDay,
    derived, deserialize_enum, deserialize_family, deserialize_object, leniently,
    serialize_variant, strictly,
};

/// Re-exported for generated code and its users, so that they share this crate's versions.
pub use chrono;
/// Re-exported for generated code and its users.
pub use serde;
/// Re-exported for generated code and its users (`serde_json::Value` for untyped JSON).
pub use serde_json;
/// Re-exported for generated code and its users.
pub use uuid;
