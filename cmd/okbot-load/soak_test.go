package main

import (
	"bytes"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/okbot/okbot/data"
	"github.com/okbot/okbot/internal/facts"
	"github.com/okbot/okbot/internal/metrics"
)

// passing is a soak's figures that meet every condition.
func passing() soakFigures {
	return soakFigures{
		Elapsed: time.Minute, Requests: 100000, Throughput: 1666,
		Kinds:   map[string]int{kindAnswer: 90000, kindPing: 5000, kindForged: 5000},
		Reloads: 20,
		Warm:    serverStats{RSS: 30 << 20, Goroutines: 20, Reloads: map[string]float64{"ok": 3}},
		End:     serverStats{RSS: 30 << 20, Goroutines: 20, Reloads: map[string]float64{"ok": 20}},
	}
}

func TestSoakPasses(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(*soakFigures)
	}{
		{"steady", func(*soakFigures) {}},
		{"RSS exactly 10% up", func(f *soakFigures) { f.End.RSS = f.Warm.RSS * 1.10 }},
		{"RSS down a third", func(f *soakFigures) { f.End.RSS = f.Warm.RSS * 2 / 3 }},
		{"5 more goroutines", func(f *soakFigures) { f.End.Goroutines = f.Warm.Goroutines + 5 }},
		{"fewer goroutines", func(f *soakFigures) { f.End.Goroutines = 12 }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := passing()
			tc.change(&f)
			if p := f.problems(); len(p) != 0 {
				t.Errorf("problems() = %q, want none", p)
			}
		})
	}
}

func TestSoakFails(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(*soakFigures)
		want   string
	}{
		{"nothing answered", func(f *soakFigures) { f.Requests = 0 }, "no request was answered"},
		{"an unexpected status", func(f *soakFigures) { f.Errors.Status = 1 }, "1 unexpected status"},
		{"a forgery accepted", func(f *soakFigures) { f.Errors.NotRejected = 1 }, "1 bad signatures not rejected"},
		{"a transport error", func(f *soakFigures) { f.Errors.Transport = 1 }, "1 transport"},
		{"an error logged", func(f *soakFigures) { f.Errors.Logged = 1 }, "1 logged by okbot"},
		{"RSS over 10% up", func(f *soakFigures) { f.End.RSS = f.Warm.RSS*1.10 + 1 }, "RSS grew from 30.0 MiB to 33.0 MiB"},
		{"RSS unread", func(f *soakFigures) { f.Warm.RSS = 0 }, "RSS grew"},
		{"6 more goroutines", func(f *soakFigures) { f.End.Goroutines = f.Warm.Goroutines + 6 }, "goroutines grew from 20 to 26, over 25"},
		{"no reload", func(f *soakFigures) { f.Reloads = 0; f.End.Reloads = map[string]float64{} }, "no reload was made"},
		{"a reload refused", func(f *soakFigures) { f.FailedReloads = 1; f.End.Reloads["ok"] = 19 }, "1 of 20 reloads failed"},
		{"an old answer after a reload", func(f *soakFigures) { f.StaleAnswers = 1 }, "after 1 of 20 reloads, /about answered from the old facts"},
		{"okbot counted a failed reload", func(f *soakFigures) { f.End.Reloads["failed"] = 1 }, "okbot_reloads_total says 20 ok and 1 not"},
		{"okbot counted fewer reloads", func(f *soakFigures) { f.End.Reloads["ok"] = 19 }, "okbot_reloads_total says 19 ok"},
		{"an unclean stop", func(f *soakFigures) { f.Stopped = "exit status 1" }, "did not stop cleanly: exit status 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := passing()
			tc.change(&f)
			p := f.problems()
			if len(p) != 1 || !strings.Contains(p[0], tc.want) {
				t.Errorf("problems() = %q, want one with %q", p, tc.want)
			}
		})
	}
}

func TestSoakPrint(t *testing.T) {
	f := passing()
	var b strings.Builder
	f.print(&b, nil)
	for _, want := range []string{
		"requests   100000 (1666.0/s): answer 90000 forged 5000 ping 5000\n",
		"errors     0: unexpected status 0, bad signature not rejected 0, transport 0, logged by okbot 0\n",
		"RSS floor  warm 30.0 MiB, end 30.0 MiB (+0.0%; limit +10%)\n",
		"goroutines warm 20, end 20 (limit warm + 5)\n",
		"PASS\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("print lacks %q:\n%s", want, b.String())
		}
	}
	b.Reset()
	f.print(&b, []string{"no reload was made"})
	if !strings.HasSuffix(b.String(), "FAIL: no reload was made\n") {
		t.Errorf("print with a problem:\n%s", b.String())
	}
}

