//! A crate that gets its Graph bindings from its build script, as users do.
//! Not published: it exists so CI proves the build.rs integration end to end.

include!(concat!(env!("OUT_DIR"), "/graphdoc.rs"));
