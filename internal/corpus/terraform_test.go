package corpus

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"testing"
)

// plan is the part of the plan JSON format the tests look at.
type plan struct {
	FormatVersion    string `json:"format_version"`
	TerraformVersion string `json:"terraform_version"`
	Variables        map[string]struct {
		Value any `json:"value"`
	} `json:"variables"`
	PlannedValues struct {
		RootModule planModule `json:"root_module"`
	} `json:"planned_values"`
	ResourceChanges []struct {
		Address       string `json:"address"`
		ModuleAddress string `json:"module_address"`
		Mode          string `json:"mode"`
		Type          string `json:"type"`
		Index         any    `json:"index"`
		Change        struct {
			Actions         []string       `json:"actions"`
			Before          map[string]any `json:"before"`
			After           map[string]any `json:"after"`
			AfterUnknown    map[string]any `json:"after_unknown"`
			BeforeSensitive any            `json:"before_sensitive"`
			AfterSensitive  any            `json:"after_sensitive"`
		} `json:"change"`
	} `json:"resource_changes"`
	PriorState struct {
		Values struct {
			RootModule planModule `json:"root_module"`
		} `json:"values"`
	} `json:"prior_state"`
	Configuration struct {
		RootModule map[string]any `json:"root_module"`
	} `json:"configuration"`
}

type planModule struct {
	Address   string `json:"address"`
	Resources []struct {
		Address         string         `json:"address"`
		Mode            string         `json:"mode"`
		Type            string         `json:"type"`
		Values          map[string]any `json:"values"`
		SensitiveValues map[string]any `json:"sensitive_values"`
	} `json:"resources"`
	ChildModules []planModule `json:"child_modules"`
}

func (m planModule) walk(f func(m planModule)) {
	f(m)
	for _, c := range m.ChildModules {
		c.walk(f)
	}
}

func parse(t testing.TB, b []byte) *plan {
	t.Helper()
	var p plan
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatalf("plan is not valid JSON: %v", err)
	}
	return &p
}

var corpusTypes = []string{
	"aws_s3_bucket", "aws_s3_bucket_versioning", "aws_s3_bucket_server_side_encryption_configuration",
	"aws_s3_bucket_public_access_block", "aws_s3_bucket_logging",
	"aws_iam_user", "aws_iam_user_login_profile", "aws_iam_user_policy_attachment",
	"aws_iam_role", "aws_iam_policy", "aws_security_group", "aws_db_instance", "aws_kms_key",
	"aws_cloudtrail", "aws_instance", "aws_lb_listener", "aws_cloudwatch_log_group", "aws_ebs_volume",
}

func TestTerraformPlanDeterministic(t *testing.T) {
	a := TerraformPlan(2000, 7)
	b := TerraformPlan(2000, 7)
	if !bytes.Equal(a, b) {
		t.Fatal("two plans with the same size and seed differ")
	}
	if bytes.Equal(a, TerraformPlan(2000, 8)) {
		t.Fatal("plans with different seeds are identical")
	}
}

