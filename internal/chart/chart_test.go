package chart

import (
	"bytes"
	"errors"
	"flag"
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/okbot/okbot/internal/facts"
)

var update = flag.Bool("update", false, "rewrite testdata/ratings.png from the current output")

// maxBytes is the size budget for the PNG attached to every /ratings reply.
const maxBytes = 100 << 10

func ptr(v float64) *float64 { return &v }

// showRatings is a fixture shaped like data/ratings.json: the show's 16
// press figures and peaks, with no peak for episode 12.
func showRatings() *facts.Ratings {
	ratings := []float64{6.1, 4.7, 5.9, 4.9, 5.2, 5.6, 5.6, 5.6, 5.8, 5.5, 5.7, 5.3, 5.7, 5.9, 6.5, 7.3}
	peaks := []*float64{
		ptr(7.0), ptr(5.5), ptr(6.9), ptr(5.7), ptr(5.6), ptr(5.9), ptr(5.8), ptr(6.1),
		ptr(6.2), ptr(6.0), ptr(6.4), nil, ptr(6.2), ptr(6.3), ptr(7.0), ptr(7.6),
	}
	r := &facts.Ratings{
		Measure: facts.Text{EN: "Nielsen Korea, nationwide, pay-TV households"},
		Summary: facts.Summary{Average: 5.4, Highest: 16, Lowest: 2, AverageNotes: []facts.Note{
			{Text: facts.Text{EN: "How the 5.4% average was calculated is not verified."}, Confidence: facts.Unverified},
		}},
	}
	for i, v := range ratings {
		r.Episodes = append(r.Episodes, facts.Episode{
			Number:  i + 1,
			AirDate: "2020-06-20",
			Rating:  v,
			Peak:    peaks[i],
		})
	}
	return r
}

// decode renders r and checks what every chart must satisfy: a valid PNG
// of the advertised size within the byte budget.
func decode(t *testing.T, r *facts.Ratings) (image.Image, []byte) {
	t.Helper()
	b, err := Ratings(r)
	if err != nil {
		t.Fatalf("Ratings() error = %v, want nil", err)
	}
	if len(b) >= maxBytes {
		t.Errorf("Ratings() = %d bytes, want < %d", len(b), maxBytes)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("png.Decode(Ratings()) error = %v", err)
	}
	if got, want := img.Bounds().Size(), image.Pt(Width, Height); got != want {
		t.Errorf("Ratings() size = %v, want %v", got, want)
	}
	return img, b
}

func sameColor(a, b color.Color) bool {
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2 && a1 == a2
}

func TestRatings(t *testing.T) {
	noPeaks := showRatings()
	for i := range noPeaks.Episodes {
		noPeaks.Episodes[i].Peak = nil
	}
	finaleNoPeak := showRatings()
	finaleNoPeak.Episodes[15].Peak = nil
	lonePeaks := showRatings() // no two peaks in a row: markers but no line
	for i := range lonePeaks.Episodes {
		if i%2 == 1 {
			lonePeaks.Episodes[i].Peak = nil
		}
	}
	unsorted := showRatings()
	unsorted.Episodes[0], unsorted.Episodes[15] = unsorted.Episodes[15], unsorted.Episodes[0]
	noAverage := showRatings()
	noAverage.Summary.Average = 0
	hangulMeasure := showRatings()
	hangulMeasure.Measure = facts.Text{EN: "닐슨코리아"}
	oneEpisode := showRatings()
	oneEpisode.Episodes = oneEpisode.Episodes[:1]

	tests := []struct {
		name string
		r    *facts.Ratings
	}{
		{"show", showRatings()},
		{"no peaks", noPeaks},
		{"finale without peak", finaleNoPeak},
		{"only isolated peaks", lonePeaks},
		{"episodes out of order", unsorted},
		{"no average", noAverage},
		{"non-Latin measure", hangulMeasure},
		{"one episode", oneEpisode},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			img, _ := decode(t, tt.r)

			b := img.Bounds()
			for _, pt := range []image.Point{b.Min, {b.Max.X - 1, b.Min.Y}, {b.Min.X, b.Max.Y - 1}, b.Max.Sub(image.Pt(1, 1))} {
				if got := img.At(pt.X, pt.Y); !sameColor(got, background) {
					t.Errorf("Ratings() pixel at %v = %v, want background %v", pt, got, background)
				}
			}

			// Text, grid, two series: a blank or single-colour image has
			// far fewer distinct colours than this.
			colors := map[color.Color]bool{}
			for y := b.Min.Y; y < b.Max.Y; y++ {
				for x := b.Min.X; x < b.Max.X; x++ {
					colors[img.At(x, y)] = true
				}
			}
			if len(colors) < 50 {
				t.Errorf("Ratings() has %d distinct colours, want at least 50", len(colors))
			}
			for _, c := range []color.Color{blue, ink} {
				if !colors[color.RGBAModel.Convert(c)] {
					t.Errorf("Ratings() has no pixel of %v", c)
				}
			}
		})
	}
}