const exposition = `# HELP go_goroutines Number of goroutines that currently exist.
# TYPE go_goroutines gauge
go_goroutines 17
# HELP okbot_answer_seconds Time from an interaction's arrival to its answer, by kind.
# TYPE okbot_answer_seconds histogram
okbot_answer_seconds_bucket{kind="command",le="0.0005"} 10
okbot_answer_seconds_bucket{kind="command",le="+Inf"} 12
okbot_answer_seconds_sum{kind="command"} 0.004
okbot_answer_seconds_count{kind="command"} 12
# HELP okbot_reloads_total Reloads of the facts, by result (ok, failed, nothing: built-in facts).
# TYPE okbot_reloads_total counter
okbot_reloads_total{result="failed"} 1
okbot_reloads_total{result="ok"} 42
# HELP process_resident_memory_bytes Resident memory size in bytes.
# TYPE process_resident_memory_bytes gauge
process_resident_memory_bytes 3.1457280e+07
`

func TestParseMetrics(t *testing.T) {
	st, err := parseMetrics(strings.NewReader(exposition))
	if err != nil {
		t.Fatal(err)
	}
	if st.RSS != 31457280 || st.Goroutines != 17 || st.Reloads["ok"] != 42 || st.Reloads["failed"] != 1 || len(st.Reloads) != 2 {
		t.Errorf("parseMetrics = %+v, want RSS 31457280, 17 goroutines, reloads ok 42 and failed 1", st)
	}
	// Before the first reload okbot has no reload series.
	noReloads := strings.ReplaceAll(exposition, "okbot_reloads_total{", "okbot_other_total{")
	if st, err := parseMetrics(strings.NewReader(noReloads)); err != nil || len(st.Reloads) != 0 {
		t.Errorf("parseMetrics(no reloads) = %+v, %v; want no reloads", st, err)
	}
}

func TestParseMetricsErrors(t *testing.T) {
	for name, text := range map[string]string{
		"no goroutines": strings.ReplaceAll(exposition, "go_goroutines", "go_threads"),
		"no RSS":        strings.ReplaceAll(exposition, "process_resident_memory_bytes", "process_virtual_memory_bytes"),
		"RSS a counter": strings.ReplaceAll(exposition, "process_resident_memory_bytes gauge", "process_resident_memory_bytes counter"),
		"two RSS":       exposition + "process_resident_memory_bytes{x=\"1\"} 1\n",
		"not metrics":   "<html>metrics</html>\n",
	} {
		if st, err := parseMetrics(strings.NewReader(text)); err == nil {
			t.Errorf("parseMetrics(%s) = %+v, nil; want an error", name, st)
		}
	}
}

// TestScrapeOkbotMetrics reads what okbot's own metrics handler serves.
func TestScrapeOkbotMetrics(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc: the process collector reports no RSS")
	}
	m := metrics.New([]string{"about"})
	m.Reload("ok")
	srv := httptest.NewServer(m.Handler())
	defer srv.Close()
	st, err := scrape(t.Context(), srv.Client(), srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if st.RSS < 1<<20 || st.Goroutines < 1 || st.Reloads["ok"] != 1 {
		t.Errorf("scrape = %+v, want RSS over 1 MiB, goroutines and one ok reload", st)
	}
}

func TestClassify(t *testing.T) {
	broken := errors.New("connection reset")
	for _, tc := range []struct {
		kind   string
		status int
		err    error
		want   int
	}{
		{kindAnswer, 200, nil, errNone},
		{kindPing, 200, nil, errNone},
		{kindForged, 401, nil, errNone},
		{kindAnswer, 500, nil, errStatus},
		{kindAnswer, 401, nil, errStatus},
		{kindPing, 400, nil, errStatus},
		{kindForged, 200, nil, errNotRejected},
		{kindForged, 400, nil, errNotRejected},
		{kindAnswer, 0, broken, errTransport},
		{kindForged, 0, broken, errTransport},
	} {
		if got := classify(tc.kind, tc.status, tc.err); got != tc.want {
			t.Errorf("classify(%s, %d, %v) = %d, want %d", tc.kind, tc.status, tc.err, got, tc.want)
		}
	}
}

