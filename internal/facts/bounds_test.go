package facts

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode/utf8"
)

// manyProblems is the valid fixture with n people on one line of
// cast.json, each with values of the wrong type and a citation of a source
// that is not there (close to one that is), and n more sources: the shape that once made Load take time in the square of
// the files' size.
func manyProblems(t testing.TB, n int) fstest.MapFS {
	t.Helper()
	fsys := validFS(t)
	var cast map[string]any
	if err := json.Unmarshal(fsys["cast.json"].Data, &cast); err != nil {
		t.Fatal(err)
	}
	var sources map[string]any
	if err := json.Unmarshal(fsys["sources.json"].Data, &sources); err != nil {
		t.Fatal(err)
	}
	var people []any
	list := sources["sources"].([]any)
	for i := range n {
		people = append(people, map[string]any{
			"id":            fmt.Sprintf("person-%d", i),
			"actor":         map[string]any{"en": fmt.Sprintf("Actor %d", i), "ko": "배우"},
			"actor_aliases": 5,
			"role":          5,
			"billing":       5,
			"billing_note":  5,
			"description":   5,
			"notes":         5,
			"confidence":    5,
			"sources":       []any{fmt.Sprintf("source-%dx", i)},
		})
		list = append(list, map[string]any{"id": fmt.Sprintf("source-%d", i), "publisher": "P", "url": "https://example.com", "date": "2020"})
	}
	cast["people"] = people
	sources["sources"] = list
	for name, v := range map[string]any{"cast.json": cast, "sources.json": sources} {
		b, err := json.Marshal(v) // one line
		if err != nil {
			t.Fatal(err)
		}
		fsys[name].Data = b
	}
	return fsys
}

// longCitations is the valid fixture with one person citing n sources,
// and sources.json missing so that only the citations count.
func longCitations(t testing.TB, n int) fstest.MapFS {
	t.Helper()
	fsys := validFS(t)
	ids := make([]any, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("source-%07d", i) // one length: no quick mismatches
	}
	apply(t, fsys, edit{file: "cast.json", path: "$.people[0].sources", value: ids})
	apply(t, fsys, edit{file: "sources.json", value: remove})
	return fsys
}

// BenchmarkLoadSize checks facts of growing size, with many problems on
// one line and with a long list of citations. Each of these once took time
// in the square of the size: locating each problem by counting from the
// start of its line (2 MB of cast.json on one line took 40 s), looking
// each path up in a list of the values of the wrong type, a "did you mean"
// for every unknown source, and looking for each citation among those
// before it. Four times the size should take about four times as long:
//
//	go test -run '^$' -bench BenchmarkLoadSize ./internal/facts
func BenchmarkLoadSize(b *testing.B) {
	tests := []struct {
		name  string
		n     int
		build func(testing.TB, int) fstest.MapFS
	}{
		{"problems-on-one-line", 500, manyProblems},
		{"citations", 5000, longCitations},
	}
	for _, tt := range tests {
		for _, n := range []int{tt.n, 4 * tt.n} {
			b.Run(fmt.Sprintf("%s/n=%d", tt.name, n), func(b *testing.B) {
				fsys := tt.build(b, n)
				for b.Loop() {
					_, err := Load(fsys)
					var verr *ValidationError
					if !errors.As(err, &verr) {
						b.Fatalf("Load = %v, want a *ValidationError", err)
					}
				}
			})
		}
	}
}

// TestDidYouMeanIsBounded: only the first maxHints unknown sources get a
// suggestion, as each costs a comparison with every source.
func TestDidYouMeanIsBounded(t *testing.T) {
	_, err := Load(manyProblems(t, maxHints+10))
	var verr *ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("Load(many problems) = %v, want a *ValidationError", err)
	}
	unknown, hints := 0, 0
	for _, p := range verr.Problems {
		if strings.Contains(p.Message, "is not in sources.json") {
			unknown++
		}
		if strings.Contains(p.Message, "did you mean") {
			hints++
		}
	}
	if unknown != maxHints+10 || hints != maxHints {
		t.Errorf("Load(%d unknown sources) gave %d unknown and %d suggestions, want %d and %d", maxHints+10, unknown, hints, maxHints+10, maxHints)
	}
}

// TestProblemPositionsOnOneLine: problems are located by line and column
// (in characters) on a file of one long line too.
func TestProblemPositionsOnOneLine(t *testing.T) {
	fsys := manyProblems(t, 3)
	data := string(fsys["cast.json"].Data)
	_, err := Load(fsys)
	var verr *ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("Load = %v, want a *ValidationError", err)
	}
	// Person k's billing is the k-th in the file.
	var want []string
	for rest, off := data, 0; ; {
		i := strings.Index(rest, `"billing":`)
		if i < 0 {
			break
		}
		at := off + i + len(`"billing":`)
		want = append(want, fmt.Sprintf("cast.json:1:%d: $.people[%d].billing", utf8.RuneCountInString(data[:at])+1, len(want)))
		rest, off = data[at:], at
	}
	var got []string
	for _, p := range verr.Problems {
		if p.File == "cast.json" && strings.HasSuffix(p.Path, ".billing") {
			got = append(got, fmt.Sprintf("%s:%d:%d: %s", p.File, p.Line, p.Column, p.Path))
		}
	}
	if !slices.Equal(got, want) || len(want) != 3 {
		t.Errorf("Load located the billings of the wrong type at\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
