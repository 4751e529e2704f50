//! Reading the service's CSDL (`$metadata`) into an [`ApiModel`].

use std::collections::{BTreeMap, HashMap};

use graphdoc_ir::{
    ApiModel, ApiVersion, Binding, Code, Diagnostic, EnumMember, FileId, HttpMethod, Loc,
    ModelOperation, ModelType, Operation, OperationKind, Parameter, Primitive, Property,
    RequestBody, RequestShape, ResponseShape, ResponseSpec, Target, TypeId, TypeKind, TypeUse,
};

use crate::xml::{Elem, LineIndex};
use crate::{CsdlError, DESCRIPTION_TERM};

/// Reads CSDL metadata (EDMX 4.0) into an [`ApiModel`] for API version v1.0,
/// with the file name `$metadata` in its file table. See
/// [`read_metadata_with`] to name the file and the version.
pub fn read_metadata(xml: &str) -> Result<ApiModel, CsdlError> {
    read_metadata_with(xml, "$metadata", ApiVersion::V1_0)
}

/// Reads CSDL metadata (EDMX 4.0) into an [`ApiModel`].
///
/// Every [`Loc`] of the result points into `path` (file 0 of the model's file
/// table). The reader is where metadata names are resolved: every type name
/// (qualified, `microsoft.graph.user`, or with its schema's alias,
/// `graph.user`) becomes the [`TypeId`] of the type of that qualified name
/// (compared case-insensitively, as the model's names are unique that way).
/// The mapping:
/// - `EntityType`/`ComplexType` become [`ModelType`]s of kind entity/complex,
///   with `BaseType` (as `base`), `OpenType` and the `Key` (its first
///   `PropertyRef`; a derived type declares none, so its `key` is `None`);
///   `Property` and `NavigationProperty` become [`Property`]s, the latter with
///   `navigation = true`;
/// - `EnumType` becomes an enum [`ModelType`] with its members, values and `IsFlags`;
/// - `Action`/`Function` become operations of kind action/function (method
///   POST/GET). For a bound one, [`ModelOperation::binding`] is the binding
///   parameter's element type, with `collection` for a `Collection(...)`
///   binding; `binding_type` is that type's qualified name, and the binding
///   parameter itself (name and type) is the operation's only path
///   parameter. The other parameters are the request body's properties
///   (`Nullable="false"` marks them required); `ReturnType` is the response
///   type. Operation ids are `{binding}/{name}` (binding as in CSDL, e.g.
///   `Collection(microsoft.graph.user)/delta`) or `{namespace}.{name}` for
///   unbound ones; overloads get their parameter names appended, `(a,b)`.
/// - Shapes: an action with parameters besides the binding one sends
///   [`RequestShape::Parameters`]; other actions, and functions (whose
///   parameters travel in the URL), send [`RequestShape::None`]. The response
///   is [`ResponseShape::Collection`] for a collection `ReturnType`,
///   [`ResponseShape::Entity`] for one value of an entity or complex type,
///   [`ResponseShape::Bytes`] for `Edm.Stream`, [`ResponseShape::Value`] for
///   any other single value, and [`ResponseShape::None`] without a `ReturnType`.
/// - A name no schema defines becomes [`Target::Unresolved`] (with its
///   qualified spelling) and a [`Code::UnresolvedType`] diagnostic; a base
///   type or a binding type that does not resolve is dropped the same way.
///   Edm types graphdoc does not model (spatial types, ...) become
///   [`Target::Unresolved`] with a [`Code::CsdlUnsupportedType`] diagnostic.
///   A type defined twice (also in another case) keeps its first definition
///   ([`Code::CsdlDuplicate`]); a `BaseType` cycle is cut
///   ([`Code::InheritanceCycle`]).
/// - `Org.OData.Core.V1.Description` annotations, inline or in `Annotations`
///   blocks targeting a type or property, become descriptions.
///
/// Lost on the way, as the IR has no place for them: `Abstract`, `HasStream`,
/// `Nullable` of properties, `ContainsTarget`, the entity container and
/// capability annotations.
pub fn read_metadata_with(
    xml: &str,
    path: &str,
    version: ApiVersion,
) -> Result<ApiModel, CsdlError> {
    let lines = LineIndex::new(xml);
    let root = crate::xml::parse(xml, &lines)?;
    if root.name != "Edmx" {
        return Err(CsdlError::at(
            &lines,
            root.offset,
            format!(
                "expected an <edmx:Edmx> root element, found <{}>",
                root.name
            ),
        ));
    }
    let schemas: Vec<&Elem> = root
        .children_named("DataServices")
        .flat_map(|ds| ds.children_named("Schema"))
        .collect();
    if schemas.is_empty() {
        return Err(CsdlError::at(
            &lines,
            root.offset,
            "the document has no <DataServices>/<Schema>".into(),
        ));
    }

    let mut reader = Reader {
        lines: &lines,
        path,
        aliases: BTreeMap::new(),
        ids: HashMap::new(),
        numbered: Vec::new(),
        types: Vec::new(),
        operations: BTreeMap::new(),
        diagnostics: Vec::new(),
    };
    for schema in &schemas {
        let ns = reader.required(schema, "Namespace")?.to_string();
        if let Some(alias) = schema.attr("Alias") {
            reader.aliases.insert(alias.to_string(), ns.clone());
        }
    }
    reader.number_types(&schemas)?;
    for schema in &schemas {
        reader.schema(schema)?;
    }
    for schema in &schemas {
        for block in schema.children_named("Annotations") {
            reader.annotations_block(block);
        }
    }
    reader.cut_cycles();

    let Reader {
        types,
        operations,
        mut diagnostics,
        ..
    } = reader;
    let mut model = ApiModel::new(version);
    model.files.push(path.to_string());
    // Every numbered name was defined (numbering and definition read the
    // same elements), and the arena is already in the model's order, so
    // `set_types` keeps the ids the operations hold.
    model.set_types(
        types
            .into_iter()
            .map(|t| t.expect("every numbered type is defined"))
            .collect(),
    );
    model.operations = operations;
    diagnostics.sort();
    model.diagnostics = diagnostics;
    Ok(model)
}

