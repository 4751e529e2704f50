//! Where markdown links point: page paths, file stems and anchors.

/// Splits a link into its path (query string removed, `.md` kept) and anchor.
/// Both are lower-cased; the path is empty for a same-page `#anchor` link.
pub(crate) fn split(link: &str) -> (String, Option<String>) {
    let link = link.trim().trim_matches(|c| c == '<' || c == '>');
    let (path, anchor) = match link.split_once('#') {
        Some((p, a)) => (p, Some(a.to_ascii_lowercase())),
        None => (link, None),
    };
    let path = path.split('?').next().unwrap_or_default();
    (path.to_ascii_lowercase(), anchor.filter(|a| !a.is_empty()))
}

/// Whether a link leaves the docs tree (an absolute URL or a site path).
pub(crate) fn is_external(path: &str) -> bool {
    path.contains("://") || path.starts_with('/')
}

/// The file stem of a link's last path segment: `../resources/user.md` -> `user`,
/// `/graph/api/resources/user?view=graph-rest-1.0` -> `user`.
pub(crate) fn stem(path: &str) -> Option<&str> {
    let last = path.trim_end_matches('/').rsplit('/').next()?;
    let stem = last.strip_suffix(".md").unwrap_or(last);
    (!stem.is_empty()).then_some(stem)
}

/// Joins a relative link to the directory of the page it is on (see [`normalize`]).
pub(crate) fn join(page_path: &str, rel: &str) -> String {
    let dir = page_path.rfind(['/', '\\']).map_or("", |i| &page_path[..i]);
    normalize_segments(dir.split(['/', '\\']).chain(rel.split(['/', '\\'])))
}

/// A page path for lookups: lower-cased, `/` separators, `.` and `..`
/// resolved, no leading or doubled `/`.
pub(crate) fn normalize(path: &str) -> String {
    normalize_segments(path.split(['/', '\\']))
}

fn normalize_segments<'a>(segments: impl Iterator<Item = &'a str>) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for seg in segments {
        match seg {
            "" | "." => {}
            ".." => {
                if parts.last().is_some_and(|p| *p != "..") {
                    parts.pop();
                } else {
                    parts.push("..");
                }
            }
            s => parts.push(s),
        }
    }
    let mut out = parts.join("/");
    out.make_ascii_lowercase();
    out
}

/// The enum name an anchor names: `compliancestatus-values` -> `compliancestatus`,
/// `#status-values` -> `status`. Lower-cased, hyphens dropped.
pub(crate) fn anchor_name(anchor: &str) -> String {
    let a = anchor.trim_start_matches('#');
    let a = a
        .strip_suffix("-values")
        .or_else(|| a.strip_suffix("values"))
        .unwrap_or(a);
    a.chars().filter(|c| *c != '-').collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_relative_links() {
        assert_eq!(
            join("docs/v1.0/api/user-get.md", "../resources/User.md"),
            "docs/v1.0/resources/user.md"
        );
        assert_eq!(
            join("docs/v1.0/resources/user.md", "./group.md"),
            "docs/v1.0/resources/group.md"
        );
        assert_eq!(join("user.md", "../x.md"), "../x.md");
        assert_eq!(normalize("a/./b/../C.md"), "a/c.md");
        assert_eq!(
            join("docs\\api\\user-get.md", "..\\Resources/./user.md"),
            "docs/resources/user.md"
        );
        assert_eq!(join("a/b.md", "../../../x.md"), "../../x.md");
    }

    #[test]
    fn splits_anchors_and_queries() {
        assert_eq!(
            split("../resources/user.md#Status-values"),
            ("../resources/user.md".into(), Some("status-values".into()))
        );
        assert_eq!(split("#x"), (String::new(), Some("x".into())));
        assert_eq!(
            split("/graph/api/resources/user?view=graph-rest-1.0"),
            ("/graph/api/resources/user".into(), None)
        );
        assert_eq!(stem("/graph/api/resources/user"), Some("user"));
        assert_eq!(stem("../resources/user.md"), Some("user"));
        assert!(is_external("https://x/y"));
        assert_eq!(anchor_name("compliancestatus-values"), "compliancestatus");
    }
}