// TestSoakMixAgainstOkbot sends every request of the mix to okbot's
// endpoint: answers and PINGs get 200, every forgery 401.
func TestSoakMixAgainstOkbot(t *testing.T) {
	key := testKey(t)
	url := serveOkbot(t, key)
	mix := soakMix(key, time.Now())
	kinds := map[string]int{}
	for i, r := range mix {
		kinds[r.kind]++
		var answer bytes.Buffer
		status, err := post(t.Context(), http.DefaultClient, url+"/interactions", r.signed, &answer)
		if err != nil {
			t.Fatal(err)
		}
		if got := classify(r.kind, status, nil); got != errNone {
			t.Errorf("request %d (%s) answered %d: %s", i, r.kind, status, answer.Bytes())
		}
		if r.kind == kindPing && strings.TrimSpace(answer.String()) != `{"type":1}` {
			t.Errorf("PING answered %s", answer.Bytes())
		}
	}
	if kinds[kindForged] != 3 || kinds[kindPing] == 0 || kinds[kindAnswer] < 10*(kinds[kindPing]+kinds[kindForged])/2 {
		t.Errorf("mix = %v, want mostly answers, some PINGs and the 3 forgeries", kinds)
	}
}

// shippedFacts copies the shipped facts into a temporary directory.
func shippedFacts(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "facts")
	if err := os.CopyFS(dir, data.FS); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestFactsEdit(t *testing.T) {
	dir := shippedFacts(t)
	original, err := facts.Load(os.DirFS(dir))
	if err != nil {
		t.Fatal(err)
	}
	e, err := newFactsEdit(dir)
	if err != nil {
		t.Fatal(err)
	}
	day, _ := time.Parse(time.DateOnly, original.Show().Checked)
	for i, want := range []time.Time{day.AddDate(0, 0, -1), day, day.AddDate(0, 0, -1)} {
		if err := e.apply(); err != nil {
			t.Fatal(err)
		}
		// Every version loads: a reload of it succeeds.
		s, err := facts.Load(os.DirFS(dir))
		if err != nil {
			t.Fatalf("apply %d: the facts no longer load: %v", i+1, err)
		}
		if got := s.Show().Checked; got != want.Format(time.DateOnly) {
			t.Errorf("apply %d: checked = %s, want %s", i+1, got, want.Format(time.DateOnly))
		}
		if got := e.shown(); got != want.Format("2 Jan 2006") {
			t.Errorf("apply %d: shown() = %q, want %q", i+1, got, want.Format("2 Jan 2006"))
		}
	}
	if matches, _ := filepath.Glob(filepath.Join(dir, "*.tmp")); len(matches) > 0 {
		t.Errorf("apply left %v behind", matches)
	}
}

func TestServerLog(t *testing.T) {
	log := &serverLog{addrs: make(chan logAddr, 2)}
	var copied strings.Builder
	log.copy = &copied
	lines := `{"time":"t","level":"INFO","msg":"serving the admin endpoints","addr":"127.0.0.1:4001","paths":"/metrics"}
{"time":"t","level":"INFO","msg":"serving interactions","addr":"127.0.0.1:4000","path":"/interactions"}
{"time":"t","level":"INFO","msg":"interaction","status":401,"reason":"bad_signature"}
{"time":"t","level":"WARN","msg":"reload: the new facts answer without something"}
{"time":"t","level":"ERROR","msg":"interaction","status":500}
panic: runtime error: index out of range
`
	log.read(strings.NewReader(lines))
	got := map[string]string{}
	for range 2 {
		a := <-log.addrs
		got[a.Msg] = a.Addr
	}
	if got[msgServing] != "127.0.0.1:4000" || got[msgAdmin] != "127.0.0.1:4001" {
		t.Errorf("addresses = %v", got)
	}
	if n := log.errors(); n != 2 {
		t.Errorf("errors() = %d, want 2 (the ERROR line and the panic)", n)
	}
	if first := log.firstErrors(); len(first) != 2 || !bytes.HasPrefix(first[1], []byte("panic:")) {
		t.Errorf("firstErrors() = %q", first)
	}
	if copied.String() != lines {
		t.Errorf("copied log = %q, want every line", copied.String())
	}
}

func TestFloorRSS(t *testing.T) {
	t0 := time.Date(2026, 11, 29, 5, 0, 0, 0, time.UTC)
	samples := []rssSample{{t0, 25}, {t0.Add(time.Second), 40}, {t0.Add(2 * time.Second), 31}, {t0.Add(3 * time.Second), 33}}
	for _, tc := range []struct {
		since  time.Time
		paused float64
		want   float64
	}{
		{time.Time{}, 20, 25},             // every sample; the paused reading is not one
		{t0.Add(time.Second), 20, 31},     // the 25 is before the span
		{t0.Add(3 * time.Second), 20, 33}, // a sample at since counts
		{t0.Add(time.Minute), 29, 29},     // no sample in the span: the paused reading
	} {
		if got := floorRSS(samples, tc.since, tc.paused); got != tc.want {
			t.Errorf("floorRSS(since %v, paused %v) = %v, want %v", tc.since.Sub(t0), tc.paused, got, tc.want)
		}
	}
}
