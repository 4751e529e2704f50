//! What the emitter can be told.

/// Which entity types get an update (PATCH) body type such as `UserPatch`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum PatchTypes {
    /// None at all.
    None,
    /// The types some update operation of the model sends changes to: those
    /// of the operations whose request the model gives as a patch
    /// ([`graphdoc_ir::RequestShape::Patch`]: a `PATCH` of an entity or complex
    /// type). The default: most types are never updated, and each patch type costs
    /// compile time.
    #[default]
    Updatable,
    /// Every entity type.
    AllEntities,
}

/// Settings of the emitter, built in the builder style:
///
/// ```
/// use graphdoc_emit::EmitSettings;
/// let settings = EmitSettings::new()
///     .runtime_crate("::graphdoc_runtime")
///     .extra_derive("Hash");
/// assert_eq!(settings.extra_derives(), ["Hash"]);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmitSettings {
    runtime_crate: String,
    extra_derives: Vec<String>,
    patch_types: PatchTypes,
    root_namespace: String,
    models: bool,
    routes: bool,
    workload_features: bool,
    example_snapshots: bool,
    families: bool,
}

impl Default for EmitSettings {
    fn default() -> Self {
        Self {
            runtime_crate: "::graphdoc_runtime".to_owned(),
            extra_derives: Vec::new(),
            patch_types: PatchTypes::default(),
            root_namespace: "microsoft.graph".to_owned(),
            models: true,
            routes: true,
            example_snapshots: true,
            workload_features: false,
            families: true,
        }
    }
}

impl EmitSettings {
    /// The defaults.
    pub fn new() -> Self {
        Self::default()
    }

    /// The path generated code uses for the runtime crate (default
    /// `::graphdoc_runtime`). Must be a Rust path; checked when emitting.
    pub fn runtime_crate(mut self, path: impl Into<String>) -> Self {
        self.runtime_crate = path.into();
        self
    }

    /// One more derive for every generated struct and enum, as a path (`Hash`,
    /// `::schemars::JsonSchema`). Checked when emitting; a derive a type already
    /// has (`Hash`, `Eq` on enums, ...) is not repeated, and `Serialize` and
    /// `Deserialize` are ignored (the emitter writes those impls itself).
    pub fn extra_derive(mut self, path: impl Into<String>) -> Self {
        self.extra_derives.push(path.into());
        self
    }

    /// Which types get a patch (update body) type.
    pub fn patch_types(mut self, patch_types: PatchTypes) -> Self {
        self.patch_types = patch_types;
        self
    }

    /// The namespace whose types keep their plain names (default `microsoft.graph`);
    /// types of other namespaces are prefixed with the rest of their namespace
    /// (`microsoft.graph.callRecords.session` -> `CallRecordsSession`).
    pub fn root_namespace(mut self, namespace: impl Into<String>) -> Self {
        self.root_namespace = namespace.into();
        self
    }

    /// Whether to emit the models: structs, patch types, enums (default `true`).
    pub fn models(mut self, yes: bool) -> Self {
        self.models = yes;
        self
    }

    /// Whether to emit route stubs, a function per operation and path template in
    /// each version's `routes` module (default `true`). Routes name the models, so
    /// they need [`EmitSettings::models`].
    pub fn routes(mut self, yes: bool) -> Self {
        self.routes = yes;
        self
    }

    /// Gate each workload's module behind a Cargo feature of the same name
    /// (default `false`), so a crate compiles only the workloads it enables.
    /// Fields and routes naming a type of another workload are gated by that
    /// workload's feature too, so no workload drags in the rest of Graph; values
    /// of a gated-off property still round-trip through the unknown-properties
    /// map. Only for a generated crate: in code a build script `include!`s, the
    /// features would be the including crate's.
    pub fn workload_features(mut self, yes: bool) -> Self {
        self.workload_features = yes;
        self
    }

    /// Emit a family enum (`AnyDirectoryObject`) for each type that others
    /// derive from, and use it wherever such a type is declared, so a value
    /// deserializes as the type its `@odata.type` names (default `true`). Off,
    /// a value is always its declared type's struct, a derived type's
    /// properties landing in the struct's additional properties: less code,
    /// and the bindings a benchmark compares against.
    pub fn families(mut self, yes: bool) -> Self {
        self.families = yes;
        self
    }

    /// See [`EmitSettings::families`].
    pub fn emits_families(&self) -> bool {
        self.families
    }

    /// See [`EmitSettings::workload_features`].
    pub fn gates_workloads(&self) -> bool {
        self.workload_features
    }

    /// Whether example tests ([`crate::emit_example_tests`]) record the typed
    /// values as insta snapshots (default `true`). Off where nobody reviews
    /// snapshots, such as a throwaway crate of the whole docs tree.
    pub fn example_snapshots(mut self, yes: bool) -> Self {
        self.example_snapshots = yes;
        self
    }

    /// See [`EmitSettings::example_snapshots`].
    pub fn emits_example_snapshots(&self) -> bool {
        self.example_snapshots
    }

    /// See [`EmitSettings::models`].
    pub fn emits_models(&self) -> bool {
        self.models
    }

    /// See [`EmitSettings::routes`].
    pub fn emits_routes(&self) -> bool {
        self.routes
    }

    /// See [`EmitSettings::runtime_crate`].
    pub fn runtime_crate_path(&self) -> &str {
        &self.runtime_crate
    }

    /// See [`EmitSettings::extra_derive`].
    pub fn extra_derives(&self) -> &[String] {
        &self.extra_derives
    }

    /// See [`EmitSettings::patch_types`].
    pub fn patch_type_scope(&self) -> PatchTypes {
        self.patch_types
    }

    /// See [`EmitSettings::root_namespace`].
    pub fn root_namespace_name(&self) -> &str {
        &self.root_namespace
    }
}
