package config

import "github.com/hashicorp/hcl/v2"

var rootSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{
		{Type: "socle"},
		{Type: "variable", LabelNames: []string{"name"}},
		{Type: "locals"},
		{Type: "objective", LabelNames: []string{"name"}},
		{Type: "provider", LabelNames: []string{"type"}},
		{Type: "control", LabelNames: []string{"name"}},
		{Type: "waiver", LabelNames: []string{"name"}},
		{Type: "cuec", LabelNames: []string{"name"}},
		{Type: "subservice", LabelNames: []string{"name"}},
		{Type: "risk", LabelNames: []string{"name"}},
		{Type: "test", LabelNames: []string{"name"}},
		{Type: "notify", LabelNames: []string{"name"}},
	},
}

// testFileSchema is the schema of the files under tests/: test blocks only.
var testFileSchema = &hcl.BodySchema{
	Blocks: []hcl.BlockHeaderSchema{{Type: "test", LabelNames: []string{"name"}}},
}

var socleSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "organization"},
		{Name: "system"},
		{Name: "store"},
		{Name: "policies"},
		{Name: "timeout"},
		{Name: "env_allow"},
		{Name: "sample_sizes"},
		{Name: "secret_fields"},
	},
	Blocks: []hcl.BlockHeaderSchema{{Type: "period"}, {Type: "report"}, {Type: "limits"}},
}

// limitsSchema is the socle block's limits block.
var limitsSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "input_size"},
		{Name: "input_items"},
		{Name: "control_timeout"},
		{Name: "run_timeout"},
		{Name: "message_size"},
		{Name: "findings"},
	},
}

// reportSchema is the socle block's report block: how socle report words
// its output.
var reportSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "headings"}},
}

var periodSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "start", Required: true},
		{Name: "end", Required: true},
	},
}

var variableSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "type"},
		{Name: "default"},
		{Name: "description"},
		{Name: "sensitive"},
	},
	Blocks: []hcl.BlockHeaderSchema{{Type: "validation"}},
}

var validationSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "condition", Required: true},
		{Name: "error_message", Required: true},
	},
}

var objectiveSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "ref", Required: true},
		{Name: "title", Required: true},
		{Name: "description"},
		{Name: "coso"},
		{Name: "mappings"},
	},
}

// providerSchema holds the provider block's arguments that socle owns; the
// rest of the body belongs to the provider type.
var providerSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "alias"}, {Name: "max_age"}},
	Blocks:     []hcl.BlockHeaderSchema{{Type: "expect"}},
}

var expectSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{{Name: "min_items"}, {Name: "params"}},
}

var controlSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "ref"},
		{Name: "objective", Required: true},
		{Name: "title", Required: true},
		{Name: "description"},
		{Name: "remediation"},
		{Name: "policy"},
		{Name: "policy_style"},
		{Name: "providers"},
		{Name: "frequency"},
		{Name: "automated"},
		{Name: "key"},
		{Name: "severity"},
		{Name: "owner"},
		{Name: "tags"},
		{Name: "mappings"},
		{Name: "test_procedure"},
		{Name: "count"},
		{Name: "for_each"},
	},
	Blocks: []hcl.BlockHeaderSchema{{Type: "evidence"}},
}

// evidenceSchema is one evidence file of a manual control.
var evidenceSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "file", Required: true},
		{Name: "date", Required: true},
		{Name: "description"},
		{Name: "sha256"},
	},
}

var cuecSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "ref", Required: true},
		{Name: "objectives", Required: true},
		{Name: "description", Required: true},
	},
}

var subserviceSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "name", Required: true},
		{Name: "services", Required: true},
		{Name: "method"},
		{Name: "objectives", Required: true},
		{Name: "monitored_by"},
	},
	Blocks: []hcl.BlockHeaderSchema{{Type: "csoc", LabelNames: []string{"name"}}},
}

var csocSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "ref", Required: true},
		{Name: "description", Required: true},
		{Name: "objectives"},
	},
}

// riskSchema is a risk of the risk assessment (COSO principles 7 to 9) and
// the controls that mitigate it.
var riskSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "ref"},
		{Name: "title", Required: true},
		{Name: "description"},
		{Name: "likelihood", Required: true},
		{Name: "impact", Required: true},
		{Name: "objectives", Required: true},
		{Name: "coso"},
		{Name: "fraud"},
		{Name: "mitigated_by"},
	},
}

var testSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "control", Required: true},
		{Name: "snapshot"},
		{Name: "as_of"},
	},
	Blocks: []hcl.BlockHeaderSchema{{Type: "expect"}},
}

var testExpectSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "status", Required: true},
		{Name: "failing"},
		{Name: "population"},
	},
}

var waiverSchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "control", Required: true},
		{Name: "resources"},
		{Name: "reason", Required: true},
		{Name: "approved_by", Required: true},
		{Name: "ticket"},
		{Name: "expires", Required: true},
	},
}

// notifySchema is a notify block: where socle eval --record --notify sends
// what changed. Every type's attributes are in one schema; the evaluator
// refuses those the type does not take.
var notifySchema = &hcl.BodySchema{
	Attributes: []hcl.AttributeSchema{
		{Name: "type", Required: true},
		{Name: "url"},
		{Name: "secret"},
		{Name: "smtp"},
		{Name: "from"},
		{Name: "to"},
		{Name: "to_owners"},
		{Name: "username"},
		{Name: "password"},
		{Name: "events"},
		{Name: "waiver_days"},
		{Name: "retries"},
		{Name: "backoff"},
		{Name: "timeout"},
	},
}
