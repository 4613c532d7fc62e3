# Monitoring of subservice organizations (CO-13): the monitoring control, and
# the carve-out subservice organizations with the controls (CSOCs) the service
# organization relies on them to operate. Rego policies: policies/vendors/.

control "subservice_reports_reviewed" {
  ref         = "13.1"
  objective   = objective.subservice_monitoring
  title       = "Subservice organizations' SOC reports are obtained and reviewed"
  mappings    = { soc2 = ["CC9.2"], iso27001 = ["A.5.22"] }
  description = "Security maintains the register of subservice organizations. For each, it obtains the latest Type 2 service auditor's report (and a bridge letter when the report's period ended more than a quarter ago), and a named reviewer evaluates the opinion, the exceptions, the complementary subservice organization controls and the user entity controls the report expects. Monthly, the register is examined."
  remediation = "Obtain the current report or a bridge letter and complete the review."
  policy      = "soc1.vendors.subservice_reports_reviewed"
  providers   = { vendors = file.vendors }
  frequency   = "monthly"
  key         = true
  severity    = "high"
  owner       = local.security_owner
}

subservice "aws" {
  name     = "Amazon Web Services, Inc."
  services = "Infrastructure hosting: compute, storage, managed PostgreSQL databases, key management"
  method   = "carve-out"
  objectives = [
    objective.logical_access,
    objective.computer_operations,
    objective.backup_recovery,
    objective.data_protection,
  ]
  monitored_by = [control.subservice_reports_reviewed]

  csoc "aws_physical_access" {
    ref         = "CSOC-1"
    description = "Physical access to data centers and the media that hold user entities' data is restricted to authorized personnel, and media are destroyed securely."
    objectives  = [objective.logical_access, objective.data_protection]
  }

  csoc "aws_infrastructure" {
    ref         = "CSOC-2"
    description = "The infrastructure underlying the hosted services (hardware, hypervisors, network, power and environmental safeguards) is maintained, monitored and available as agreed."
    objectives  = [objective.computer_operations]
  }

  csoc "aws_managed_backups" {
    ref         = "CSOC-3"
    description = "Automated backups of managed databases are performed, retained and restorable as configured."
    objectives  = [objective.backup_recovery]
  }
}

subservice "okta" {
  name         = "Okta, Inc."
  services     = "Workforce identity: single sign-on, multi-factor authentication, user lifecycle"
  method       = "carve-out"
  objectives   = [objective.logical_access, objective.access_provisioning]
  monitored_by = [control.subservice_reports_reviewed]

  csoc "okta_authentication" {
    ref         = "CSOC-4"
    description = "The identity service enforces the sign-on and MFA policies the service organization configures, and records account changes in its system log completely."
  }
}

subservice "bank" {
  name         = "First Example Bank, N.A."
  services     = "ACH origination and settlement of payroll and vendor payments"
  method       = "carve-out"
  objectives   = [objective.transaction_processing, objective.payment_authorization]
  monitored_by = [control.subservice_reports_reviewed]

  csoc "bank_files_processed" {
    ref         = "CSOC-5"
    description = "Payment files received from the service organization are processed completely and accurately, and rejected entries are reported back."
    objectives  = [objective.transaction_processing]
  }

  csoc "bank_authenticated_origination" {
    ref         = "CSOC-6"
    description = "Payment files are accepted only over authenticated channels from the service organization's authorized originators."
    objectives  = [objective.payment_authorization]
  }
}