func TestTerraformPlanShape(t *testing.T) {
	for _, n := range []int{100, 1000, 10000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			p := parse(t, TerraformPlan(n, 1))
			if p.FormatVersion != "1.2" || p.TerraformVersion != "1.9.8" {
				t.Errorf("format_version %q, terraform_version %q", p.FormatVersion, p.TerraformVersion)
			}
			if len(p.Variables) == 0 || len(p.Configuration.RootModule) == 0 {
				t.Error("variables or configuration missing")
			}
			if got := len(p.ResourceChanges); math.Abs(float64(got-n)) > 0.02*float64(n) {
				t.Errorf("%d resource changes, want %d ± 2%%", got, n)
			}

			planned := map[string]string{} // address → type
			modules := 0
			p.PlannedValues.RootModule.walk(func(m planModule) {
				if m.Address != "" {
					modules++
				}
				for _, r := range m.Resources {
					if _, dup := planned[r.Address]; dup {
						t.Errorf("%s planned twice", r.Address)
					}
					planned[r.Address] = r.Type
					if r.Values == nil || r.SensitiveValues == nil {
						t.Errorf("%s: values or sensitive_values missing", r.Address)
					}
				}
			})
			if modules < 5 {
				t.Errorf("%d child modules, want several", modules)
			}
			prior := map[string]bool{}
			p.PriorState.Values.RootModule.walk(func(m planModule) {
				for _, r := range m.Resources {
					prior[r.Address] = true
				}
			})

			types := map[string]int{}
			actions := map[string]int{}
			indexed := 0
			for _, rc := range p.ResourceChanges {
				types[rc.Type]++
				actions[fmt.Sprint(rc.Change.Actions)]++
				if rc.Index != nil {
					indexed++
				}
				_, isPlanned := planned[rc.Address]
				deleted := slices.Equal(rc.Change.Actions, []string{"delete"})
				if isPlanned == deleted {
					t.Errorf("%s %v: in planned_values = %v", rc.Address, rc.Change.Actions, isPlanned)
				}
				created := slices.Contains(rc.Change.Actions, "create") && len(rc.Change.Actions) == 1
				if prior[rc.Address] == (created || rc.Mode == "data") {
					t.Errorf("%s %v: in prior_state = %v", rc.Address, rc.Change.Actions, prior[rc.Address])
				}
				if created && rc.Change.BeforeSensitive != false {
					t.Errorf("%s: before_sensitive %v on create, want false", rc.Address, rc.Change.BeforeSensitive)
				}
				if deleted && (rc.Change.After != nil || rc.Change.AfterSensitive != false) {
					t.Errorf("%s: after %v / after_sensitive %v on delete", rc.Address, rc.Change.After, rc.Change.AfterSensitive)
				}
				if rc.Type == "aws_db_instance" && !deleted {
					if s, _ := rc.Change.AfterSensitive.(map[string]any); s["password"] != true {
						t.Errorf("%s: password not marked sensitive: %v", rc.Address, rc.Change.AfterSensitive)
					}
				}
				if created && rc.Change.AfterUnknown["id"] != true {
					t.Errorf("%s: id not unknown on create: %v", rc.Address, rc.Change.AfterUnknown)
				}
			}
			if len(planned) != len(p.ResourceChanges)-actions["[delete]"] {
				t.Errorf("%d planned resources, %d changes of which %d deletes", len(planned), len(p.ResourceChanges), actions["[delete]"])
			}
			for _, typ := range corpusTypes {
				if types[typ] == 0 {
					t.Errorf("no %s", typ)
				}
			}
			for _, a := range []string{"[no-op]", "[create]", "[update]", "[delete]", "[read]"} {
				if actions[a] == 0 {
					t.Errorf("no %s change", a)
				}
			}
			if indexed < len(p.ResourceChanges)/2 {
				t.Errorf("%d of %d instances have an index, want most", indexed, len(p.ResourceChanges))
			}
		})
	}
}

