# METADATA
# title: User entities affected by an incident are told in time
# description: >-
#   Every incident that affected user entities (customer_impact) records when the
#   affected clients were notified, within soc1.params.client_notification_hours
#   hours of its detection. The population is the incidents that affected user
#   entities.
package soc1.governance.incident_client_notification

import data.soc1.lib.time
import data.soc1.params

affecting contains i if {
	some item in input.incidents.items
	i := item.value
	i.customer_impact == true
}

resources contains i.key if some i in affecting

deny contains {"resource": i.key, "message": msg} if {
	some i in affecting
	not notified_in_time(i)
	msg := sprintf("%s affected %s; clients notified: %s, detected at %s (allowed: %d hours)", [i.key, concat(", ", object.get(i, "affected_clients", [])), shown(i.clients_notified_at), i.detected_at, params.client_notification_hours])
}

notified_in_time(i) if time.minutes(i.detected_at, i.clients_notified_at) <= params.client_notification_hours * 60

shown(v) := v if is_string(v)

else := "never"
