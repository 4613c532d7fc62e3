# METADATA
# title: Incidents are acknowledged in time and resolved with a root cause
# description: >-
#   Every incident in the incident management tool was acknowledged within the
#   minutes its severity allows (soc1.params.incident_ack_minutes); every resolved
#   incident records its root cause; and every resolved incident of a severity
#   that requires it (soc1.params.postmortem_severities) links its post-incident
#   review. The population is every incident.
package soc1.operations.incidents_resolved

import data.soc1.lib.time
import data.soc1.params

incidents := [item.value | some item in input.incidents.items]

resources contains i.key if some i in incidents

deny contains {"resource": i.key, "message": msg} if {
	some i in incidents
	not acknowledged_in_time(i)
	msg := sprintf("%s (%s) was detected at %s and acknowledged at %s: %s allows %v minutes", [i.key, i.severity, i.detected_at, shown(i.acknowledged_at), i.severity, object.get(params.incident_ack_minutes, i.severity, "no")])
}

deny contains {"resource": i.key, "message": sprintf("%s was resolved without a root cause", [i.key])} if {
	some i in incidents
	resolved(i)
	not time.present(i.root_cause)
}

deny contains {"resource": i.key, "message": sprintf("%s (%s) was resolved without a post-incident review", [i.key, i.severity])} if {
	some i in incidents
	resolved(i)
	params.postmortem_severities[i.severity]
	not time.present(i.postmortem)
}

resolved(i) if lower(i.status) in {"resolved", "closed"}

acknowledged_in_time(i) if time.minutes(i.detected_at, i.acknowledged_at) <= params.incident_ack_minutes[i.severity]

shown(v) := v if is_string(v)

else := "never"
