//! Reading the service's CSDL (`$metadata`) into an [`ApiModel`].

use std::collections::BTreeMap;

use graphdoc_ir::{
    ApiModel, ApiVersion, Code, Diagnostic, EnumMember, FileId, HttpMethod, Loc, ModelOperation,
    ModelType, Operation, OperationKind, Parameter, Primitive, Property, RequestBody, ResponseSpec,
    TypeDef, TypeKind, TypeName, TypeRef,
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
/// table). The mapping:
/// - `EntityType`/`ComplexType` become [`TypeDef`]s of kind entity/complex,
///   with `BaseType`, `OpenType` and the `Key` (its first `PropertyRef`);
///   `Property` and `NavigationProperty` become [`Property`]s, the latter with
///   `navigation = true`;
/// - `EnumType` becomes an enum [`TypeDef`] with its members, values and `IsFlags`;
/// - `Action`/`Function` become [`Operation`]s of kind action/function (method
///   POST/GET). For a bound one, `binding_type` is the qualified element type
///   of the binding parameter, and the binding parameter itself (with its name
///   and type, so `Collection(...)` bindings survive) is the operation's only
///   path parameter; the other parameters are the request body's properties
///   (`Nullable="false"` marks them required); `ReturnType` is the response type.
///   Operation ids are `{binding}/{name}` (binding as in CSDL, e.g.
///   `Collection(microsoft.graph.user)/delta`) or `{namespace}.{name}` for
///   unbound ones; overloads get their parameter names appended, `(a,b)`.
/// - Type names are qualified (`microsoft.graph.user`): schema aliases
///   (`graph.user`) are resolved. Edm types graphdoc does not model (spatial
///   types, ...) become [`TypeName::Unknown`] with a diagnostic.
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
        model: ApiModel::new(version),
    };
    reader.model.files.push(path.to_string());
    for schema in &schemas {
        let ns = reader.required(schema, "Namespace")?.to_string();
        if let Some(alias) = schema.attr("Alias") {
            reader.aliases.insert(alias.to_string(), ns.clone());
        }
    }
    for schema in &schemas {
        reader.schema(schema)?;
    }
    for schema in &schemas {
        for block in schema.children_named("Annotations") {
            reader.annotations_block(block);
        }
    }
    Ok(reader.model)
}

