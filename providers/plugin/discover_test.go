package plugin

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestDiscover(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("executable bits and names differ on Windows")
	}
	root := t.TempDir()
	mk := func(rel string, mode os.FileMode) string {
		p := filepath.Join(root, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("#!/bin/sh\n"), mode); err != nil {
			t.Fatal(err)
		}
		return p
	}
	pluginsExe := mk("plugins/socle-provider-cmdb", 0o755)
	binExe := mk("bin/socle-provider-cmdb", 0o755)
	mk("bin/socle-provider-hr", 0o755)
	mk("bin/socle-provider-notexec", 0o644)
	mk("other/socle-provider-notexec", 0o755)
	if err := os.MkdirAll(filepath.Join(root, "bin", "socle-provider-dir"), 0o755); err != nil {
		t.Fatal(err)
	}
	mk("socle-provider-evil", 0o755)
	t.Chdir(root)

	path := strings.Join([]string{"", "relative-dir", filepath.Join(root, "bin"), filepath.Join(root, "other")}, string(os.PathListSeparator))
	tests := []struct {
		name string
		dirs []string
		path string
		want string // "" for not found
	}{
		{"cmdb", []string{filepath.Join(root, "plugins")}, path, pluginsExe},
		{"cmdb", []string{"plugins"}, path, pluginsExe}, // relative to the current directory
		{"cmdb", []string{"", filepath.Join(root, "none")}, path, binExe},
		{"cmdb", nil, path, binExe},
		{"hr", []string{filepath.Join(root, "plugins")}, path, filepath.Join(root, "bin", "socle-provider-hr")},
		{"notexec", nil, path, filepath.Join(root, "other", "socle-provider-notexec")},
		{"dir", nil, path, ""},
		{"missing", nil, path, ""},
		{"evil", nil, ".", ""}, // relative PATH entries are skipped
		{"evil", nil, "", ""},
		{"../bin/socle-provider-cmdb", nil, path, ""},
		{"cmdb/../hr", nil, path, ""},
		{"", nil, path, ""},
		{"1cmdb", nil, path, ""},
	}
	for _, tt := range tests {
		got, ok := Discover(tt.name, tt.dirs, tt.path)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("Discover(%q, %q, …) = %q, %v; want %q", tt.name, tt.dirs, got, ok, tt.want)
		}
	}
}

func TestValidName(t *testing.T) {
	for _, n := range []string{"cmdb", "service-now", "okta_v2", "A1"} {
		if !validName(n) {
			t.Errorf("validName(%q) = false", n)
		}
	}
	for _, n := range []string{"", "-x", "_x", "9x", "a/b", `a\b`, "a.b", "é", "a b"} {
		if validName(n) {
			t.Errorf("validName(%q) = true", n)
		}
	}
}
