package config

import (
	"fmt"

	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclsyntax"
	"github.com/socle-dev/socle/evaluator/addrs"
	"github.com/zclconf/go-cty/cty"
)

func decodeSocleBlock(block *hcl.Block) (*Socle, hcl.Diagnostics) {
	content, diags := block.Body.Content(socleSchema)
	s := &Socle{DeclRange: block.DefRange}
	s.Organization = attrExpr(content, "organization")
	s.System = attrExpr(content, "system")
	s.Store = attrExpr(content, "store")
	s.Policies = attrExpr(content, "policies")
	s.Timeout = attrExpr(content, "timeout")
	s.EnvAllow = attrExpr(content, "env_allow")
	s.SampleSizes = attrExpr(content, "sample_sizes")
	s.SecretFields = attrExpr(content, "secret_fields")
	for _, b := range content.Blocks {
		if b.Type == "limits" {
			if s.Limits != nil {
				diags = append(diags, &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Duplicate limits block",
					Detail:   fmt.Sprintf("A limits block was already declared at %s. Keep one limits block in the socle block.", s.Limits.DeclRange),
					Subject:  b.DefRange.Ptr(),
				})
				continue
			}
			lc, d := b.Body.Content(limitsSchema)
			diags = append(diags, d...)
			s.Limits = &Limits{
				InputSize:      attrExpr(lc, "input_size"),
				InputItems:     attrExpr(lc, "input_items"),
				ControlTimeout: attrExpr(lc, "control_timeout"),
				RunTimeout:     attrExpr(lc, "run_timeout"),
				MessageSize:    attrExpr(lc, "message_size"),
				Findings:       attrExpr(lc, "findings"),
				DeclRange:      b.DefRange,
			}
			continue
		}
		if b.Type == "report" {
			if s.Report != nil {
				diags = append(diags, &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Duplicate report block",
					Detail:   fmt.Sprintf("A report block was already declared at %s.", s.Report.DeclRange),
					Subject:  b.DefRange.Ptr(),
				})
				continue
			}
			rc, d := b.Body.Content(reportSchema)
			diags = append(diags, d...)
			s.Report = &Report{Headings: attrExpr(rc, "headings"), DeclRange: b.DefRange}
			continue
		}
		if s.Period != nil {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Duplicate period block",
				Detail:   fmt.Sprintf("A period was already declared at %s. Keep one period block in the socle block.", s.Period.DeclRange),
				Subject:  b.DefRange.Ptr(),
			})
			continue
		}
		pc, d := b.Body.Content(periodSchema)
		diags = append(diags, d...)
		s.Period = &Period{Start: attrExpr(pc, "start"), End: attrExpr(pc, "end"), DeclRange: b.DefRange}
	}
	return s, diags
}

func decodeVariableBlock(block *hcl.Block) (*Variable, hcl.Diagnostics) {
	diags := checkLabel(block, "variable")
	content, d := block.Body.Content(variableSchema)
	diags = append(diags, d...)
	v := &Variable{Name: block.Labels[0], DeclRange: block.DefRange}
	v.Type = attrExpr(content, "type")
	v.Default = attrExpr(content, "default")
	if a, ok := content.Attributes["description"]; ok {
		diags = append(diags, literal(a, cty.String, func(val cty.Value) { v.Description = val.AsString() })...)
	}
	if a, ok := content.Attributes["sensitive"]; ok {
		diags = append(diags, literal(a, cty.Bool, func(val cty.Value) { v.Sensitive = val.True() })...)
	}
	for _, b := range content.Blocks {
		vc, d := b.Body.Content(validationSchema)
		diags = append(diags, d...)
		v.Validations = append(v.Validations, &Validation{
			Condition:    attrExpr(vc, "condition"),
			ErrorMessage: attrExpr(vc, "error_message"),
			DeclRange:    b.DefRange,
		})
	}
	if !hclsyntax.ValidIdentifier(v.Name) {
		return nil, diags
	}
	return v, diags
}

func decodeLocalsBlock(block *hcl.Block) ([]*Local, hcl.Diagnostics) {
	attrs, diags := block.Body.JustAttributes()
	locals := make([]*Local, 0, len(attrs))
	for name, a := range attrs {
		if !hclsyntax.ValidIdentifier(name) {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Invalid local value name",
				Detail:   "A name must start with a letter or underscore and contain only letters, digits, underscores and dashes.",
				Subject:  a.NameRange.Ptr(),
			})
			continue
		}
		locals = append(locals, &Local{Name: name, Expr: a.Expr, DeclRange: a.Range})
	}
	return locals, diags
}

