//! Scaffolding for the runnable examples in the docs: not part of the API.

use std::path::PathBuf;

/// A fresh directory holding `docs/widget.md`, a small resource page, for a
/// doc example to run against.
pub fn example_docs_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("graphdoc-example-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("docs")).expect("temp dir is writable");
    std::fs::write(dir.join("docs/widget.md"), WIDGET_PAGE).expect("temp dir is writable");
    dir
}

const WIDGET_PAGE: &str = r#"---
title: "widget resource type"
doc_type: resourcePageType
---

# widget resource type

Namespace: microsoft.graph

A widget.

## Properties

| Property | Type | Description |
|:---|:---|:---|
|id|String|The identifier. Read-only.|
|name|String|The display name.|
|size|Int32|How big it is.|

## JSON representation

<!-- {
  "blockType": "resource",
  "@odata.type": "microsoft.graph.widget"
}-->
```json
{
  "id": "String (identifier)",
  "name": "String",
  "size": 1024
}
```
"#;
