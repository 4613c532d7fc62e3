package report_test

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/socle-dev/socle/evaluator/report"
	"golang.org/x/net/html"
)

// chromiumPath finds Debian's chromium; without it the browser test skips,
// and fails under CI=true (.ci/run installs it).
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("chromium is not installed (apt-get install chromium): the HTML report must be checked in a real browser in CI")
	}
	t.Skip("chromium is not installed (apt-get install chromium)")
	return ""
}

// chromium runs headless Chromium on a file with a fresh profile, offline
// as far as it can be told, and returns its standard output.
func chromium(t *testing.T, bin string, args ...string) []byte {
	t.Helper()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
		"--user-data-dir=" + t.TempDir()}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, append(base, args...)...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("chromium %v: %v\n%s", args, err, stderr.String())
	}
	return stdout.Bytes()
}

// TestHTMLInBrowser renders the quarter's HTML report in headless Chromium:
// the screenshot is not blank (many distinct colours, the chart's among
// them) and the DOM Chromium built has one Section 4 row per control, one
// deviation per deviation, one evidence row per record. With -update it
// writes the README's screenshot, docs/images/report.png.
func TestHTMLInBrowser(t *testing.T) {
	bin := chromiumPath(t)
	r := buildReport(t, "2026-01-01", "2026-03-31")
	var buf bytes.Buffer
	if err := (report.HTML{}).Render(&buf, r); err != nil {
		t.Fatal(err)
	}
	page := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(page, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	url := "file://" + page

	shot := filepath.Join(t.TempDir(), "report.png")
	chromium(t, bin, "--window-size=1280,1800", "--screenshot="+shot, url)
	f, err := os.Open(shot)
	if err != nil {
		t.Fatalf("no screenshot: %v", err)
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	colours, chartRed := pixelVariety(img)
	t.Logf("screenshot %v: %d distinct colours", img.Bounds().Size(), colours)
	if colours < 50 {
		t.Errorf("the screenshot has %d distinct colours: the page rendered blank or nearly", colours)
	}
	if !chartRed {
		t.Errorf("the screenshot has no pixel of the heat strip's failure red: the inline SVG did not render")
	}
	if *update {
		b, err := os.ReadFile(shot)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("..", "..", "docs", "images", "report.png"), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	dom := chromium(t, bin, "--dump-dom", url)
	doc, err := html.Parse(bytes.NewReader(dom))
	if err != nil {
		t.Fatal(err)
	}
	count := map[string]int{}
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode {
			for _, c := range strings.Fields(attr(n, "class")) {
				count[n.Data+"."+c]++
			}
			count[n.Data]++
		}
	})
	want := map[string]int{
		"tr.control":        r.Summary.Controls,
		"tr.chart":          r.Summary.Controls,
		"svg.chart":         r.Summary.Controls,
		"details.deviation": len(r.Deviations),
		"tr.evidence":       len(r.Evidence),
		"tr.waiver":         len(r.Waivers),
		"tr.sample":         len(r.Samples),
		"tr.reperformance":  len(r.Reperformance),
		"div.objective":     len(r.Sections),
		"script":            0,
		"link":              0,
		"img":               0,
	}
	for k, n := range want {
		if count[k] != n {
			t.Errorf("the DOM has %d %s, want %d", count[k], k, n)
		}
	}
	if r.Summary.Controls != 6 || len(r.Deviations) != 11 || len(r.Evidence) < 380 {
		t.Errorf("the history's report changed shape: %d controls, %d deviations, %d evidence entries", r.Summary.Controls, len(r.Deviations), len(r.Evidence))
	}
}

// pixelVariety counts the distinct colours of an image, and tells whether
// the heat strip's failure red is among them.
func pixelVariety(img image.Image) (int, bool) {
	seen := map[[3]uint32]bool{}
	red := false
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			c := [3]uint32{r >> 8, g >> 8, bl >> 8}
			seen[c] = true
			if c == [3]uint32{0xd2, 0x45, 0x3d} {
				red = true
			}
		}
	}
	return len(seen), red
}

func walk(n *html.Node, visit func(*html.Node)) {
	visit(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, visit)
	}
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

// TestHTMLSelfContained: the page refers to nothing outside itself — no
// script, stylesheet link, image or font, and every href an in-page anchor.
func TestHTMLSelfContained(t *testing.T) {
	for _, c := range goldenCases {
		r := buildReport(t, c.from, c.to)
		var buf bytes.Buffer
		if err := (report.HTML{}).Render(&buf, r); err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(&buf)
		if err != nil {
			t.Fatal(err)
		}
		walk(doc, func(n *html.Node) {
			if n.Type != html.ElementNode {
				return
			}
			switch n.Data {
			case "script", "link", "img", "iframe", "object", "embed":
				t.Errorf("%s: a <%s> element", c.name, n.Data)
			}
			for _, a := range n.Attr {
				if (a.Key == "href" || a.Key == "src") && !strings.HasPrefix(a.Val, "#") {
					t.Errorf("%s: <%s %s=%q> refers outside the page", c.name, n.Data, a.Key, a.Val)
				}
				if a.Key == "xmlns" && a.Val != "http://www.w3.org/2000/svg" {
					t.Errorf("%s: unexpected namespace %q", c.name, a.Val)
				}
			}
			if n.Data == "style" && n.FirstChild != nil && (strings.Contains(n.FirstChild.Data, "url(") || strings.Contains(n.FirstChild.Data, "@import")) {
				t.Errorf("%s: the stylesheet loads something (url( or @import)", c.name)
			}
		})
	}
}