struct Reader<'a> {
    lines: &'a LineIndex<'a>,
    path: &'a str,
    aliases: BTreeMap<String, String>,
    /// Lower-case qualified name to the id of the type of that name.
    ids: HashMap<String, TypeId>,
    /// The qualified name and kind of each numbered type, as its first
    /// definition gives them, indexed by id.
    numbered: Vec<(String, TypeKind)>,
    /// The arena being filled, indexed by id.
    types: Vec<Option<ModelType>>,
    operations: BTreeMap<String, ModelOperation>,
    diagnostics: Vec<Diagnostic>,
}

fn is_type_element(elem: &Elem) -> bool {
    matches!(
        elem.name.as_str(),
        "EntityType" | "ComplexType" | "EnumType"
    )
}

impl Reader<'_> {
    fn loc(&self, elem: &Elem) -> Loc {
        let (line, column) = self.lines.line_col(elem.offset);
        Loc::new(FileId(0), line, column)
    }

    fn required<'e>(&self, elem: &'e Elem, attr: &str) -> Result<&'e str, CsdlError> {
        elem.attr(attr).ok_or_else(|| {
            CsdlError::at(
                self.lines,
                elem.offset,
                format!("<{}> has no {attr} attribute", elem.name),
            )
        })
    }

    fn diag(&mut self, code: Code, loc: Loc, message: String) {
        self.diagnostics.push(Diagnostic::new(
            code, self.path, loc.line, loc.column, message,
        ));
    }

    /// Gives every type the schemas define its id: its position in the list
    /// of qualified names sorted as [`ApiModel::set_types`] sorts them (a name
    /// defined twice, in any case, is numbered once).
    fn number_types(&mut self, schemas: &[&Elem]) -> Result<(), CsdlError> {
        let mut names: BTreeMap<String, (String, TypeKind)> = BTreeMap::new();
        for schema in schemas {
            let ns = self.required(schema, "Namespace")?;
            for child in schema.children.iter().filter(|c| is_type_element(c)) {
                let qualified = format!("{ns}.{}", self.required(child, "Name")?);
                let kind = match child.name.as_str() {
                    "EntityType" => TypeKind::Entity,
                    "ComplexType" => TypeKind::Complex,
                    _ => TypeKind::Enum,
                };
                names
                    .entry(qualified.to_ascii_lowercase())
                    .or_insert((qualified, kind));
            }
        }
        // Lower-case order first, then the spelling, as `set_types` sorts;
        // the map's keys are unique, so the lower-case order decides.
        for (i, (lower, first)) in names.into_iter().enumerate() {
            self.ids.insert(lower, TypeId(i as u32));
            self.numbered.push(first);
            self.types.push(None);
        }
        Ok(())
    }

    /// Resolves `alias.name` to `namespace.name`.
    fn qualify(&self, name: &str) -> String {
        if let Some((prefix, rest)) = name.rsplit_once('.')
            && let Some(ns) = self.aliases.get(prefix)
        {
            return format!("{ns}.{rest}");
        }
        name.to_string()
    }

    /// The id of the type a (qualified or aliased) name names.
    fn id_of(&self, name: &str) -> Option<TypeId> {
        self.ids
            .get(&self.qualify(name).to_ascii_lowercase())
            .copied()
    }

    /// Resolves a name to a type, reporting one that names none.
    fn resolve_named(&mut self, name: &str, loc: Loc, what: &str) -> Option<TypeId> {
        let id = self.id_of(name);
        if id.is_none() {
            let q = self.qualify(name);
            self.diag(
                Code::UnresolvedType,
                loc,
                format!("{what} `{q}` names no type the metadata defines"),
            );
        }
        id
    }

    /// A type as a property, parameter or return type spells it:
    /// `Edm.String`, `graph.user`, `Collection(microsoft.graph.user)`.
    fn type_use(&mut self, spelling: &str, loc: Loc) -> TypeUse {
        let spelling = spelling.trim();
        let (inner, collection) = match spelling
            .strip_prefix("Collection(")
            .and_then(|s| s.strip_suffix(')'))
        {
            Some(inner) => (inner.trim(), true),
            None => (spelling, false),
        };
        let target = if inner.starts_with("Edm.") {
            match Primitive::ALL.iter().find(|p| p.edm_name() == inner) {
                Some(p) => Target::Primitive(*p),
                None => {
                    self.diag(
                        Code::CsdlUnsupportedType,
                        loc,
                        format!("`{inner}` is not an Edm type graphdoc models; kept as unresolved"),
                    );
                    Target::Unresolved(inner.to_string())
                }
            }
        } else {
            match self.resolve_named(inner, loc, "type") {
                Some(id) => Target::Type(id),
                None => Target::Unresolved(self.qualify(inner)),
            }
        };
        TypeUse { target, collection }
    }

    fn schema(&mut self, schema: &Elem) -> Result<(), CsdlError> {
        let ns = self.required(schema, "Namespace")?.to_string();
        for child in &schema.children {
            match child.name.as_str() {
                "EntityType" | "ComplexType" => self.structured(&ns, child)?,
                "EnumType" => self.enumeration(&ns, child)?,
                "Action" | "Function" => self.operation(&ns, child)?,
                _ => {}
            }
        }
        Ok(())
    }

    fn insert_type(&mut self, t: ModelType) {
        let slot = t.id.index();
        if let Some(first) = &self.types[slot] {
            let d = Diagnostic::new(
                Code::CsdlDuplicate,
                self.path,
                t.loc.line,
                t.loc.column,
                format!(
                    "type `{}` is defined twice; the first definition is kept",
                    t.qualified
                ),
            )
            .with_related(graphdoc_ir::Related {
                file: self.path.to_string(),
                line: first.loc.line,
                column: first.loc.column,
                message: "first defined here".into(),
            });
            self.diagnostics.push(d);
            return;
        }
        self.types[slot] = Some(t);
    }

    /// A new type of this namespace and name (already numbered).
    fn new_type(&self, ns: &str, name: &str, kind: TypeKind, loc: Loc, elem: &Elem) -> ModelType {
        let qualified = format!("{ns}.{name}");
        let id = self.ids[&qualified.to_ascii_lowercase()];
        ModelType {
            id,
            qualified,
            kind,
            description: inline_description(elem),
            base: None,
            derived: Vec::new(),
            key: None,
            open_type: false,
            properties: Vec::new(),
            members: Vec::new(),
            is_flags: false,
            loc,
            workload: None,
            sources: vec![loc],
        }
    }

    fn structured(&mut self, ns: &str, elem: &Elem) -> Result<(), CsdlError> {
        let name = self.required(elem, "Name")?;
        let loc = self.loc(elem);
        let kind = if elem.name == "EntityType" {
            TypeKind::Entity
        } else {
            TypeKind::Complex
        };
        let mut t = self.new_type(ns, name, kind, loc, elem);
        t.key = elem
            .children_named("Key")
            .flat_map(|k| k.children_named("PropertyRef"))
            .find_map(|r| r.attr("Name"))
            .map(str::to_string);
        t.open_type = elem.bool_attr("OpenType");
        t.base = match elem.attr("BaseType") {
            Some(b) => self.resolve_named(b, loc, "base type"),
            None => None,
        };
        for child in &elem.children {
            let navigation = match child.name.as_str() {
                "Property" => false,
                "NavigationProperty" => true,
                _ => continue,
            };
            let pname = self.required(child, "Name")?.to_string();
            let ploc = self.loc(child);
            let ty = self.type_use(self.required(child, "Type")?, ploc);
            t.properties.push(Property {
                name: pname,
                ty,
                description: inline_description(child),
                navigation,
                enum_values: Vec::new(),
                inherited_from: None,
                required: false,
                loc: ploc,
            });
        }
        self.insert_type(t);
        Ok(())
    }

    fn enumeration(&mut self, ns: &str, elem: &Elem) -> Result<(), CsdlError> {
        let name = self.required(elem, "Name")?;
        let loc = self.loc(elem);
        let mut t = self.new_type(ns, name, TypeKind::Enum, loc, elem);
        for m in elem.children_named("Member") {
            let value = match m.attr("Value") {
                Some(v) => Some(v.trim().parse::<i64>().map_err(|_| {
                    CsdlError::at(
                        self.lines,
                        m.offset,
                        format!("member value `{v}` is not an integer"),
                    )
                })?),
                None => None,
            };
            t.members.push(EnumMember {
                name: self.required(m, "Name")?.to_string(),
                value,
                description: inline_description(m),
                loc: self.loc(m),
            });
        }
        t.is_flags = elem.bool_attr("IsFlags");
        self.insert_type(t);
        Ok(())
    }

    fn operation(&mut self, ns: &str, elem: &Elem) -> Result<(), CsdlError> {
        let name = self.required(elem, "Name")?.to_string();
        let loc = self.loc(elem);
        let is_action = elem.name == "Action";
        let bound = elem.bool_attr("IsBound");
        let mut params = elem.children_named("Parameter");
        let mut path_parameters = Vec::new();
        let mut binding = None;
        let mut binding_type = None;
        let mut binding_spelling = None;
        if bound {
            let Some(p) = params.next() else {
                return Err(CsdlError::at(
                    self.lines,
                    elem.offset,
                    format!("bound operation `{name}` has no binding parameter"),
                ));
            };
            let ploc = self.loc(p);
            let ty = self.type_use(self.required(p, "Type")?, ploc);
            let element = match &ty.target {
                Target::Primitive(p) => p.edm_name().to_string(),
                Target::Type(id) => self.numbered[id.index()].0.clone(),
                Target::InlineEnum => "Edm.String".to_string(),
                Target::Unresolved(name) => name.clone(),
            };
            binding_spelling = Some(if ty.collection {
                format!("Collection({element})")
            } else {
                element.clone()
            });
            if let Target::Type(id) = ty.target {
                binding = Some(Binding {
                    ty: id,
                    collection: ty.collection,
                });
            }
            binding_type = Some(element);
            path_parameters.push(Parameter {
                name: self.required(p, "Name")?.to_string(),
                ty: Some(ty),
                description: None,
                required: true,
                loc: ploc,
            });
        }
        let mut properties = Vec::new();
        for p in params {
            let ploc = self.loc(p);
            let ty = self.type_use(self.required(p, "Type")?, ploc);
            properties.push(Property {
                name: self.required(p, "Name")?.to_string(),
                ty,
                description: inline_description(p),
                navigation: false,
                enum_values: Vec::new(),
                inherited_from: None,
                required: p.attr("Nullable") == Some("false"),
                loc: ploc,
            });
        }
        let returns = match elem.children_named("ReturnType").next() {
            Some(r) => {
                let rloc = self.loc(r);
                Some((self.type_use(self.required(r, "Type")?, rloc), rloc))
            }
            None => None,
        };
        let response_shape = match &returns {
            None => ResponseShape::None,
            Some((ty, _)) => self.response_shape(ty),
        };
        let request = if is_action && !properties.is_empty() {
            RequestShape::Parameters
        } else {
            RequestShape::None
        };
        let response = returns.map(|(ty, rloc)| ResponseSpec {
            status: None,
            ty: Some(ty),
            loc: rloc,
        });
        let base_id = match &binding_spelling {
            Some(b) => format!("{b}/{name}"),
            None => format!("{ns}.{name}"),
        };
        let mut id = base_id.clone();
        if self.operations.contains_key(&id) {
            let names: Vec<&str> = properties.iter().map(|p| p.name.as_str()).collect();
            id = format!("{base_id}({})", names.join(","));
            let mut n = 2;
            while self.operations.contains_key(&id) {
                id = format!("{base_id}#{n}");
                n += 1;
            }
        }
        let title = match &binding_type {
            Some(b) => format!("{}: {name}", simple_name(b)),
            None => name.clone(),
        };
        let op = Operation {
            id: id.clone(),
            title,
            kind: if is_action {
                OperationKind::Action
            } else {
                OperationKind::Function
            },
            method: if is_action {
                HttpMethod::Post
            } else {
                HttpMethod::Get
            },
            action_name: Some(name),
            binding_type,
            paths: Vec::new(),
            request_headers: Vec::new(),
            path_parameters,
            query_parameters: Vec::new(),
            odata_options: Vec::new(),
            request_body: Some(RequestBody {
                ty: None,
                none: properties.is_empty(),
                properties,
                loc,
            }),
            response,
            permissions: Vec::new(),
            loc,
        };
        self.operations.insert(
            id,
            ModelOperation {
                op,
                binding,
                request,
                response: response_shape,
                workload: None,
                examples: Vec::new(),
            },
        );
        Ok(())
    }

    /// What a `ReturnType` makes the response hold.
    fn response_shape(&self, ty: &TypeUse) -> ResponseShape {
        if ty.collection {
            return ResponseShape::Collection(ty.element());
        }
        match &ty.target {
            Target::Primitive(Primitive::Stream) => ResponseShape::Bytes,
            Target::Type(id) if self.is_structured(*id) => ResponseShape::Entity(*id),
            _ => ResponseShape::Value(ty.clone()),
        }
    }

    /// Whether a type is an entity or complex type (known before it is read).
    fn is_structured(&self, id: TypeId) -> bool {
        self.numbered[id.index()].1 != TypeKind::Enum
    }

    /// `<Annotations Target="ns.type">` or `Target="ns.type/property"` with a description.
    fn annotations_block(&mut self, block: &Elem) {
        let Some(target) = block.attr("Target") else {
            return;
        };
        let Some(description) = inline_description(block) else {
            return;
        };
        let (ty, member) = match target.split_once('/') {
            Some((t, m)) => (t, Some(m)),
            None => (target, None),
        };
        let Some(id) = self.id_of(ty) else {
            return;
        };
        let Some(t) = self.types[id.index()].as_mut() else {
            return;
        };
        match member {
            None => {
                t.description.get_or_insert(description);
            }
            Some(m) => {
                if let Some(p) = t.properties.iter_mut().find(|p| p.name == m) {
                    p.description.get_or_insert(description);
                } else if let Some(mem) = t.members.iter_mut().find(|x| x.name == m) {
                    mem.description.get_or_insert(description);
                }
            }
        }
    }

    /// Cuts every `BaseType` cycle at the type that closes it (the model's
    /// queries assume none).
    fn cut_cycles(&mut self) {
        let base = |types: &[Option<ModelType>], id: TypeId| {
            types[id.index()].as_ref().and_then(|t| t.base)
        };
        for i in 0..self.types.len() {
            let start = TypeId(i as u32);
            let mut cur = base(&self.types, start);
            let mut steps = 0;
            while let Some(b) = cur {
                if b == start {
                    let t = self.types[i]
                        .as_mut()
                        .expect("a type with a base is defined");
                    t.base = None;
                    let (loc, q) = (t.loc, t.qualified.clone());
                    self.diag(
                        Code::InheritanceCycle,
                        loc,
                        format!("the base types of `{q}` form a cycle; its base is dropped"),
                    );
                    break;
                }
                steps += 1;
                if steps > self.types.len() {
                    break;
                }
                cur = base(&self.types, b);
            }
        }
    }
}

fn inline_description(elem: &Elem) -> Option<String> {
    elem.children_named("Annotation")
        .find(|a| a.attr("Term") == Some(DESCRIPTION_TERM))
        .and_then(|a| a.attr("String"))
        .map(str::to_string)
}

fn simple_name(qualified: &str) -> &str {
    qualified.rsplit_once('.').map_or(qualified, |(_, s)| s)
}
