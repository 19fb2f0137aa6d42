package commands

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/okbot/okbot/data"
	"github.com/okbot/okbot/internal/facts"
)

// shippedFS is a copy of the shipped facts that a test may change.
func shippedFS(t testing.TB) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	names, err := fs.Glob(data.FS, "*.json")
	if err != nil || len(names) == 0 {
		t.Fatalf("fs.Glob(data.FS, *.json) = %v, %v", names, err)
	}
	for _, name := range names {
		b, err := fs.ReadFile(data.FS, name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: b}
	}
	return fsys
}

// editJSON decodes the named file of fsys, lets change edit it, and
// encodes it back.
func editJSON(t testing.TB, fsys fstest.MapFS, name string, change func(doc map[string]any)) {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(fsys[name].Data, &doc); err != nil {
		t.Fatal(err)
	}
	change(doc)
	b, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	fsys[name].Data = b
}

// setPersonID gives the i-th person of cast.json the id id, and renames
// awards.json's references to them with it.
func setPersonID(t testing.TB, fsys fstest.MapFS, i int, id string) {
	t.Helper()
	var old any
	editJSON(t, fsys, "cast.json", func(doc map[string]any) {
		person := doc["people"].([]any)[i].(map[string]any)
		old, person["id"] = person["id"], id
	})
	editJSON(t, fsys, "awards.json", func(doc map[string]any) {
		for _, a := range doc["awards"].([]any) {
			people, _ := a.(map[string]any)["people"].([]any)
			for k := range people {
				if people[k] == old {
					people[k] = id
				}
			}
		}
	})
}

// inspect is facts.Inspect for facts that are meant to have problems.
func inspect(t testing.TB, fsys fstest.MapFS) *facts.Store {
	t.Helper()
	store, err := facts.Inspect(fsys)
	var verr *facts.ValidationError
	if !errors.As(err, &verr) || store == nil {
		t.Fatalf("facts.Inspect = %v, %v; want a Store and problems", store, err)
	}
	return store
}

// problemsOf lists the problems in New's error, one by one.
func problemsOf(t testing.TB, err error) []string {
	t.Helper()
	var joined interface{ Unwrap() []error }
	if !errors.As(err, &joined) {
		t.Fatalf("New error = %v, want one that lists its problems", err)
	}
	var out []string
	for _, e := range joined.Unwrap() {
		out = append(out, e.Error())
	}
	return out
}

// TestNewChecksAutocompleteChoices: New holds every autocomplete choice to
// Discord's limits as it does every prepared message. A 132-character id
// once passed every check and then made Discord refuse each list it was
// in; the loader now refuses it too, so the Store here is Inspect's.
func TestNewChecksAutocompleteChoices(t *testing.T) {
	fsys := shippedFS(t)
	long := strings.Repeat("a", 132)
	setPersonID(t, fsys, 1, long)
	_, err := New(inspect(t, fsys))
	if err == nil {
		t.Fatal("New(a person with a 132-character id) = nil error, want the autocomplete choice refused")
	}
	for _, l := range []string{"en", "ko"} {
		want := "/cast autocomplete for " + cut(long, 40) + " (" + l + ") would break Discord's limits; change the facts it shows: choices[0].value: 132 characters, more than 100"
		if !strings.Contains(err.Error(), want) {
			t.Errorf("New(a person with a 132-character id) = %v\nwant a problem %q", err, want)
		}
	}
}

// TestPersonIDFits: an id as long as the loader allows fits everywhere
// okbot sends one: autocomplete values, and any custom_id or message.
func TestPersonIDFits(t *testing.T) {
	fsys := shippedFS(t)
	long := strings.Repeat("x", facts.MaxPersonID)
	setPersonID(t, fsys, 1, long)
	store, err := facts.Load(fsys)
	if err != nil {
		t.Fatalf("facts.Load(an id of facts.MaxPersonID characters) = %v, want nil", err)
	}
	r, err := New(store)
	if err != nil {
		t.Fatalf("New(an id of facts.MaxPersonID characters) = %v, want nil", err)
	}
	crawl(t, r, store) // checks every message, button and custom_id
	p := store.Person(long)
	for _, locale := range []string{"", "ko"} {
		for _, q := range []string{"", p.Actor.EN, p.Actor.KO, p.Characters[0].Name.EN} {
			req := inLocale(complete("name", q), locale)
			resp := handle(t, r, req)
			if len(resp.Choices) == 0 || !strings.Contains(text(resp), p.Actor.EN) {
				t.Errorf("Handle(%+v) = %+v, want %s among the choices", req, resp.Choices, p.Actor.EN)
			}
		}
	}
}