func decodeObjectiveBlock(block *hcl.Block) (*Objective, hcl.Diagnostics) {
	diags := checkLabel(block, "objective")
	content, d := block.Body.Content(objectiveSchema)
	diags = append(diags, d...)
	if !hclsyntax.ValidIdentifier(block.Labels[0]) {
		return nil, diags
	}
	return &Objective{
		Name:        block.Labels[0],
		Ref:         attrExpr(content, "ref"),
		Title:       attrExpr(content, "title"),
		Description: attrExpr(content, "description"),
		COSO:        attrExpr(content, "coso"),
		Mappings:    attrExpr(content, "mappings"),
		DeclRange:   block.DefRange,
	}, diags
}

func decodeProviderBlock(block *hcl.Block) (*Provider, hcl.Diagnostics) {
	diags := checkLabel(block, "provider")
	content, remain, d := block.Body.PartialContent(providerSchema)
	diags = append(diags, d...)
	if !hclsyntax.ValidIdentifier(block.Labels[0]) {
		return nil, diags
	}
	p := &Provider{
		Addr:      addrs.Provider{Type: block.Labels[0]},
		Config:    remain,
		DeclRange: block.DefRange,
		TypeRange: block.LabelRanges[0],
	}
	p.MaxAge = attrExpr(content, "max_age")
	for _, b := range content.Blocks {
		if p.Expect != nil {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Duplicate expect block",
				Detail:   fmt.Sprintf("An expect block was already declared at %s; merge them.", p.Expect.DeclRange),
				Subject:  b.DefRange.Ptr(),
			})
			continue
		}
		ec, d := b.Body.Content(expectSchema)
		diags = append(diags, d...)
		p.Expect = &Expect{MinItems: attrExpr(ec, "min_items"), Params: attrExpr(ec, "params"), DeclRange: b.DefRange}
	}
	if a, ok := content.Attributes["alias"]; ok {
		diags = append(diags, literal(a, cty.String, func(val cty.Value) {
			alias := val.AsString()
			if !hclsyntax.ValidIdentifier(alias) {
				diags = append(diags, &hcl.Diagnostic{
					Severity: hcl.DiagError,
					Summary:  "Invalid provider alias",
					Detail:   fmt.Sprintf("%q is not a valid alias: use letters, digits, underscores and dashes, starting with a letter.", alias),
					Subject:  a.Expr.Range().Ptr(),
				})
				return
			}
			p.Addr.Alias = alias
		})...)
	}
	return p, diags
}

func decodeControlBlock(block *hcl.Block) (*Control, hcl.Diagnostics) {
	diags := checkLabel(block, "control")
	content, d := block.Body.Content(controlSchema)
	diags = append(diags, d...)
	if !hclsyntax.ValidIdentifier(block.Labels[0]) {
		return nil, diags
	}
	c := &Control{
		Name:          block.Labels[0],
		Ref:           attrExpr(content, "ref"),
		Objective:     attrExpr(content, "objective"),
		Title:         attrExpr(content, "title"),
		Description:   attrExpr(content, "description"),
		Remediation:   attrExpr(content, "remediation"),
		Policy:        attrExpr(content, "policy"),
		PolicyStyle:   attrExpr(content, "policy_style"),
		Providers:     attrExpr(content, "providers"),
		Frequency:     attrExpr(content, "frequency"),
		Automated:     attrExpr(content, "automated"),
		Key:           attrExpr(content, "key"),
		Severity:      attrExpr(content, "severity"),
		Owner:         attrExpr(content, "owner"),
		Tags:          attrExpr(content, "tags"),
		Mappings:      attrExpr(content, "mappings"),
		Count:         attrExpr(content, "count"),
		TestProcedure: attrExpr(content, "test_procedure"),
		ForEach:       attrExpr(content, "for_each"),
		DeclRange:     block.DefRange,
	}
	for _, b := range content.Blocks {
		ec, d := b.Body.Content(evidenceSchema)
		diags = append(diags, d...)
		c.Evidence = append(c.Evidence, &Evidence{
			File:        attrExpr(ec, "file"),
			Date:        attrExpr(ec, "date"),
			Description: attrExpr(ec, "description"),
			SHA256:      attrExpr(ec, "sha256"),
			DeclRange:   b.DefRange,
		})
	}
	if c.Count != nil && c.ForEach != nil {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Both count and for_each",
			Detail:   "A control may be stamped with count or with for_each, not both. Remove one of them.",
			Subject:  c.ForEach.Range().Ptr(),
		})
	}
	return c, diags
}