struct Reader<'a> {
    lines: &'a LineIndex<'a>,
    path: &'a str,
    aliases: BTreeMap<String, String>,
    model: ApiModel,
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
        self.model.diagnostics.push(Diagnostic::new(
            code, self.path, loc.line, loc.column, message,
        ));
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

    fn type_ref(&mut self, spelling: &str, loc: Loc) -> TypeRef {
        let (inner, collection) = match spelling
            .strip_prefix("Collection(")
            .and_then(|s| s.strip_suffix(')'))
        {
            Some(inner) => (inner, true),
            None => (spelling, false),
        };
        let name = if inner.starts_with("Edm.") {
            match Primitive::ALL.iter().find(|p| p.edm_name() == inner) {
                Some(p) => TypeName::Primitive(*p),
                None => {
                    self.diag(
                        Code::CsdlUnsupportedType,
                        loc,
                        format!("`{inner}` is not an Edm type graphdoc models; kept as unknown"),
                    );
                    TypeName::Unknown(inner.to_string())
                }
            }
        } else {
            TypeName::Named {
                name: self.qualify(inner),
                link: None,
            }
        };
        TypeRef { name, collection }
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

    fn insert_type(&mut self, def: TypeDef) {
        let key = format!(
            "{}.{}",
            def.namespace.as_deref().unwrap_or_default(),
            def.name
        );
        if let Some(first) = self.model.types.get(&key) {
            let first = first.def.loc;
            let d = Diagnostic::new(
                Code::CsdlDuplicate,
                self.path,
                def.loc.line,
                def.loc.column,
                format!("type `{key}` is defined twice; the first definition is kept"),
            )
            .with_related(graphdoc_ir::Related {
                file: self.path.to_string(),
                line: first.line,
                column: first.column,
                message: "first defined here".into(),
            });
            self.model.diagnostics.push(d);
            return;
        }
        self.model.types.insert(
            key,
            ModelType {
                sources: vec![def.loc],
                def,
                workload: None,
            },
        );
    }

    fn structured(&mut self, ns: &str, elem: &Elem) -> Result<(), CsdlError> {
        let name = self.required(elem, "Name")?.to_string();
        let loc = self.loc(elem);
        let kind = if elem.name == "EntityType" {
            TypeKind::Entity
        } else {
            TypeKind::Complex
        };
        let key = elem
            .children_named("Key")
            .flat_map(|k| k.children_named("PropertyRef"))
            .find_map(|r| r.attr("Name"))
            .map(str::to_string);
        let mut properties = Vec::new();
        for child in &elem.children {
            let navigation = match child.name.as_str() {
                "Property" => false,
                "NavigationProperty" => true,
                _ => continue,
            };
            let pname = self.required(child, "Name")?.to_string();
            let ploc = self.loc(child);
            let ty = self.type_ref(self.required(child, "Type")?, ploc);
            properties.push(Property {
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
        let def = TypeDef {
            name,
            namespace: Some(ns.to_string()),
            kind,
            description: inline_description(elem),
            base_type: elem.attr("BaseType").map(|b| self.qualify(b)),
            key,
            open_type: elem.bool_attr("OpenType"),
            properties,
            members: Vec::new(),
            is_flags: false,
            loc,
        };
        self.insert_type(def);
        Ok(())
    }

    fn enumeration(&mut self, ns: &str, elem: &Elem) -> Result<(), CsdlError> {
        let name = self.required(elem, "Name")?.to_string();
        let loc = self.loc(elem);
        let mut members = Vec::new();
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
            members.push(EnumMember {
                name: self.required(m, "Name")?.to_string(),
                value,
                description: inline_description(m),
                loc: self.loc(m),
            });
        }
        let def = TypeDef {
            name,
            namespace: Some(ns.to_string()),
            kind: TypeKind::Enum,
            description: inline_description(elem),
            base_type: None,
            key: None,
            open_type: false,
            properties: Vec::new(),
            members,
            is_flags: elem.bool_attr("IsFlags"),
            loc,
        };
        self.insert_type(def);
        Ok(())
    }

    fn operation(&mut self, ns: &str, elem: &Elem) -> Result<(), CsdlError> {
        let name = self.required(elem, "Name")?.to_string();
        let loc = self.loc(elem);
        let is_action = elem.name == "Action";
        let bound = elem.bool_attr("IsBound");
        let mut params = elem.children_named("Parameter");
        let mut path_parameters = Vec::new();
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
            let spelling = self.required(p, "Type")?;
            let ty = self.type_ref(spelling, ploc);
            binding_spelling = Some(if ty.collection {
                format!("Collection({})", type_name_string(&ty.name))
            } else {
                type_name_string(&ty.name)
            });
            if let TypeName::Named { name, .. } = &ty.name {
                binding_type = Some(name.clone());
            }
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
            let ty = self.type_ref(self.required(p, "Type")?, ploc);
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
        let response = match elem.children_named("ReturnType").next() {
            Some(r) => {
                let rloc = self.loc(r);
                let ty = self.type_ref(self.required(r, "Type")?, rloc);
                Some(ResponseSpec {
                    status: None,
                    ty: Some(ty),
                    loc: rloc,
                })
            }
            None => None,
        };
        let base_id = match &binding_spelling {
            Some(b) => format!("{b}/{name}"),
            None => format!("{ns}.{name}"),
        };
        let mut id = base_id.clone();
        if self.model.operations.contains_key(&id) {
            let names: Vec<&str> = properties.iter().map(|p| p.name.as_str()).collect();
            id = format!("{base_id}({})", names.join(","));
            let mut n = 2;
            while self.model.operations.contains_key(&id) {
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
        self.model.operations.insert(
            id,
            ModelOperation {
                op,
                workload: None,
                examples: Vec::new(),
            },
        );
        Ok(())
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
            Some((t, m)) => (self.qualify(t), Some(m)),
            None => (self.qualify(target), None),
        };
        let Some(t) = self.model.types.get_mut(&ty) else {
            return;
        };
        match member {
            None => {
                t.def.description.get_or_insert(description);
            }
            Some(m) => {
                if let Some(p) = t.def.properties.iter_mut().find(|p| p.name == m) {
                    p.description.get_or_insert(description);
                } else if let Some(mem) = t.def.members.iter_mut().find(|x| x.name == m) {
                    mem.description.get_or_insert(description);
                }
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

fn type_name_string(name: &TypeName) -> String {
    match name {
        TypeName::Primitive(p) => p.edm_name().to_string(),
        TypeName::Named { name, .. } => name.clone(),
        TypeName::InlineEnum => "Edm.String".to_string(),
        TypeName::Unknown(raw) => raw.clone(),
    }
}

fn simple_name(qualified: &str) -> &str {
    qualified.rsplit_once('.').map_or(qualified, |(_, s)| s)
}
