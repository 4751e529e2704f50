//! The impls of generated models, written once here as macros: a generated
//! struct or enum lists its wire names in one invocation, and the serde code
//! is expanded from that list at compile time instead of being emitted (and
//! kept, and read) as source per type.

/// `FromObject`, `Deserialize` and `Serialize` of a model struct (or a patch
/// struct, or an action's parameters) from its fields' wire names, the last
/// entry naming the field that keeps the other properties:
///
/// ```
/// use graphdoc_runtime::{AdditionalProperties, Patch};
///
/// #[derive(Debug, Default, PartialEq)]
/// pub struct User {
///     pub id: Option<String>,
///     pub display_name: Option<String>,
///     pub additional: AdditionalProperties,
/// }
/// graphdoc_runtime::graph_object!(User { id = "id", display_name = "displayName", ..additional });
///
/// #[derive(Debug, Default, PartialEq)]
/// pub struct UserPatch {
///     pub display_name: Patch<String>,
///     pub additional: AdditionalProperties,
/// }
/// graphdoc_runtime::graph_object!(UserPatch { display_name = "displayName", ..additional });
///
/// let json = r#"{"id":"1","displayName":"Adele","extra":true}"#;
/// let user: User = serde_json::from_str(json).unwrap();
/// assert_eq!(user.display_name.as_deref(), Some("Adele"));
/// assert_eq!(serde_json::to_string(&user).unwrap(), json);
///
/// let clear = UserPatch { display_name: Patch::Null, ..Default::default() };
/// assert_eq!(serde_json::to_string(&clear).unwrap(), r#"{"displayName":null}"#);
/// ```
///
/// Each field is a [`Property`](crate::model::Property) (`Option<T>` or
/// [`Patch<T>`](crate::Patch)), written in the order listed when it is
/// present, followed by the other properties. A field may carry `#[cfg]`
/// attributes, as its declaration does.
#[macro_export]
macro_rules! graph_object {
    ($name:ident { $( $(#[$gate:meta])* $field:ident = $wire:literal, )* ..$additional:ident }) => {
        impl $crate::FromObject for $name {
            fn from_object(
                o: &mut $crate::Object,
            ) -> ::core::result::Result<Self, $crate::serde_json::Error> {
                ::core::result::Result::Ok(Self {
                    $( $(#[$gate])* $field: $crate::model::Property::take(o, $wire)?, )*
                    $additional: o.finish(),
                })
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::deserialize_object(deserializer, <Self as $crate::FromObject>::from_object)
            }
        }

        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                #[allow(unused_mut)]
                let mut object = $crate::model::ObjectWriter::new(serializer)?;
                $( $(#[$gate])* object.property($wire, &self.$field)?; )*
                object.finish(&self.$additional)
            }
        }
    };
}

/// `GraphEnum`, `Serialize` and `Deserialize` of a model enum from its
/// members' wire names, the last entry naming the variant that keeps values
/// these bindings do not know:
///
/// ```
/// #[derive(Debug, Clone, PartialEq)]
/// pub enum Color { Red, DarkBlue, Other(String) }
/// graphdoc_runtime::graph_enum!(Color { Red = "red", DarkBlue = "darkBlue", ..Other });
///
/// assert_eq!(serde_json::to_string(&Color::DarkBlue).unwrap(), r#""darkBlue""#);
/// let other: Color = serde_json::from_str(r#""green""#).unwrap();
/// assert_eq!(other, Color::Other("green".into()));
/// ```
#[macro_export]
macro_rules! graph_enum {
    ($name:ident { $( $variant:ident = $wire:literal, )* ..$other:ident }) => {
        impl $crate::GraphEnum for $name {
            fn as_str(&self) -> &str {
                match self {
                    $( Self::$variant => $wire, )*
                    Self::$other(value) => value,
                }
            }

            fn from_wire(value: ::std::borrow::Cow<'_, str>) -> Self {
                match &*value {
                    $( $wire => Self::$variant, )*
                    _ => Self::$other(value.into_owned()),
                }
            }
        }

        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str($crate::GraphEnum::as_str(self))
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::deserialize_enum(deserializer)
            }
        }
    };
}
