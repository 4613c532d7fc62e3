# METADATA
# title: PostgreSQL helpers
# description: >-
#   The settings of the postgres provider's document (input.postgres), with a
#   marker for a setting the collecting role could not see.
package soc1.lib.postgres

# setting(name) is the setting's text, or "(not collected)".
setting(name) := object.get(input.postgres.settings, [name, "setting"], "(not collected)")

# examined holds when the document has roles (a postgres document was read).
examined if count(input.postgres.roles) > 0
