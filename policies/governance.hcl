# Entity-level controls: control environment (CO-1), risk assessment (CO-2),
# information and communication (CO-3). Rego policies: policies/governance/.

control "background_checks" {
  ref         = "1.1"
  objective   = objective.organization_management
  title       = "Background checks are completed before personnel start"
  mappings    = { soc2 = ["CC1.4"], iso27001 = ["A.6.1"] }
  description = "People Operations completes a background check for every employee and contractor before their start date. Daily, the HR roster is examined: every current employee's background check completion date is on or before their hire date."
  remediation = "Complete the background check, record its date in the HR system, and document why the person started before it was completed."
  policy      = "soc1.governance.background_checks"
  providers   = { hr = file.hr }
  frequency   = "daily"
  severity    = "medium"
  owner       = local.people_owner
}

control "reporting_lines" {
  ref         = "1.2"
  objective   = objective.organization_management
  title       = "Every employee has a defined reporting line"
  mappings    = { soc2 = ["CC1.3"], iso27001 = ["A.5.2"] }
  description = "Every employee and contractor reports to a manager who is current personnel; only the chief executive reports to no one (the board oversees the chief executive). Daily, the HR roster is examined for managers who have left or are missing."
  remediation = "Assign the employee's new manager in the HR system."
  policy      = "soc1.governance.reporting_lines"
  providers   = { hr = file.hr }
  frequency   = "daily"
  severity    = "low"
  owner       = local.people_owner
}

control "code_of_conduct" {
  ref         = "1.3"
  objective   = objective.organization_management
  title       = "New personnel acknowledge the code of conduct on joining"
  mappings    = { soc2 = ["CC1.1", "CC1.5"], iso27001 = ["A.6.2"] }
  description = "Every employee and contractor acknowledges the code of conduct within 30 days of their hire date; the acknowledgement date is recorded in the HR system. Daily, the HR roster is examined."
  remediation = "Obtain the acknowledgement and record its date."
  policy      = "soc1.governance.code_of_conduct"
  providers   = { hr = file.hr }
  frequency   = "daily"
  severity    = "medium"
  owner       = local.people_owner
}

control "audit_committee_oversight" {
  ref         = "1.4"
  objective   = objective.organization_management
  title       = "The audit committee oversees internal control each quarter"
  mappings    = { soc2 = ["CC1.2", "CC4.2"] }
  description = "The audit committee meets at least quarterly, reviews the results of control monitoring (this repository's evaluations and exceptions), open audit findings and risk assessment updates, and records its conclusions in minutes. Evidence: the signed minutes, as evidence/audit_committee_oversight/YYYY-MM-DD-minutes.pdf."
  automated   = false
  frequency   = "quarterly"
  key         = true
  severity    = "high"
  owner       = local.executive_owner

  test_procedure = "Inspected the signed minutes of the audit committee's meetings for each quarter of the period ({evidence}), and checked that each records a review of control monitoring results, open audit findings and the risk assessment, and the committee's conclusions."
}

control "annual_risk_assessment" {
  ref         = "2.1"
  objective   = objective.risk_assessment
  title       = "Management assesses risks to user entities' financial reporting each year"
  mappings    = { soc2 = ["CC3.1", "CC3.2", "CC3.3", "CC3.4"] }
  description = "Each year management identifies and rates the risks to the achievement of its control objectives, including the risk of fraud and the changes to the business, its systems and its subservice organizations, maps each risk to the controls that address it, and the chief executive and the audit committee approve the assessment. Evidence: the approved risk assessment, as evidence/annual_risk_assessment/YYYY-MM-DD-risk-assessment.pdf."
  automated   = false
  frequency   = "annual"
  key         = true
  severity    = "high"
  owner       = local.executive_owner

  test_procedure = "Inspected the risk assessment approved in the period ({evidence}): checked that it rates each risk to the control objectives, including fraud and changes to the business, its systems and its subservice organizations, maps each risk to the controls that address it, and is approved by the chief executive and the audit committee."
}

control "security_policy_acknowledged" {
  ref         = "3.1"
  objective   = objective.information_communication
  title       = "Personnel acknowledge the information security policy in force"
  mappings    = { soc2 = ["CC2.2", "CC5.3"], iso27001 = ["A.5.1", "A.6.3"] }
  description = "Each new version of the information security policy is communicated to all personnel, who acknowledge it within 30 days of its effective date (new joiners, of their hire date). Daily, the HR roster's acknowledgement dates are compared with the version in force (soc1.params)."
  remediation = "Send the policy to the person again and record the acknowledgement."
  policy      = "soc1.governance.security_policy_acknowledged"
  providers   = { hr = file.hr }
  frequency   = "daily"
  severity    = "low"
  owner       = local.security_owner
}

control "incident_client_notification" {
  ref         = "3.2"
  objective   = objective.information_communication
  title       = "User entities affected by an incident are notified within 72 hours"
  mappings    = { soc2 = ["CC2.3", "CC7.4"], iso27001 = ["A.5.26"] }
  description = "When an incident affects user entities, the incident owner notifies the affected clients within 72 hours of its detection and records the notification time on the incident."
  remediation = "Notify the affected clients, record the time, and explain the delay in the incident's post-incident review."
  policy      = "soc1.governance.incident_client_notification"
  providers   = { incidents = file.incidents }
  frequency   = "daily"
  key         = true
  severity    = "high"
  owner       = local.security_owner
}
