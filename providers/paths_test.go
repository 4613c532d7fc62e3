package providers

import (
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestCleanPath(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{in: "snapshots/users.json", want: "snapshots/users.json"},
		{in: "./snapshots//a/../users.json", want: "snapshots/users.json"},
		{in: `snapshots\users.json`, want: "snapshots/users.json"},
		{in: "snapshots/*.json", want: "snapshots/*.json"},
		{in: ".", want: "."},
		{in: "", err: "empty"},
		{in: "../x", err: "leaves the policy repository"},
		{in: "a/../../x", err: "leaves the policy repository"},
		{in: "/etc/passwd", err: "absolute path"},
		{in: `C:\secrets`, err: "absolute path"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := CleanPath(tt.in)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("CleanPath(%q) = %q, %v; want an error containing %q", tt.in, got, err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("CleanPath(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
			}
		})
	}
}

func TestEnvMatch(t *testing.T) {
	env := Env{FS: fstest.MapFS{
		"users.json":              {Data: []byte("[]")},
		"snap/a.json":             {Data: []byte("{}")},
		"snap/b.yaml":             {Data: []byte("a: 1")},
		"snap/sub/c.csv":          {Data: []byte("a\n1")},
		"snap/.hidden.json":       {Data: []byte("{}")},
		"snap/.git/config":        {Data: []byte("")},
		"snap/sub/.cache/d.json":  {Data: []byte("{}")},
		"snap/dir.json/inner.txt": {Data: []byte("")},
		"empty/.keep":             {Data: []byte("")},
	}}
	tests := []struct {
		pattern string
		want    []string
		err     string
	}{
		{pattern: "users.json", want: []string{"users.json"}},
		{pattern: "./snap/../users.json", want: []string{"users.json"}},
		{pattern: "snap", want: []string{"snap/a.json", "snap/b.yaml", "snap/dir.json/inner.txt", "snap/sub/c.csv"}},
		// A glob names files only (not the directory snap/dir.json); unlike a
		// directory walk, "*" also matches names starting with a dot.
		{pattern: "snap/*.json", want: []string{"snap/.hidden.json", "snap/a.json"}},
		{pattern: "snap/*/*", want: []string{"snap/.git/config", "snap/dir.json/inner.txt", "snap/sub/c.csv"}},
		{pattern: "snap/*.toml", err: "matches no file"},
		{pattern: "missing.json", err: "does not exist"},
		{pattern: "empty", err: "holds no file"},
		{pattern: "snap/[", err: "invalid glob"},
		{pattern: "../x", err: "leaves the policy repository"},
		{pattern: "/etc/passwd", err: "absolute path"},
	}
	for _, tt := range tests {
		t.Run(tt.pattern, func(t *testing.T) {
			got, err := env.Match(tt.pattern)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("Match(%q) = %q, %v; want an error containing %q", tt.pattern, got, err, tt.err)
				}
				return
			}
			if err != nil || !slices.Equal(got, tt.want) {
				t.Fatalf("Match(%q) = %q, %v; want %q", tt.pattern, got, err, tt.want)
			}
		})
	}
}

func TestSourceErrorText(t *testing.T) {
	for _, tc := range []struct {
		err  SourceError
		want string
	}{
		{SourceError{File: "a.json", Line: 3, Column: 7, Summary: "Invalid JSON", Detail: "unexpected end"}, "a.json:3:7: Invalid JSON: unexpected end"},
		{SourceError{File: "a.json", Line: 3, Summary: "Invalid JSON"}, "a.json:3: Invalid JSON"},
		{SourceError{Summary: "Plug-in warning", Detail: "no owner"}, "Plug-in warning: no owner"},
	} {
		if got := tc.err.Error(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}
