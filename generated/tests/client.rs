//! How to use the routes: a request for each seed operation, sent with the
//! runtime's client (feature `client`) to a local mock server, read back as
//! typed values. Against the real service, drop the mock and `.host(...)`, and
//! give a real token.

use graphdoc_generated::runtime::client::Client;
use graphdoc_generated::runtime::http::{Error, Response};
use graphdoc_generated::runtime::mock::MockServer;
use graphdoc_generated::runtime::serde_json::json;
use graphdoc_generated::{beta, v1_0};

/// A client for the mock server: `host` sends what the routes address to
/// `https://graph.microsoft.com` to 127.0.0.1 instead.
fn client(server: &MockServer) -> Client {
    Client::new().bearer_token("test-token").host(server.url())
}

#[test]
fn a_request_per_seed_operation() -> Result<(), Error> {
    let server = MockServer::start().expect("a local port");
    let client = client(&server);

    // 000: create a privilegedSignupStatus (beta).
    server.push(Response::json(
        201,
        &json!({"id": "7086705f", "isRegistered": true, "status": "registrationAndSetupCompleted"}),
    ));
    let status = beta::PrivilegedSignupStatus {
        is_registered: Some(true),
        ..Default::default()
    };
    let created = client.send(beta::routes::privileged_signup_status::create(&status))?;
    assert_eq!(created.id.as_deref(), Some("7086705f"));
    assert_eq!(
        created.status,
        Some(beta::PrivilegedSignupStatusStatus::RegistrationAndSetupCompleted)
    );

    // 001: the signUp action (v1.0), whose result the v1.0 model leaves as JSON.
    server.push(Response::json(
        200,
        &json!({"value": {"id": "s1", "isRegistered": true}}),
    ));
    let signed_up = client.send(v1_0::routes::privileged_signup_status::sign_up())?;
    assert_eq!(signed_up["isRegistered"], true);

    // 002: create a deviceConfigurationUserStatus (beta), by one of its four paths.
    server.push(Response::json(201, &json!({"id": "u1", "devicesCount": 3})));
    let user_status = beta::DeviceConfigurationUserStatus {
        user_display_name: Some("Adele Vance".into()),
        ..Default::default()
    };
    let created = client.send(
        beta::routes::device_management::device_configurations_user_statuses_create(
            "config-1",
            &user_status,
        ),
    )?;
    assert_eq!(created.devices_count, Some(3));

    // 003: create an educationSynchronizationProfileStatus (beta).
    server.push(Response::json(
        201,
        &json!({"id": "p1", "status": "inProgress"}),
    ));
    let profile = beta::EducationSynchronizationProfileStatus::default();
    let created = client.send(
        beta::routes::education::synchronization_profiles_profile_status_create(
            "profile-1",
            &profile,
        ),
    )?;
    assert_eq!(
        created.status,
        Some(beta::EducationSynchronizationStatus::InProgress)
    );

    // 004: create a managedDeviceMobileAppConfigurationUserStatus (v1.0).
    server.push(Response::json(
        201,
        &json!({"id": "m1", "status": "compliant"}),
    ));
    let app_status = v1_0::ManagedDeviceMobileAppConfigurationUserStatus::default();
    let created = client.send(
        v1_0::routes::device_app_management::mobile_app_configurations_user_statuses_create(
            "app-config-1",
            &app_status,
        ),
    )?;
    assert_eq!(created.status, Some(v1_0::ComplianceStatus::Compliant));

    // What the server saw: the documented methods and paths, the token, the bodies.
    let seen: Vec<String> = server
        .requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path_and_query()))
        .collect();
    assert_eq!(
        seen,
        [
            "POST /beta/privilegedSignupStatus",
            "POST /v1.0/privilegedSignupStatus/signUp",
            "POST /beta/deviceManagement/deviceConfigurations/config-1/userStatuses",
            "POST /beta/education/synchronizationProfiles/profile-1/profileStatus",
            "POST /v1.0/deviceAppManagement/mobileAppConfigurations/app-config-1/userStatuses",
        ]
    );
    let requests = server.requests();
    assert!(requests
        .iter()
        .all(|r| r.header("Authorization") == Some("Bearer test-token")));
    assert_eq!(
        requests[2].body.as_deref(),
        Some(&br#"{"userDisplayName":"Adele Vance"}"#[..])
    );
    Ok(())
}

#[test]
fn graph_errors_come_back_typed() {
    let server = MockServer::start().expect("a local port");
    server.push(Response::json(
        403,
        &json!({"error": {"code": "Authorization_RequestDenied", "message": "Insufficient privileges."}}),
    ));
    let err = client(&server)
        .send(v1_0::routes::privileged_signup_status::sign_up())
        .unwrap_err();
    assert_eq!(err.status(), Some(403));
    assert_eq!(
        err.graph_error().unwrap().code,
        "Authorization_RequestDenied"
    );
}