// TestRatingsWithoutChart: when the chart cannot be drawn, /ratings still
// answers, without the picture and saying so, and Degraded says why.
func TestRatingsWithoutChart(t *testing.T) {
	errDraw := errors.New("no fonts")
	r, err := newRegistry(testStore(t), func(*facts.Ratings) ([]byte, error) { return nil, errDraw })
	if err != nil {
		t.Fatalf("New(a chart that cannot be drawn) = %v, want the commands without it", err)
	}
	if got := r.Degraded(); !errors.Is(got, errDraw) || !strings.Contains(got.Error(), "/ratings would answer without its chart") {
		t.Errorf("Degraded() = %v, want the drawing error, naming /ratings", got)
	}
	for _, l := range langs {
		req := inLocale(slash("ratings"), l.code())
		resp := handle(t, r, req)
		if resp.Ephemeral || len(resp.Embeds) != 1 {
			t.Fatalf("Handle(%+v) = %+v, want the public overview", req, resp)
		}
		if len(resp.Files) != 0 || resp.Embeds[0].Image != "" {
			t.Errorf("Handle(%+v) has files %d and image %q, want no picture", req, len(resp.Files), resp.Embeds[0].Image)
		}
		got := text(resp)
		for _, want := range []string{msgChartMissing.in(l), "5.4%", "7.3%"} {
			if !strings.Contains(got, want) {
				t.Errorf("Handle(%+v) = %q, want it to contain %q", req, got, want)
			}
		}
		if strings.Contains(got, msgChartCaption.in(l)) {
			t.Errorf("Handle(%+v) describes a chart it does not have", req)
		}
	}
	if got := testRegistry(t).Degraded(); got != nil {
		t.Errorf("Degraded() of the shipped facts = %v, want nil", got)
	}
}

// TestNewOnInspectedStore: New runs on a Store with problems, reports
// what it finds in work that follows the size of the facts, not a number
// in them (an episode count of 200000000 once took 18 GB), and never
// panics.
func TestNewOnInspectedStore(t *testing.T) {
	tests := []struct {
		name   string
		change func(fstest.MapFS)
		// want is in some problem; at most max problems in all.
		want string
		max  int
	}{
		{
			name: "huge episode count",
			change: func(fsys fstest.MapFS) {
				editJSON(t, fsys, "show.json", func(d map[string]any) { d["episodes"] = 1000000 })
			},
			max: 0,
		},
		{
			name: "ratings not JSON",
			change: func(fsys fstest.MapFS) {
				fsys["ratings.json"].Data = []byte("{")
			},
			want: "/ratings would answer without its chart",
			max:  2, // and no episodes for the option's range
		},
		{
			name: "episodes out of order",
			change: func(fsys fstest.MapFS) {
				editJSON(t, fsys, "ratings.json", func(d map[string]any) {
					eps := d["episodes"].([]any)
					eps[0], eps[1] = eps[1], eps[0]
				})
			},
			want: "/ratings: ratings.json lists episode 2 where episode 1 belongs; list episodes 1 to 16 in order",
			max:  1,
		},
		{
			name:   "cast not JSON",
			change: func(fsys fstest.MapFS) { fsys["cast.json"].Data = []byte("[") },
			max:    0,
		},
		{
			name: "every file empty",
			change: func(fsys fstest.MapFS) {
				for name := range fsys {
					fsys[name].Data = []byte("{}")
				}
			},
			want: "/ratings would answer without its chart",
			max:  20,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := shippedFS(t)
			tt.change(fsys)
			r, err := New(inspect(t, fsys))
			var found []string
			if err != nil {
				found = problemsOf(t, err)
			}
			if r != nil && r.Degraded() != nil {
				found = append(found, r.Degraded().Error())
			}
			if len(found) > tt.max {
				t.Errorf("New found %d problems, want at most %d:\n%s", len(found), tt.max, strings.Join(found[:min(len(found), 10)], "\n"))
			}
			if tt.want != "" && !strings.Contains(strings.Join(found, "\n"), tt.want) {
				t.Errorf("New found\n%s\nwant a problem with %q", strings.Join(found, "\n"), tt.want)
			}
		})
	}
}