// TestAverageCaption: the dashed line carries its caveat in the image,
// which travels without the reply's text.
func TestAverageCaption(t *testing.T) {
	verifiedMethod := showRatings()
	verifiedMethod.Summary.AverageNotes[0].Confidence = facts.Verified
	sameMean := showRatings()
	sameMean.Summary.Average = 5.70625
	noAverage := showRatings()
	noAverage.Summary.Average = 0
	tests := []struct {
		name string
		r    *facts.Ratings
		want []string
	}{
		{"show", showRatings(), []string{
			"Dashed line: 5.4%, the average as published; how it was calculated is unverified.",
			"The 16 episode ratings plotted here average 5.71%.",
		}},
		{"method verified", verifiedMethod, []string{
			"Dashed line: 5.4%, the average as published.",
			"The 16 episode ratings plotted here average 5.71%.",
		}},
		{"mean matches", sameMean, []string{
			"Dashed line: 5.70625%, the average as published; how it was calculated is unverified.",
		}},
		{"no average", noAverage, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := averageCaption(tt.r.Summary, tt.r.Episodes); !slices.Equal(got, tt.want) {
				t.Errorf("averageCaption(%s) = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}

func TestRatingsErrors(t *testing.T) {
	tests := []struct {
		name string
		r    *facts.Ratings
	}{
		{"nil", nil},
		{"no episodes", &facts.Ratings{Summary: facts.Summary{Average: 5.4}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := Ratings(tt.r)
			if !errors.Is(err, ErrNoEpisodes) {
				t.Errorf("Ratings(%s) = %d bytes, %v, want ErrNoEpisodes", tt.name, len(b), err)
			}
		})
	}
}

// TestRatingsGolden pins the rendering. After a deliberate change to the
// design (or to gonum/plot), run `go test ./internal/chart -update` and
// look at testdata/ratings.png before committing it.
func TestRatingsGolden(t *testing.T) {
	_, got := decode(t, showRatings())
	again, err := Ratings(showRatings())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, again) {
		t.Fatal("Ratings() differs between two calls with the same input")
	}

	golden := filepath.Join("testdata", "ratings.png")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if kept := diffGolden(t, golden, got); kept != "" {
		t.Errorf("Ratings() differs from %s; the new chart is in %s: compare the two, and run go test ./internal/chart -update if the change is intended", golden, kept)
	}
}

// diffGolden compares got with the golden file. When they differ, it keeps
// got in a file of its own, outside the test's temporary directory (which
// is deleted when the test ends, before anyone can look), and returns its
// name; "" when they are the same.
func diffGolden(t testing.TB, golden string, got []byte) string {
	t.Helper()
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("reading golden: %v (run with -update to create it)", err)
	}
	if bytes.Equal(got, want) {
		return ""
	}
	f, err := os.CreateTemp("", "okbot-"+strings.TrimSuffix(filepath.Base(golden), ".png")+"-*.png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.Write(got); err != nil {
		t.Fatal(err)
	}
	return f.Name()
}

// TestDiffGoldenKeepsChart: a failing golden test names a file that is
// still there after the test, holding the chart it drew.
func TestDiffGoldenKeepsChart(t *testing.T) {
	got := []byte("not the golden chart")
	var kept string
	t.Run("differs", func(t *testing.T) {
		kept = diffGolden(t, filepath.Join("testdata", "ratings.png"), got)
	})
	if kept == "" {
		t.Fatal("diffGolden(different bytes) = \"\", want the name of the file it kept them in")
	}
	t.Cleanup(func() { os.Remove(kept) })
	b, err := os.ReadFile(kept)
	if err != nil || !bytes.Equal(b, got) {
		t.Errorf("after the test, %s holds %q, %v; want %q", kept, b, err, got)
	}
}

func BenchmarkRatings(b *testing.B) {
	r := showRatings()
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Ratings(r); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRatingsExtremes: figures no valid store holds (facts.Inspect hands
// them on to New anyway) give a picture or an error, never a panic.
func TestRatingsExtremes(t *testing.T) {
	huge, negative, tiny := 1e308, -1e308, 5e-324
	for _, eps := range [][]facts.Episode{
		{{Number: -9000000000, Rating: 1e308, Peak: &negative}},
		{{Number: 1, Rating: -1e308, Peak: &huge}, {Number: 1, Rating: 0}},
		{{Number: 200000000, Rating: tiny}},
	} {
		r := &facts.Ratings{Episodes: eps, Summary: facts.Summary{Average: 1e308}}
		if b, err := Ratings(r); err == nil && len(b) == 0 {
			t.Errorf("Ratings(%+v) = no picture and no error", eps)
		}
	}
}
