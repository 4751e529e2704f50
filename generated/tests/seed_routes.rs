//! Every seed operation, by each of its documented paths: the route builder
//! yields exactly the documented method and path, on the version's base URL.
//!
//! Hand-written (graphdoc leaves files it does not list in `.graphdoc-manifest`
//! alone). Expected paths are copied from the seed pages' "HTTP request" blocks.

use graphdoc_generated::runtime::http::{Method, Request};
use graphdoc_generated::runtime::serde_json;
use graphdoc_generated::{beta, v1_0};

const V1: &str = "https://graph.microsoft.com/v1.0";
const BETA: &str = "https://graph.microsoft.com/beta";

fn assert_route(request: Request, method: Method, url: String) {
    assert_eq!((request.method, request.url), (method, url));
}

fn json_body(request: &Request) -> serde_json::Value {
    assert_eq!(request.header("Content-Type"), Some("application/json"));
    serde_json::from_slice(request.body.as_deref().expect("a body")).unwrap()
}

#[test]
fn seed_000_create_privileged_signup_status() {
    // POST /privilegedSignupStatus (the page's example is on beta).
    let body = beta::PrivilegedSignupStatus {
        is_registered: Some(true),
        status: Some(beta::PrivilegedSignupStatusStatus::NotRegisteredYet),
        ..Default::default()
    };
    let request = beta::routes::privileged_signup_status::create(&body)
        .build()
        .unwrap();
    assert_eq!(
        json_body(&request),
        serde_json::json!({"isRegistered": true, "status": "notRegisteredYet"})
    );
    assert_route(
        request,
        Method::Post,
        format!("{BETA}/privilegedSignupStatus"),
    );
}

#[test]
fn seed_001_sign_up_action() {
    // POST /privilegedSignupStatus/signUp, no request body.
    let request = v1_0::routes::privileged_signup_status::sign_up()
        .build()
        .unwrap();
    assert_eq!(request.body, None);
    assert_route(
        request,
        Method::Post,
        format!("{V1}/privilegedSignupStatus/signUp"),
    );
}

#[test]
fn seed_002_create_user_status_by_each_of_its_four_paths() {
    use beta::routes::device_management;
    let body = beta::DeviceConfigurationUserStatus {
        user_display_name: Some("Adele".into()),
        status: Some(beta::ComplianceStatus::Compliant),
        ..Default::default()
    };
    // An id with characters that must be encoded: it stays one path segment.
    let id = "cfg/1 2";
    let cases = [
        (
            device_management::device_configurations_user_statuses_create(id, &body),
            "/deviceManagement/deviceConfigurations/cfg%2F1%202/userStatuses",
        ),
        (
            device_management::device_configurations_root_certificate_user_statuses_create(id, &body),
            "/deviceManagement/deviceConfigurations/cfg%2F1%202/rootCertificate/userStatuses",
        ),
        (
            device_management::device_configurations_identity_certificate_user_statuses_create(id, &body),
            "/deviceManagement/deviceConfigurations/cfg%2F1%202/identityCertificate/userStatuses",
        ),
        (
            device_management::device_configurations_identity_certificate_root_certificate_user_statuses_create(
                id, &body,
            ),
            "/deviceManagement/deviceConfigurations/cfg%2F1%202/identityCertificate/rootCertificate/userStatuses",
        ),
    ];
    for (builder, path) in cases {
        let request = builder.build().unwrap();
        assert_eq!(
            json_body(&request),
            serde_json::json!({"userDisplayName": "Adele", "status": "compliant"})
        );
        assert_route(request, Method::Post, format!("{BETA}{path}"));
    }
}

#[test]
fn seed_003_create_profile_status() {
    let body = beta::EducationSynchronizationProfileStatus {
        status: Some(beta::EducationSynchronizationStatus::Paused),
        ..Default::default()
    };
    let request =
        beta::routes::education::synchronization_profiles_profile_status_create("p-1", &body)
            .build()
            .unwrap();
    assert_eq!(json_body(&request), serde_json::json!({"status": "paused"}));
    assert_route(
        request,
        Method::Post,
        format!("{BETA}/education/synchronizationProfiles/p-1/profileStatus"),
    );
}

#[test]
fn seed_004_create_mobile_app_configuration_user_status() {
    let body = v1_0::ManagedDeviceMobileAppConfigurationUserStatus {
        devices_count: Some(2),
        ..Default::default()
    };
    let request =
        v1_0::routes::device_app_management::mobile_app_configurations_user_statuses_create(
            "c1", &body,
        )
        .build()
        .unwrap();
    assert_eq!(json_body(&request), serde_json::json!({"devicesCount": 2}));
    assert_route(
        request,
        Method::Post,
        format!("{V1}/deviceAppManagement/mobileAppConfigurations/c1/userStatuses"),
    );
}

#[test]
fn the_base_urls_are_the_versions() {
    assert_eq!(v1_0::routes::BASE_URL, V1);
    assert_eq!(beta::routes::BASE_URL, BETA);
}

/// Each route function of the crate is exercised above: a new seed (or a new
/// path of one) fails here until it gets its test.
#[test]
fn every_route_is_covered() {
    let tests = include_str!("seed_routes.rs");
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut routes = Vec::new();
    for version in ["v1_0", "beta"] {
        let dir = root.join(version).join("routes");
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            for line in text.lines() {
                if let Some(rest) = line.strip_prefix("pub fn ") {
                    let name = rest.split('(').next().unwrap();
                    routes.push(format!(
                        "{}::{name}",
                        path.file_stem().unwrap().to_string_lossy()
                    ));
                }
            }
        }
    }
    routes.sort();
    assert_eq!(routes.len(), 8, "{routes:#?}");
    for route in &routes {
        assert!(
            tests.contains(&format!("{route}(")),
            "route {route} has no test"
        );
    }
}