func decodeWaiverBlock(block *hcl.Block) (*Waiver, hcl.Diagnostics) {
	diags := checkLabel(block, "waiver")
	content, d := block.Body.Content(waiverSchema)
	diags = append(diags, d...)
	if !hclsyntax.ValidIdentifier(block.Labels[0]) {
		return nil, diags
	}
	return &Waiver{
		Name:       block.Labels[0],
		Control:    attrExpr(content, "control"),
		Resources:  attrExpr(content, "resources"),
		Reason:     attrExpr(content, "reason"),
		ApprovedBy: attrExpr(content, "approved_by"),
		Ticket:     attrExpr(content, "ticket"),
		Expires:    attrExpr(content, "expires"),
		DeclRange:  block.DefRange,
	}, diags
}

func decodeCUECBlock(block *hcl.Block) (*CUEC, hcl.Diagnostics) {
	diags := checkLabel(block, "cuec")
	content, d := block.Body.Content(cuecSchema)
	diags = append(diags, d...)
	if !hclsyntax.ValidIdentifier(block.Labels[0]) {
		return nil, diags
	}
	return &CUEC{
		Name:        block.Labels[0],
		Ref:         attrExpr(content, "ref"),
		Objectives:  attrExpr(content, "objectives"),
		Description: attrExpr(content, "description"),
		DeclRange:   block.DefRange,
	}, diags
}

func decodeSubserviceBlock(block *hcl.Block) (*Subservice, hcl.Diagnostics) {
	diags := checkLabel(block, "subservice")
	content, d := block.Body.Content(subserviceSchema)
	diags = append(diags, d...)
	if !hclsyntax.ValidIdentifier(block.Labels[0]) {
		return nil, diags
	}
	s := &Subservice{
		Name:        block.Labels[0],
		OrgName:     attrExpr(content, "name"),
		Services:    attrExpr(content, "services"),
		Method:      attrExpr(content, "method"),
		Objectives:  attrExpr(content, "objectives"),
		MonitoredBy: attrExpr(content, "monitored_by"),
		DeclRange:   block.DefRange,
	}
	seen := map[string]hcl.Range{}
	for _, b := range content.Blocks {
		diags = append(diags, checkLabel(b, "csoc")...)
		cc, d := b.Body.Content(csocSchema)
		diags = append(diags, d...)
		if prev, ok := seen[b.Labels[0]]; ok {
			diags = append(diags, duplicate("csoc", b.Labels[0], prev, b.DefRange))
			continue
		}
		seen[b.Labels[0]] = b.DefRange
		s.CSOCs = append(s.CSOCs, &CSOC{
			Name:        b.Labels[0],
			Ref:         attrExpr(cc, "ref"),
			Description: attrExpr(cc, "description"),
			Objectives:  attrExpr(cc, "objectives"),
			DeclRange:   b.DefRange,
		})
	}
	return s, diags
}

func decodeRiskBlock(block *hcl.Block) (*Risk, hcl.Diagnostics) {
	diags := checkLabel(block, "risk")
	content, d := block.Body.Content(riskSchema)
	diags = append(diags, d...)
	if !hclsyntax.ValidIdentifier(block.Labels[0]) {
		return nil, diags
	}
	return &Risk{
		Name:        block.Labels[0],
		Ref:         attrExpr(content, "ref"),
		Title:       attrExpr(content, "title"),
		Description: attrExpr(content, "description"),
		Likelihood:  attrExpr(content, "likelihood"),
		Impact:      attrExpr(content, "impact"),
		Objectives:  attrExpr(content, "objectives"),
		COSO:        attrExpr(content, "coso"),
		Fraud:       attrExpr(content, "fraud"),
		MitigatedBy: attrExpr(content, "mitigated_by"),
		DeclRange:   block.DefRange,
	}, diags
}

