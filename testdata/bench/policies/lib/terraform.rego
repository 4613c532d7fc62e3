# Helpers shared by the benchmark policies. Each works on one value it is given
# and never scans input, so the policies that call them per resource stay linear.
package socle.bench.lib

# CIDR blocks that mean "the whole internet".
world_cidrs := {"0.0.0.0/0", "::/0"}

# as_array(x) is x when it is an array and [x] otherwise: IAM policy elements
# (Statement, Action, Resource, Principal.AWS) may be a single value or a list.
as_array(x) := x if is_array(x)

as_array(x) := [x] if not is_array(x)

# statements(policy) is the list of statements of a JSON policy document string.
statements(policy) := as_array(object.get(json.unmarshal(policy), "Statement", []))

# world_sources(rule) is the set of internet-wide CIDR blocks a security group
# rule admits (IPv4 and IPv6).
world_sources(rule) := {c |
	some attr in ["cidr_blocks", "ipv6_cidr_blocks"]
	some c in object.get(rule, attr, [])
	c in world_cidrs
}

open_to_world(rule) if count(world_sources(rule)) > 0

# covers_port(rule, port) holds when a security group rule admits port:
# protocol "-1" means every protocol and port.
covers_port(rule, _) if rule.protocol == "-1"

covers_port(rule, port) if {
	rule.protocol != "-1"
	rule.from_port <= port
	port <= rule.to_port
}

# unknown(r, attr) holds when attribute attr of resource r is known only after
# apply, so a plan cannot tell whether it complies.
unknown(r, attr) if object.get(r.change, ["after_unknown", attr], false) == true

# address_type(addr) is the resource type in a resource instance address such as
# module.a["x"].aws_s3_bucket.logs["y"] (for a deleted resource only the address
# is left).
address_type(addr) := parts[count(parts) - 2] if {
	parts := split(regex.replace(addr, `\[[^\]]*\]$`, ""), ".")
}
