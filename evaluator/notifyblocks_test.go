package evaluator_test

import (
	"strings"
	"testing"
	"time"

	"github.com/socle-dev/socle/evaluator/notify"
)

const notifyHCL = `
socle {
  env_allow = ["HOOK_URL", "HOOK_SECRET", "SMTP_PASSWORD"]
}

notify "siem" {
  type    = "webhook"
  url     = env("HOOK_URL")
  secret  = env("HOOK_SECRET")
  events  = ["newly_failing", "fixed"]
  retries = 5
  backoff = "250ms"
  timeout = "3s"
}

notify "owners" {
  type        = "email"
  smtp        = "mail.example.com:587"
  from        = "socle@example.com"
  to_owners   = true
  username    = "socle"
  password    = env("SMTP_PASSWORD")
  waiver_days = 14
}
`

// TestNotifyDestinations: loading checks the blocks without reading their
// secrets, so a job without them loads; Destinations reads them when a run
// notifies, and names what is missing without a value.
func TestNotifyDestinations(t *testing.T) {
	repo, diags := loadMap(t, notifyHCL, nil)
	if len(diags) != 0 {
		t.Fatalf("loading without the variables: %v", diags)
	}
	if len(repo.Notifies) != 2 || repo.Notifies[0].Label != "owners" || !repo.Notifies[0].ToOwners || repo.Notifies[1].Retries != 5 ||
		repo.Notifies[1].Backoff != 250*time.Millisecond || repo.Notifies[1].Timeout != 3*time.Second || strings.Join(repo.Notifies[1].Events, ",") != "newly_failing,fixed" {
		t.Fatalf("blocks: %+v %+v", repo.Notifies[0], repo.Notifies[1])
	}
	dests, dd := repo.Destinations()
	var details []string
	for _, d := range dd {
		details = append(details, d.Detail)
	}
	all := strings.Join(details, "\n")
	if len(dests) != 0 || len(dd) != 3 || !strings.Contains(all, "HOOK_URL is not set") || !strings.Contains(all, "HOOK_SECRET is not set") || !strings.Contains(all, "SMTP_PASSWORD is not set") {
		t.Fatalf("without the variables: %d destinations, %s", len(dests), all)
	}

	repo, diags = loadMap(t, notifyHCL, map[string]string{"HOOK_URL": "https://hooks.example.com/x", "HOOK_SECRET": "k", "SMTP_PASSWORD": "p"})
	if len(diags) != 0 {
		t.Fatal(diags)
	}
	dests, dd = repo.Destinations()
	if len(dd) != 0 || len(dests) != 2 {
		t.Fatalf("%d destinations, %v", len(dests), dd)
	}
	mail, hook := dests[0], dests[1]
	if hook.Type != notify.TypeWebhook || hook.URL != "https://hooks.example.com/x" || hook.Secret != "k" || hook.Retries != 5 {
		t.Errorf("webhook: %+v", hook)
	}
	if mail.Type != notify.TypeEmail || mail.SMTP != "mail.example.com:587" || mail.Password != "p" || !mail.ToOwners || len(mail.To) != 0 ||
		mail.WaiverDays != 14 || mail.Retries != notify.DefaultRetries || len(mail.Events) != 3 {
		t.Errorf("email: %+v", mail)
	}
}
