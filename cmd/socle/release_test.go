package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// goreleaserConfig is the part of .goreleaser.yaml socle relies on; readYAML
// decodes it strictly, so a misspelt key fails the test as goreleaser check
// would.
type goreleaserConfig struct {
	Version     int    `yaml:"version"`
	ProjectName string `yaml:"project_name"`
	Before      struct {
		Hooks []string `yaml:"hooks"`
	} `yaml:"before"`
	Builds []struct {
		ID           string   `yaml:"id"`
		Main         string   `yaml:"main"`
		Binary       string   `yaml:"binary"`
		Env          []string `yaml:"env"`
		GOOS         []string `yaml:"goos"`
		GOARCH       []string `yaml:"goarch"`
		Flags        []string `yaml:"flags"`
		LDFlags      []string `yaml:"ldflags"`
		ModTimestamp string   `yaml:"mod_timestamp"`
	} `yaml:"builds"`
	Archives []struct {
		ID              string   `yaml:"id"`
		IDs             []string `yaml:"ids"`
		Formats         []string `yaml:"formats"`
		FormatOverrides []struct {
			GOOS    string   `yaml:"goos"`
			Formats []string `yaml:"formats"`
		} `yaml:"format_overrides"`
		NameTemplate string `yaml:"name_template"`
		Files        []any  `yaml:"files"`
	} `yaml:"archives"`
	Checksum struct {
		NameTemplate string `yaml:"name_template"`
		Algorithm    string `yaml:"algorithm"`
	} `yaml:"checksum"`
	Snapshot struct {
		VersionTemplate string `yaml:"version_template"`
	} `yaml:"snapshot"`
	Changelog struct {
		Sort    string `yaml:"sort"`
		Filters struct {
			Exclude []string `yaml:"exclude"`
		} `yaml:"filters"`
	} `yaml:"changelog"`
}

// TestGoreleaserConfig checks the release configuration without goreleaser:
// archives for linux, darwin and windows on amd64 and arm64, checksums, and
// ldflags that really set the version and commit socle version prints (the
// binary is built with them and run). With goreleaser on PATH, goreleaser
// check runs too.
func TestGoreleaserConfig(t *testing.T) {
	root := repoRoot(t)
	var c goreleaserConfig
	readYAML(t, filepath.Join(root, ".goreleaser.yaml"), &c)
	if c.Version != 2 || c.ProjectName != "socle" {
		t.Errorf("version %d, project %q: want version 2 of the format, project socle", c.Version, c.ProjectName)
	}
	if len(c.Builds) != 1 {
		t.Fatalf("%d builds, want 1", len(c.Builds))
	}
	b := c.Builds[0]
	if st, err := os.Stat(filepath.Join(root, b.Main)); err != nil || !st.IsDir() {
		t.Errorf("build main %q is not a directory of the repository", b.Main)
	}
	for _, os := range []string{"linux", "darwin", "windows"} {
		if !slices.Contains(b.GOOS, os) {
			t.Errorf("no %s build", os)
		}
	}
	for _, arch := range []string{"amd64", "arm64"} {
		if !slices.Contains(b.GOARCH, arch) {
			t.Errorf("no %s build", arch)
		}
	}
	if !slices.Contains(b.Env, "CGO_ENABLED=0") {
		t.Error("builds must be static (CGO_ENABLED=0)")
	}
	if len(c.Archives) != 1 || !slices.Contains(c.Archives[0].Formats, "tar.gz") {
		t.Fatalf("archives: %+v", c.Archives)
	}
	zip := false
	for _, o := range c.Archives[0].FormatOverrides {
		zip = zip || (o.GOOS == "windows" && slices.Contains(o.Formats, "zip"))
	}
	if !zip {
		t.Error("windows archives must be zip")
	}
	for _, f := range c.Archives[0].Files {
		if s, ok := f.(string); ok {
			if m, _ := filepath.Glob(filepath.Join(root, s)); len(m) == 0 {
				t.Errorf("archive files %q match nothing", s)
			}
		}
	}
	if c.Checksum.Algorithm != "sha256" || c.Checksum.NameTemplate == "" {
		t.Errorf("checksum: %+v", c.Checksum)
	}
	for _, h := range c.Before.Hooks {
		if pkg, ok := strings.CutPrefix(h, "go run "); ok {
			dir := strings.Fields(pkg)[0]
			if _, err := os.Stat(filepath.Join(root, dir)); err != nil {
				t.Errorf("before hook %q: %v", h, err)
			}
		}
	}

	// The ldflags, with goreleaser's templates filled in, set what socle
	// version prints.
	fill := strings.NewReplacer("{{ .Version }}", "9.8.7", "{{ .FullCommit }}", "0123abcd")
	var ldflags []string
	for _, f := range b.LDFlags {
		ldflags = append(ldflags, fill.Replace(f))
	}
	if rest := regexp.MustCompile(`\{\{[^}]*\}\}`).FindString(strings.Join(ldflags, " ")); rest != "" {
		t.Fatalf("ldflags use a template this test does not fill: %s", rest)
	}
	bin := filepath.Join(t.TempDir(), "socle")
	build := exec.Command("go", append([]string{"build", "-o", bin, "-ldflags", strings.Join(ldflags, " ")}, b.Flags...)...)
	build.Args = append(build.Args, "./"+strings.TrimPrefix(b.Main, "./"))
	build.Dir = root
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build with the release ldflags: %v\n%s", err, out)
	}
	out, err := exec.Command(bin, "version").Output()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "socle 9.8.7\ncommit 0123abcd\nOPA ") {
		t.Errorf("socle version of a release build:\n%s", out)
	}

	if _, err := exec.LookPath("goreleaser"); err == nil {
		check := exec.Command("goreleaser", "check")
		check.Dir = root
		if out, err := check.CombinedOutput(); err != nil {
			t.Errorf("goreleaser check: %v\n%s", err, out)
		}
	}
}