// TestTerraformPlanDeviations checks that each seeded deviation occurs at
// about its rate.
func TestTerraformPlanDeviations(t *testing.T) {
	p := parse(t, TerraformPlan(20000, 3))
	byType := map[string][]map[string]any{}
	p.PlannedValues.RootModule.walk(func(m planModule) {
		for _, r := range m.Resources {
			if r.Mode == "managed" {
				byType[r.Type] = append(byType[r.Type], r.Values)
			}
		}
	})
	share := func(typ string, bad func(v map[string]any) bool) float64 {
		n := 0
		for _, v := range byType[typ] {
			if bad(v) {
				n++
			}
		}
		return float64(n) / float64(len(byType[typ]))
	}
	versioned := map[any]bool{}
	for _, v := range byType["aws_s3_bucket_versioning"] {
		if v["versioning_configuration"].([]any)[0].(map[string]any)["status"] == "Enabled" {
			versioned[v["bucket"]] = true
		}
	}
	for _, c := range []struct {
		name string
		got  float64
		want float64
	}{
		{"s3 versioning", share("aws_s3_bucket", func(v map[string]any) bool { return !versioned[v["bucket"]] }), rateS3NoVersioning + rateS3Suspended},
		{"rds encryption", share("aws_db_instance", func(v map[string]any) bool { return v["storage_encrypted"] == false }), rateDBUnencrypted},
		{"rds backups", share("aws_db_instance", func(v map[string]any) bool { return v["backup_retention_period"].(float64) < 7 }), rateDBShortBackup},
		{"ebs encryption", share("aws_ebs_volume", func(v map[string]any) bool { return v["encrypted"] == false }), rateEBSUnencrypted},
		{"cloudtrail validation", share("aws_cloudtrail", func(v map[string]any) bool { return v["enable_log_file_validation"] == false }), rateTrailNoValidate},
	} {
		if c.got < c.want*0.6 || c.got > c.want*1.4 {
			t.Errorf("%s: %.3f non-compliant, want about %.3f", c.name, c.got, c.want)
		}
	}
}

// TestEncoderMatchesEncodingJSON checks the hand-written encoder against
// encoding/json on awkward strings and nesting.
func TestEncoderMatchesEncodingJSON(t *testing.T) {
	v := map[string]any{
		"z":       "quote \" backslash \\ <tag> & amp\n\t\r \x01 é ☃ \u2028 \u2029 \xff",
		"a":       []any{1, -2, true, false, nil, map[string]any{"b": "c", "a": []any{}}},
		"m":       map[string]any{},
		"secret":  sensitiveValue{"hunter2"},
		"pending": unknown,
	}
	var e encoder
	e.value(v, 0)
	delete(v, "pending")
	v["secret"] = "hunter2"
	want, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	if string(e.buf) != string(want) {
		t.Errorf("encoder wrote\n%s\nencoding/json writes\n%s", e.buf, want)
	}
}

func TestShapes(t *testing.T) {
	v := map[string]any{
		"id":       unknown,
		"password": sensitiveValue{unknown},
		"name":     "x",
		"list":     []any{"a", unknown, map[string]any{"k": unknown, "s": sensitiveValue{"v"}}},
		"tags":     map[string]any{"a": "b"},
		"none":     nil,
	}
	for _, c := range []struct {
		name string
		f    func(e *encoder)
		want string
	}{
		{"after", func(e *encoder) { e.value(v, 0) }, `{"list":["a",null,{"s":"v"}],"name":"x","none":null,"tags":{"a":"b"}}`},
		{"after_unknown", func(e *encoder) { e.unknowns(v) }, `{"id":true,"list":[false,true,{"k":true}],"password":true,"tags":{}}`},
		{"after_sensitive", func(e *encoder) { e.sensitive(v, 0) }, `{"list":[false,false,{"s":true}],"password":true,"tags":{}}`},
		{"known", func(e *encoder) { e.unknowns(map[string]any{"a": []any{"b"}}) }, `{}`},
	} {
		var e encoder
		c.f(&e)
		if string(e.buf) != c.want {
			t.Errorf("%s: got %s, want %s", c.name, e.buf, c.want)
		}
	}
}

func TestWritePlan(t *testing.T) {
	path := t.TempDir() + "/plan.json"
	if err := WritePlan(path, 300, 1); err != nil {
		t.Fatal(err)
	}
	if err := WritePlan(t.TempDir()+"/missing/plan.json", 300, 1); err == nil {
		t.Error("WritePlan into a missing directory did not fail")
	}
}

func BenchmarkTerraformPlan(b *testing.B) {
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			var size int
			for b.Loop() {
				size = len(TerraformPlan(n, 1))
			}
			b.SetBytes(int64(size))
		})
	}
}