func decodeTestBlock(block *hcl.Block) (*Test, hcl.Diagnostics) {
	diags := checkLabel(block, "test")
	content, d := block.Body.Content(testSchema)
	diags = append(diags, d...)
	if !hclsyntax.ValidIdentifier(block.Labels[0]) {
		return nil, diags
	}
	t := &Test{
		Name:      block.Labels[0],
		Control:   attrExpr(content, "control"),
		Snapshot:  attrExpr(content, "snapshot"),
		AsOf:      attrExpr(content, "as_of"),
		DeclRange: block.DefRange,
	}
	for _, b := range content.Blocks {
		if t.Expect != nil {
			diags = append(diags, &hcl.Diagnostic{
				Severity: hcl.DiagError,
				Summary:  "Duplicate expect block",
				Detail:   fmt.Sprintf("An expect block was already declared at %s; a test has one.", t.Expect.DeclRange),
				Subject:  b.DefRange.Ptr(),
			})
			continue
		}
		ec, d := b.Body.Content(testExpectSchema)
		diags = append(diags, d...)
		t.Expect = &TestExpect{
			Status:     attrExpr(ec, "status"),
			Failing:    attrExpr(ec, "failing"),
			Population: attrExpr(ec, "population"),
			DeclRange:  b.DefRange,
		}
	}
	if t.Expect == nil {
		diags = append(diags, &hcl.Diagnostic{
			Severity: hcl.DiagError,
			Summary:  "Missing expect block",
			Detail:   "A test says what it expects: add expect { status = \"pass\" } (or fail, not_tested, error), and optionally failing = [RESOURCE, …].",
			Subject:  block.DefRange.Ptr(),
		})
	}
	return t, diags
}

// checkLabel reports a block label that is not an HCL identifier: labels are
// referred to as kind.LABEL, so they must be valid names.
func checkLabel(block *hcl.Block, kind string) hcl.Diagnostics {
	name := block.Labels[0]
	if hclsyntax.ValidIdentifier(name) {
		return nil
	}
	return hcl.Diagnostics{{
		Severity: hcl.DiagError,
		Summary:  fmt.Sprintf("Invalid %s name", kind),
		Detail: fmt.Sprintf("%q is not a valid name: a %s is referred to as %s.NAME, so its name must start with a letter or underscore and contain only letters, digits, underscores and dashes. Auditor-facing numbers such as \"CO-4\" belong in the ref attribute.",
			name, kind, kind),
		Subject: block.LabelRanges[0].Ptr(),
	}}
}

func attrExpr(content *hcl.BodyContent, name string) hcl.Expression {
	if content == nil {
		return nil
	}
	if a, ok := content.Attributes[name]; ok {
		return a.Expr
	}
	return nil
}

// literal evaluates an attribute that must be a constant of the given type (no
// references), calling set with the value when it is one.
func literal(a *hcl.Attribute, want cty.Type, set func(cty.Value)) hcl.Diagnostics {
	val, diags := a.Expr.Value(nil)
	if diags.HasErrors() {
		return diags
	}
	if val.IsNull() || val.Type() != want {
		return hcl.Diagnostics{{
			Severity: hcl.DiagError,
			Summary:  fmt.Sprintf("Invalid %s", a.Name),
			Detail:   fmt.Sprintf("%s must be a literal %s: write the value itself, without variables, functions or references.", a.Name, want.FriendlyName()),
			Subject:  a.Expr.Range().Ptr(),
		}}
	}
	set(val)
	return nil
}

func decodeNotifyBlock(block *hcl.Block) (*Notify, hcl.Diagnostics) {
	diags := checkLabel(block, "notify")
	content, d := block.Body.Content(notifySchema)
	diags = append(diags, d...)
	if !hclsyntax.ValidIdentifier(block.Labels[0]) {
		return nil, diags
	}
	return &Notify{
		Name:       block.Labels[0],
		Type:       attrExpr(content, "type"),
		URL:        attrExpr(content, "url"),
		Secret:     attrExpr(content, "secret"),
		SMTP:       attrExpr(content, "smtp"),
		From:       attrExpr(content, "from"),
		To:         attrExpr(content, "to"),
		ToOwners:   attrExpr(content, "to_owners"),
		Username:   attrExpr(content, "username"),
		Password:   attrExpr(content, "password"),
		Events:     attrExpr(content, "events"),
		WaiverDays: attrExpr(content, "waiver_days"),
		Retries:    attrExpr(content, "retries"),
		Backoff:    attrExpr(content, "backoff"),
		Timeout:    attrExpr(content, "timeout"),
		DeclRange:  block.DefRange,
	}, diags
}
