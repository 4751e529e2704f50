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
                // No `?` per field: see the `object` module on what that costs.
                let value = Self {
                    $( $(#[$gate])* $field: o.read($wire), )*
                    $additional: o.finish(),
                };
                o.conclude(value)
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
                $( $(#[$gate])* object.property($wire, &self.$field); )*
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

/// The impls of a family enum (see [`Family`](crate::Family)): `Default` (the
/// base variant), `Family`, `Serialize`, `Deserialize`, and `From` each
/// variant's struct. The variants come first, the base type's first, each
/// with its qualified name and, when its struct has one, the field holding
/// `@odata.type` (`unless odata_type`: serializing adds the variant's
/// annotation unless the field holds one; the base type's never); then the derived types again,
/// sorted as [`Family::DERIVED`](crate::Family::DERIVED) is; then, optionally,
/// the properties every variant has, each an accessor `method(field) -> T`
/// returning `Option<&T>`, whether the variants hold the field as `Option<T>`
/// or as `Option<Box<T>>` (see [`SharedProperty`](crate::model::SharedProperty)):
///
/// ```
/// use graphdoc_runtime::{AdditionalProperties, graph_object};
///
/// #[derive(Debug, Clone, Default, PartialEq)]
/// pub struct Item { pub odata_type: Option<String>, pub name: Option<String>, pub additional: AdditionalProperties }
/// graph_object!(Item { odata_type = "@odata.type", name = "name", ..additional });
/// #[derive(Debug, Clone, Default, PartialEq)]
/// pub struct File {
///     pub odata_type: Option<String>,
///     pub name: Option<Box<String>>,
///     pub size: Option<i64>,
///     pub additional: AdditionalProperties,
/// }
/// graph_object!(File { odata_type = "@odata.type", name = "name", size = "size", ..additional });
///
/// #[derive(Debug, Clone, PartialEq)]
/// pub enum AnyItem { Item(Box<Item>), File(Box<File>) }
/// graphdoc_runtime::graph_family!(AnyItem {
///     Item(Item) = "example.item" as as_item unless odata_type,
///     File(File) = "example.file" as as_file unless odata_type,
///     ..additional
/// } derived {
///     "example.file" => File,
/// } shared {
///     /// `name`, whichever the variant.
///     name(name) -> String,
/// });
///
/// let file = AnyItem::from(File { size: Some(3), ..Default::default() });
/// assert_eq!(file.type_name(), "example.file");
/// assert_eq!(file.as_file().and_then(|f| f.size), Some(3));
/// assert_eq!(file.name(), None);
/// assert_eq!(AnyItem::from(Item { name: Some("a".into()), ..Default::default() }).name().unwrap(), "a");
/// let json = serde_json::to_string(&file).unwrap();
/// assert_eq!(json, r##"{"@odata.type":"#example.file","size":3}"##);
/// assert_eq!(serde_json::from_str::<AnyItem>(&json).unwrap(), AnyItem::from(File {
///     odata_type: Some("#example.file".into()),
///     size: Some(3),
///     ..Default::default()
/// }));
/// ```
#[macro_export]
macro_rules! graph_family {
    ($name:ident {
        $(#[$base_gate:meta])* $base:ident($base_ty:ty) = $base_name:literal as $base_as:ident $(unless $base_field:ident)?,
        $( $(#[$gate:meta])* $variant:ident($ty:ty) = $qualified:literal as $as_fn:ident $(unless $field:ident)?, )*
        ..$additional:ident
    } derived {
        $( $(#[$derived_gate:meta])* $derived_name:literal => $derived_ty:ty, )*
    } $(shared { $($shared:tt)* })?) => {
        impl ::core::default::Default for $name {
            fn default() -> Self {
                Self::$base(::core::default::Default::default())
            }
        }

        impl $crate::Family for $name {
            const BASE: &'static str = $base_name;
            const DERIVED: &'static [(&'static str, $crate::model::Build<Self>)] = &[
                $( $(#[$derived_gate])* ($derived_name, $crate::derived::<$derived_ty, Self>), )*
            ];

            fn base(
                o: &mut $crate::Object,
            ) -> ::core::result::Result<Self, $crate::serde_json::Error> {
                $crate::derived::<$base_ty, Self>(o)
            }
        }

        impl $crate::serde::Serialize for $name {
            fn serialize<S: $crate::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                match self {
                    $(#[$base_gate])* Self::$base(v) => $crate::serde::Serialize::serialize(&**v, serializer),
                    $( $(#[$gate])* Self::$variant(v) => $crate::graph_family!(@serialize v, serializer, $qualified $(, $field)?), )*
                }
            }
        }

        impl<'de> $crate::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::deserialize_family(deserializer)
            }
        }

        $(#[$base_gate])*
        impl ::core::convert::From<$base_ty> for $name {
            fn from(value: $base_ty) -> Self {
                Self::$base(::std::boxed::Box::new(value))
            }
        }

        $(
            $(#[$gate])*
            impl ::core::convert::From<$ty> for $name {
                fn from(value: $ty) -> Self {
                    Self::$variant(::std::boxed::Box::new(value))
                }
            }
        )*

        #[allow(unreachable_patterns)]
        impl $name {
            /// The qualified name of the variant's type.
            pub fn type_name(&self) -> &'static str {
                match self {
                    $(#[$base_gate])* Self::$base(_) => $base_name,
                    $( $(#[$gate])* Self::$variant(_) => $qualified, )*
                }
            }

            /// The value's `@odata.type` annotation, as received or set.
            pub fn odata_type(&self) -> ::core::option::Option<&str> {
                match self {
                    $(#[$base_gate])* Self::$base(v) => $crate::graph_family!(@odata_type v $(, $base_field)?),
                    $( $(#[$gate])* Self::$variant(v) => $crate::graph_family!(@odata_type v $(, $field)?), )*
                }
            }

            /// The properties the variant's struct has no field for, and the
            /// mismatched ones (see `AdditionalProperties::mismatched`).
            pub fn additional(&self) -> &$crate::AdditionalProperties {
                match self {
                    $(#[$base_gate])* Self::$base(v) => &v.$additional,
                    $( $(#[$gate])* Self::$variant(v) => &v.$additional, )*
                }
            }

            #[doc = ::core::concat!(" The `", $base_name, "`, if it is one (not a type derived from it).")]
            $(#[$base_gate])*
            pub fn $base_as(&self) -> ::core::option::Option<&$base_ty> {
                match self {
                    Self::$base(v) => ::core::option::Option::Some(v),
                    _ => ::core::option::Option::None,
                }
            }

            $(
                #[doc = ::core::concat!(" The `", $qualified, "`, if it is one (not a type derived from it).")]
                $(#[$gate])*
                pub fn $as_fn(&self) -> ::core::option::Option<&$ty> {
                    match self {
                        Self::$variant(v) => ::core::option::Option::Some(v),
                        _ => ::core::option::Option::None,
                    }
                }
            )*
        }

        $crate::graph_family!(@shared $name
            [$(#[$base_gate])* $base $( $(#[$gate])* $variant )*]
            $($($shared)*)?
        );
    };
    // The accessors of the properties every variant has: one per entry, each
    // matching every variant (a separate step, as the variants repeat inside
    // the entries' repetition).
    (@shared $name:ident $variants:tt
        $( $(#[$attr:meta])* $method:ident($field:ident) -> $ty:ty, )*
    ) => {
        #[allow(unreachable_patterns)]
        impl $name {
            $( $crate::graph_family!(@accessor $variants $(#[$attr])* $method($field) -> $ty); )*
        }
    };
    (@accessor [$( $(#[$gate:meta])* $variant:ident )*]
        $(#[$attr:meta])* $method:ident($field:ident) -> $ty:ty
    ) => {
        $(#[$attr])*
        pub fn $method(&self) -> ::core::option::Option<&$ty> {
            match self {
                $( $(#[$gate])* Self::$variant(v) => $crate::model::SharedProperty::<$ty>::shared(&v.$field), )*
            }
        }
    };
    // A variant whose struct has no field for `@odata.type`: never a second one.
    (@serialize $v:ident, $serializer:ident, $qualified:literal) => {
        $crate::serde::Serialize::serialize(&**$v, $serializer)
    };
    (@serialize $v:ident, $serializer:ident, $qualified:literal, $field:ident) => {
        $crate::serialize_variant(
            &**$v,
            $v.$field.is_some(),
            ::core::option::Option::Some(::core::concat!("#", $qualified)),
            $serializer,
        )
    };
    (@odata_type $v:ident) => {
        ::core::option::Option::None
    };
    (@odata_type $v:ident, $field:ident) => {
        $v.$field.as_deref()
    };
}
