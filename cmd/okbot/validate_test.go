package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// edit replaces the text old with new in one fact file.
type edit struct{ file, old, new string }

// factsDir writes the shipped facts, with the edits made, to a temporary
// directory and returns it.
func factsDir(t *testing.T, edits ...edit) string {
	t.Helper()
	dir := t.TempDir()
	names, err := filepath.Glob(filepath.Join("..", "..", "data", "*.json"))
	if err != nil || len(names) != 6 {
		t.Fatalf("the shipped facts = %q, %v; want six files", names, err)
	}
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range edits {
			if e.file != filepath.Base(name) {
				continue
			}
			if bytes.Count(b, []byte(e.old)) != 1 {
				t.Fatalf("%s has %q %d times, want once", e.file, e.old, bytes.Count(b, []byte(e.old)))
			}
			b = bytes.Replace(b, []byte(e.old), []byte(e.new), 1)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(name)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestValidate(t *testing.T) {
	if out, errOut, code := okbot(t, nil, "validate"); code != exitOK || out != "built-in facts: ok\n" {
		t.Errorf("okbot validate = %d %q %q, want 0 and ok", code, out, errOut)
	}
	dir := factsDir(t)
	if out, errOut, code := okbot(t, nil, "validate", dir); code != exitOK || out != dir+": ok\n" {
		t.Errorf("okbot validate DIR (a copy of the shipped facts) = %d %q %q, want 0 and ok", code, out, errOut)
	}
	// What passes validate starts.
	if out, errOut, code := okbot(t, map[string]string{"OKBOT_DATA": dir}, "ask", "season2"); code != exitOK || out == "" {
		t.Errorf("okbot ask season2 with OKBOT_DATA=DIR = %d %q %q, want 0 and an answer", code, out, errOut)
	}
	missing := filepath.Join(dir, "nothing")
	if out, _, code := okbot(t, nil, "validate", missing); code != exitFailure || !strings.Contains(out, "facts directory: ") {
		t.Errorf("okbot validate MISSING = %d %q, want exit 1 naming the facts directory", code, out)
	}
}

// TestValidateBadData: validate runs every check startup runs, and reports
// everything any of them finds, with exit code 1, in work and memory that
// follow the size of the files; startup stops on the same data with exit
// code 2. Before, validate ran only the loader, so a description Discord
// refuses passed it and then stopped the bot; a 132-character person id
// passed both and emptied every autocomplete list it was in; and
// "episodes": 200000000 made validate allocate 18 GB.
func TestValidateBadData(t *testing.T) {
	var (
		longDescription = edit{"cast.json",
			`"en": "Age 37. Gang-tae's older brother on the autism spectrum: a gifted illustrator with a huge memory and Moon-young's biggest fan",`,
			`"en": "` + strings.Repeat("x", 5000) + `",`}
		longID       = edit{"cast.json", `"id": "kim-soo-hyun",`, `"id": "` + strings.Repeat("a", 132) + `",`}
		manyEpisodes = edit{"show.json", `"episodes": 16,`, `"episodes": 200000000,`}
	)
	var (
		description = []string{
			"/cast oh-jung-se (en) would break Discord's limits; change the facts it shows: embeds[0].description: 5000 characters, more than 4096",
		}
		id = []string{
			`cast.json:4:13: $.people[0].id: "aaaaaaaaaaaaaaaaaaaaaaaa…" is 132 characters; an id may have at most 64 (Discord gets it as an autocomplete value, and refuses long ones); shorten it to a slug of the actor's name, e.g. "kim-soo-hyun"`,
			"/cast autocomplete for aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa… (en) would break Discord's limits; change the facts it shows: choices[0].value: 132 characters, more than 100",
			"/cast autocomplete for aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa… (ko) would break Discord's limits; change the facts it shows: choices[0].value: 132 characters, more than 100",
		}
		episodes = []string{
			"show.json:10:15: $.episodes: 200000000 is more episodes than okbot handles (at most 1000); give the number of episodes",
		}
	)
	tests := []struct {
		name  string
		edits []edit
		want  []string // the problems, in the order printed
	}{
		{"5000-character description", []edit{longDescription}, description},
		{"132-character person id", []edit{longID}, id},
		{"200000000 episodes", []edit{manyEpisodes}, episodes},
		{
			"all three at once",
			[]edit{longDescription, longID, manyEpisodes},
			slices.Concat(episodes, id, description),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := factsDir(t, tt.edits...)

			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			out, errOut, code := okbot(t, nil, "validate", dir)
			runtime.ReadMemStats(&after)

			heading := fmt.Sprintf("%d problems", len(tt.want))
			if len(tt.want) == 1 {
				heading = "1 problem"
			}
			want := dir + ": " + heading + " found:\n" + strings.Join(tt.want, "\n") + "\n"
			if code != exitFailure || out != want || errOut != "" {
				t.Errorf("okbot validate DIR = exit %d, stdout\n%s\nstderr %q\nwant exit 1, stdout\n%s", code, out, errOut, want)
			}
			// About 15 MB, most of it drawing the chart; the loop to the
			// episode count once took 18 GB.
			const budget = 64 << 20
			if n := after.TotalAlloc - before.TotalAlloc; n > budget {
				t.Errorf("okbot validate DIR allocated %d MB, want under %d MB", n>>20, budget>>20)
			}

			// Startup refuses the same data, listing the same problems:
			// offline, and in a server, which checks facts from OKBOT_DATA
			// as validate does (only the built-in ones were checked when
			// okbot was built).
			_, errOut, code = okbot(t, map[string]string{"OKBOT_DATA": dir}, "ask", "season2")
			if code != exitUsage || !strings.Contains(errOut, strings.Join(tt.want, "\n")) || !strings.Contains(errOut, "okbot validate "+dir) {
				t.Errorf("okbot ask with OKBOT_DATA=DIR = exit %d, stderr\n%s\nwant exit 2 with the problems, pointing at okbot validate %s", code, errOut, dir)
			}
			serve := map[string]string{"OKBOT_DATA": dir, "DISCORD_PUBLIC_KEY": strings.Repeat("ab", 32), "OKBOT_ADDR": "127.0.0.1:0", "OKBOT_DRAIN_DELAY": "0"}
			listening := make(chan net.Addr, 1)
			log, exited, stop := start(t, serve, deps{listening: func(a net.Addr) { listening <- a }}, "serve")
			select {
			case a := <-listening:
				t.Errorf("okbot serve with OKBOT_DATA=DIR listened on %s, want exit 2 with the problems", a)
			case <-exited:
				if err := stop(); exitCode(err, io.Discard) != exitUsage || !strings.Contains(err.Error(), strings.Join(tt.want, "\n")) {
					t.Errorf("okbot serve with OKBOT_DATA=DIR = %v\n%s\nwant exit 2 with the problems", err, log)
				}
			}
		})
	}
}

// TestValidateCapsProblems: facts with many problems print the first
// maxProblems of them and how many more there are.
func TestValidateCapsProblems(t *testing.T) {
	const n = maxProblems + 30
	// Every source's url, up to n.
	var edits []edit
	b, err := os.ReadFile(filepath.Join("..", "..", "data", "sources.json"))
	if err != nil {
		t.Fatal(err)
	}
	var sources struct{ Sources []struct{ URL string } }
	if err := json.Unmarshal(b, &sources); err != nil || len(sources.Sources) < n {
		t.Fatalf("sources.json has %d sources, %v; want at least %d", len(sources.Sources), err, n)
	}
	for _, s := range sources.Sources[:n] {
		edits = append(edits, edit{"sources.json", `"url": "` + s.URL + `"`, `"url": "not a url"`})
	}
	dir := factsDir(t, edits...)
	out, _, code := okbot(t, nil, "validate", dir)
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if code != exitFailure || len(lines) != maxProblems+2 ||
		lines[0] != fmt.Sprintf("%s: %d problems found:", dir, n) || lines[len(lines)-1] != "and 30 more" {
		t.Errorf("okbot validate DIR (%d problems) = exit %d, %d lines:\n%s\nwant exit 1, a heading, %d problems and \"and 30 more\"", n, code, len(lines), out, maxProblems)
	}
	for _, line := range lines[1 : len(lines)-1] {
		if !strings.HasPrefix(line, "sources.json:") || !strings.Contains(line, "is not an http or https address") {
			t.Errorf("okbot validate DIR printed %q, want a problem with a url", line)
		}
	}
	_, errOut, _ := okbot(t, map[string]string{"OKBOT_DATA": dir}, "ask", "season2")
	if got := strings.Count(errOut, "is not an http or https address"); got != maxProblems || !strings.Contains(errOut, "\nand 30 more\n") {
		t.Errorf("okbot ask with OKBOT_DATA=DIR printed %d problems:\n%s\nwant %d and \"and 30 more\"", got, errOut, maxProblems)
	}
}

// TestEach: the problems in an error, one per line, however deep it
// joins them.
func TestEach(t *testing.T) {
	a, b, c := errors.New("a"), errors.New("b"), errors.New("c")
	tests := []struct {
		err  error
		want []string
	}{
		{nil, nil},
		{a, []string{"a"}},
		{fmt.Errorf("preparing: %w", errors.Join(a, b)), []string{"a", "b"}},
		{errors.Join(a, errors.Join(b, c)), []string{"a", "b", "c"}},
	}
	for _, tt := range tests {
		if got := each(tt.err); !slices.Equal(got, tt.want) {
			t.Errorf("each(%q) = %q, want %q", tt.err, got, tt.want)
		}
	}
}
