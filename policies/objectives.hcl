# The control objectives of a payroll / payments / SaaS-billing service organization.
# SOC 1 has no fixed criteria: management writes its own objectives, each a statement
# of what its controls give reasonable assurance of. coso names the COSO 2013
# principles (1–17) each objective addresses.

objective "organization_management" {
  ref         = "CO-1"
  title       = "Organization and management"
  description = "Controls provide reasonable assurance that management demonstrates a commitment to integrity and ethical values, exercises oversight of internal control, establishes structures, reporting lines and responsibilities, and attracts, develops and retains competent individuals who are held accountable for their internal control responsibilities."
  coso        = [1, 2, 3, 4, 5]
}

objective "risk_assessment" {
  ref         = "CO-2"
  title       = "Risk assessment"
  description = "Controls provide reasonable assurance that management specifies objectives relevant to user entities' financial reporting, identifies and analyzes the risks to their achievement including the potential for fraud, and assesses changes that could significantly affect the system of internal control."
  coso        = [6, 7, 8, 9]
}

objective "information_communication" {
  ref         = "CO-3"
  title       = "Information and communication"
  description = "Controls provide reasonable assurance that relevant, quality information supports internal control, that control responsibilities are communicated to personnel, and that matters affecting user entities are communicated to them timely."
  coso        = [13, 14, 15]
}

objective "logical_access" {
  ref         = "CO-4"
  title       = "Logical access"
  description = "Controls provide reasonable assurance that logical access to programs, data and computer resources relevant to user entities' financial reporting is restricted to authorized and appropriate users, authenticated with strong credentials."
  coso        = [10, 11, 12]
}

objective "access_provisioning" {
  ref         = "CO-5"
  title       = "Access provisioning and de-provisioning"
  description = "Controls provide reasonable assurance that access is granted only on an approved request, that each account belongs to one identified individual, and that the access of terminated personnel is removed timely."
  coso        = [10, 11]
}

objective "privileged_access" {
  ref         = "CO-6"
  title       = "Privileged access"
  description = "Controls provide reasonable assurance that administrative and privileged access to systems and data is limited to authorized individuals and is reviewed periodically."
  coso        = [10, 11, 12]
}

objective "change_management" {
  ref         = "CO-7"
  title       = "Change management"
  description = "Controls provide reasonable assurance that changes to applications, databases and infrastructure relevant to user entities' financial reporting are authorized, tested, approved and implemented as intended."
  coso        = [10, 11, 12]
}

objective "change_segregation" {
  ref         = "CO-8"
  title       = "Segregation of duties in change"
  description = "Controls provide reasonable assurance that no individual can both author and approve, or both develop and deploy to production, a change relevant to user entities' financial reporting."
  coso        = [10, 11]
}

objective "computer_operations" {
  ref         = "CO-9"
  title       = "Computer operations and job scheduling"
  description = "Controls provide reasonable assurance that scheduled processing is authorized, runs completely and as planned, and that processing failures are identified and resolved timely."
  coso        = [11, 12]
}

objective "backup_recovery" {
  ref         = "CO-10"
  title       = "Backup and recovery"
  description = "Controls provide reasonable assurance that data relevant to user entities' financial reporting is backed up, retained and protected so that it can be recovered completely and accurately."
  coso        = [11, 12]
}

objective "logging_monitoring" {
  ref         = "CO-11"
  title       = "Logging, monitoring and incident management"
  description = "Controls provide reasonable assurance that activity on systems relevant to user entities' financial reporting is logged, that the logs are protected from alteration, and that security events are detected, escalated and resolved."
  coso        = [13, 16, 17]
}

objective "data_protection" {
  ref         = "CO-12"
  title       = "Data protection in transit and at rest"
  description = "Controls provide reasonable assurance that data relevant to user entities' financial reporting is protected from unauthorized disclosure and modification in transit and at rest."
  coso        = [11]
}

objective "subservice_monitoring" {
  ref         = "CO-13"
  title       = "Monitoring of subservice organizations"
  description = "Controls provide reasonable assurance that the services of subservice organizations relevant to user entities' financial reporting are monitored, including the review of their service auditor's reports and of the complementary subservice organization controls they rely on."
  coso        = [16, 17]
  mappings    = { soc2 = ["CC9.2"], iso27001 = ["A.5.19", "A.5.22"] }
}

objective "transaction_processing" {
  ref         = "CO-14"
  title       = "Transaction processing completeness and accuracy"
  description = "Controls provide reasonable assurance that payroll and payment transactions are received, processed and recorded completely, accurately and timely."
  coso        = [10, 12, 13]
}

objective "payment_authorization" {
  ref         = "CO-15"
  title       = "Authorization of payments and disbursements"
  description = "Controls provide reasonable assurance that payments and disbursements are released only when authorized by someone other than their preparer, within approved limits."
  coso        = [10, 12]
}