// FuzzNewInspected replaces one of the shipped fact files with arbitrary
// bytes and prepares the answers from whatever the loader could read, as
// okbot validate does: New must never panic.
// noChart stands in for chart.Ratings where the picture is not the point.
func noChart(*facts.Ratings) ([]byte, error) { return nil, errors.New("no chart in this test") }

func FuzzNewInspected(f *testing.F) {
	shipped := shippedFS(f)
	names := slices.Sorted(maps.Keys(shipped))
	for i, name := range names {
		b := shipped[name].Data
		f.Add(uint8(i), b)
		f.Add(uint8(i), b[:len(b)/2])
	}
	f.Add(uint8(0), []byte(`{"episodes": 200000000}`))
	f.Add(uint8(0), []byte(`{"episodes":[{"number":-9000000000,"rating":1e308,"peak":-1e308}]}`))
	f.Add(uint8(0), []byte(`{"people":[{"id":"x"},{"id":"x","characters":[{}]}]}`))
	f.Fuzz(func(t *testing.T, which uint8, b []byte) {
		fsys := fstest.MapFS{}
		for name, file := range shipped {
			fsys[name] = file
		}
		fsys[names[int(which)%len(names)]] = &fstest.MapFile{Data: b}
		store, _ := facts.Inspect(fsys)
		// The chart is left out: drawing it takes most of New's time,
		// which starved the fuzzer (21 inputs in 10 s), and its own
		// tests cover extreme figures (chart.TestRatingsExtremes).
		if r, err := newRegistry(store, noChart); err == nil && r == nil {
			t.Fatal("New = nil, nil")
		}
	})
}

// BenchmarkReplyCitations prepares an answer citing n and 16n sources.
// Looking each citation and publisher up among those before it, and trying
// every count of source lines joined to find how many fit, each once took
// time in the square of their number (one person citing 16000 sources
// took New 3.5 s); sixteen times the citations should take about sixteen
// times as long:
//
//	go test -run '^$' -bench BenchmarkReplyCitations ./internal/commands
func BenchmarkReplyCitations(b *testing.B) {
	const n = 2000
	fsys := shippedFS(b)
	var ids []string
	editJSON(b, fsys, "sources.json", func(doc map[string]any) {
		list := doc["sources"].([]any)
		for i := range 16 * n {
			id := fmt.Sprintf("source-%06d", i)
			ids = append(ids, id)
			list = append(list, map[string]any{"id": id, "publisher": "Publisher " + id, "url": "https://example.com/" + id, "date": "2020"})
		}
		doc["sources"] = list
	})
	store, err := facts.Load(fsys)
	if err != nil {
		b.Fatal(err)
	}
	for _, cited := range [][]string{ids[:n], ids} {
		b.Run(fmt.Sprintf("n=%d", len(cited)), func(b *testing.B) {
			for b.Loop() {
				r := newReply(store, english)
				r.cite(cited)
				e := r.finish(Embed{Title: "Sources"}, "2020-08-09")
				if err := Check(Response{Kind: Message, Embeds: []Embed{e}}); err != nil {
					b.Fatalf("a reply citing %d sources breaks Discord's limits: %v", len(cited), err)
				}
			}
		})
	}
}

// TestFitLinesJoinsOnce: fitting source lines into a field joins only
// the lines that fit, however many do not.
func TestFitLinesJoinsOnce(t *testing.T) {
	lines := make([]string, 5000)
	for i := range lines {
		lines[i] = link(fmt.Sprintf("Publisher %d", i), "https://example.com/") + " · 9 Aug 2020"
	}
	var got string
	allocs := testing.AllocsPerRun(3, func() { got = fitLines(english, lines, maxFieldValue) })
	if allocs > 10 {
		t.Errorf("fitLines(%d lines) made %.0f allocations, want a handful (at most 10)", len(lines), allocs)
	}
	if n := length(got); n > maxFieldValue || !strings.HasSuffix(got, " more pages") {
		t.Errorf("fitLines(%d lines) = %d characters ending %q, want at most %d ending in \"+N more pages\"", len(lines), n, got[max(0, len(got)-20):], maxFieldValue)
	}
}
