//! The included bindings are usable typed models.

use graphdoc_buildrs_fixture::v1_0::{
    ComplianceStatus, ManagedDeviceMobileAppConfigurationUserStatus,
};

#[test]
fn a_response_body_deserializes_into_the_typed_model_and_back() {
    let body = serde_json::json!({
        "@odata.type": "#microsoft.graph.managedDeviceMobileAppConfigurationUserStatus",
        "id": "d642afc5-afc5-d642-c5af-42d6c5af42d6",
        "userDisplayName": "Megan",
        "devicesCount": 3,
        "status": "compliant",
        "lastReportedDateTime": "2016-12-31T23:58:46.7156189-08:00",
        "userPrincipalName": "megan@contoso.com",
        "@odata.etag": "W/\"1\""
    });
    let status: ManagedDeviceMobileAppConfigurationUserStatus =
        serde_json::from_value(body.clone()).unwrap();
    assert_eq!(status.devices_count, Some(3));
    assert_eq!(status.status, Some(ComplianceStatus::Compliant));
    assert_eq!(status.user_display_name.as_deref(), Some("Megan"));
    assert_eq!(
        serde_json::to_value(&status).unwrap(),
        body,
        "nothing lost, unknown annotations included"
    );
}

#[test]
fn extra_derives_from_the_build_script_apply() {
    fn assert_eq_impl<T: Eq>() {}
    assert_eq_impl::<ManagedDeviceMobileAppConfigurationUserStatus>();
}

#[test]
fn both_api_versions_the_seeds_describe_are_modules() {
    // Seeds 000, 002 and 003 give beta example URLs.
    let _ = graphdoc_buildrs_fixture::beta::PrivilegedSignupStatus::default();
    let _ = graphdoc_buildrs_fixture::beta::DeviceConfigurationUserStatus::default();
}
