package main

import (
	"context"
	"crypto/ed25519"
	"errors"
	"flag"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/okbot/okbot/data"
	"github.com/okbot/okbot/internal/baseline"
	"github.com/okbot/okbot/internal/commands"
	"github.com/okbot/okbot/internal/discord"
	"github.com/okbot/okbot/internal/facts"
)

func testKey(t *testing.T) ed25519.PrivateKey {
	t.Helper()
	key, err := parseSeed(defaultSeed)
	if err != nil {
		t.Fatal(err)
	}
	return key
}

// listen returns a loopback listener and its base URL.
func listen(t *testing.T) (net.Listener, string) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	return l, "http://" + l.Addr().String()
}

// background runs serve until the test ends.
func background(t *testing.T, serve func(ctx context.Context) error) {
	t.Helper()
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- serve(ctx) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("server: %v", err)
		}
	})
}

// allOK checks that every request of res was answered 200.
func allOK(t *testing.T, res Result) {
	t.Helper()
	if res.Requests == 0 || res.OK() != res.Requests {
		t.Errorf("%d requests, statuses %v; want all 200", res.Requests, res.Statuses)
	}
	if res.P50 <= 0 || res.P99 < res.P50 || res.Max < res.P99 {
		t.Errorf("latencies p50 %v p99 %v max %v are not ordered", res.P50, res.P99, res.Max)
	}
}

func TestLoadAgainstBaseline(t *testing.T) {
	key := testKey(t)
	l, url := listen(t)
	background(t, func(ctx context.Context) error { return serveBaseline(ctx, l, key.Public().(ed25519.PublicKey)) })

	for _, cfg := range []loadConfig{
		{URL: url, Key: key, Concurrency: 4, Duration: 200 * time.Millisecond},
		{URL: url, Key: key, Rate: 200, Duration: 200 * time.Millisecond},
	} {
		res, err := generate(t.Context(), cfg)
		if err != nil {
			t.Fatalf("generate(%+v): %v", cfg, err)
		}
		allOK(t, res)
	}
}

// serveOkbot serves okbot's endpoint, with the built-in facts and key's
// public key, until the test ends, and returns its URL.
func serveOkbot(t *testing.T, key ed25519.PrivateKey) string {
	t.Helper()
	store, err := facts.Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	reg, err := commands.New(store)
	if err != nil {
		t.Fatal(err)
	}
	l, url := listen(t)
	background(t, func(ctx context.Context) error {
		return discord.Serve(ctx, discord.ServeConfig{Listener: l, PublicKey: key.Public().(ed25519.PublicKey), Responder: reg})
	})
	return url
}

func TestLoadAgainstOkbot(t *testing.T) {
	key := testKey(t)
	url := serveOkbot(t, key)
	res, err := generate(t.Context(), loadConfig{URL: url, Key: key, Concurrency: 4, Duration: 300 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	allOK(t, res)
}

func TestBaselineRefusesBadSignatures(t *testing.T) {
	key := testKey(t)
	l, url := listen(t)
	background(t, func(ctx context.Context) error { return serveBaseline(ctx, l, key.Public().(ed25519.PublicKey)) })
	s := sign(key, bodies(mixRealistic)[:1], time.Now())[0]
	s.body = append(s.body, ' ')
	status, err := post(t.Context(), http.DefaultClient, url+"/interactions", s, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if status != http.StatusUnauthorized {
		t.Errorf("status = %d, want 401", status)
	}
}

func TestLoadConfigErrors(t *testing.T) {
	key := testKey(t)
	for _, cfg := range []loadConfig{
		{URL: "http://10.0.0.1:8080", Key: key, Concurrency: 1, Duration: time.Second},
		{URL: "http://example.com", Key: key, Concurrency: 1, Duration: time.Second},
		{URL: "https://127.0.0.1:8080", Key: key, Concurrency: 1, Duration: time.Second},
		{URL: "http://127.0.0.1:8080", Key: key, Concurrency: 0, Duration: time.Second},
		{URL: "http://127.0.0.1:8080", Key: key, Concurrency: 1, Duration: time.Hour},
		{URL: "http://127.0.0.1:8080", Key: key, Rate: -1, Duration: time.Second},
		{URL: "http://127.0.0.1:8080", Key: key, Concurrency: 1, Duration: time.Second, Mix: "korean"},
	} {
		if err := cfg.check(); err == nil {
			t.Errorf("check(%s, c=%d, rate=%v, d=%v) = nil, want an error", cfg.URL, cfg.Concurrency, cfg.Rate, cfg.Duration)
		}
	}
}

func TestBodiesAreInteractions(t *testing.T) {
	for _, mix := range []string{mixRealistic, mixText} {
		counts := map[string]int{}
		for _, b := range bodies(mix) {
			for _, name := range []string{"season2", "cast", "ratings"} {
				if strings.Contains(b, `"name":"`+name+`"`) {
					counts[name]++
				}
			}
			if strings.Contains(b, `"locale":"ko"`) {
				counts["ko"]++
			}
		}
		if counts["cast"] != len(names) || counts["ratings"] != 16 || counts["season2"] == 0 {
			t.Errorf("%s mix = %v, want every name, every episode and some /season2", mix, counts)
		}
		if korean := counts["ko"] > 0; korean != (mix == mixRealistic) {
			t.Errorf("%s mix has %d requests in Korean", mix, counts["ko"])
		}
	}
}

func TestPercentile(t *testing.T) {
	var xs []time.Duration
	for i := 1; i <= 100; i++ {
		xs = append(xs, time.Duration(i))
	}
	for _, tc := range []struct {
		q    float64
		want time.Duration
	}{{0.5, 50}, {0.9, 90}, {0.99, 99}, {1, 100}} {
		if got := percentile(xs, tc.q); got != tc.want {
			t.Errorf("percentile(1..100, %v) = %v, want %v", tc.q, got, tc.want)
		}
	}
	if got := percentile(nil, 0.5); got != 0 {
		t.Errorf("percentile(nil, 0.5) = %v, want 0", got)
	}
}

func TestRunUsage(t *testing.T) {
	for _, args := range [][]string{{}, {"nope"}} {
		if err := run(t.Context(), args, func(string) string { return "" }, io.Discard, io.Discard); !errors.Is(err, flag.ErrHelp) {
			t.Errorf("run(%q) = %v, want flag.ErrHelp", args, err)
		}
	}
}

func TestProcReaders(t *testing.T) {
	if _, err := os.Stat("/proc/self/stat"); err != nil {
		t.Skip("no /proc")
	}
	if _, err := cpuTime(os.Getpid()); err != nil {
		t.Errorf("cpuTime(self): %v", err)
	}
	if rss, anon, err := memory(os.Getpid()); err != nil || rss < 1<<20 || anon <= 0 || anon > rss {
		t.Errorf("memory(self) = %v, %v, %v; want VmRSS over 1 MiB and RssAnon within it", rss, anon, err)
	}
	if busy, err := busyTime(); err != nil || busy <= 0 {
		t.Errorf("busyTime() = %v, %v; want > 0", busy, err)
	}
}

func TestMedian(t *testing.T) {
	for _, tc := range []struct {
		xs   []float64
		want float64
	}{{[]float64{3, 1, 2}, 2}, {[]float64{4, 1, 3, 2}, 2.5}, {nil, 0}} {
		if got := median(tc.xs); got != tc.want {
			t.Errorf("median(%v) = %v, want %v", tc.xs, got, tc.want)
		}
	}
}

func TestReport(t *testing.T) {
	ms := time.Millisecond
	okbot := &server{name: "okbot",
		throughput: []float64{9000, 8800, 9100}, cpu: []time.Duration{110 * time.Microsecond, 112 * time.Microsecond, 108 * time.Microsecond},
		p99: []time.Duration{2 * ms, 3 * ms, 1 * ms}, rss: []float64{20 << 20, 21 << 20}, anon: []float64{9 << 20, 11 << 20, 10 << 20},
		ready: []time.Duration{16 * ms, 20 * ms, 15 * ms},
		other: []float64{0, 0.01}}
	base := &server{name: "baseline",
		throughput: []float64{10000, 10000, 10000}, cpu: []time.Duration{100 * time.Microsecond, 100 * time.Microsecond, 80 * time.Microsecond},
		p99: []time.Duration{2 * ms, 2 * ms, 2 * ms}, rss: []float64{8 << 20, 8 << 20}, anon: []float64{1 << 20, 1 << 20, 1 << 20},
		ready: []time.Duration{5 * ms, 6 * ms, 6 * ms},
		other: []float64{0, 0}, failures: map[string]int{"401": 3}}
	var b strings.Builder
	report(&b, "HEADER", []mixResult{{mix: mixes[1], okbot: okbot, base: base, rate: 4500}, {mix: mixes[0], okbot: okbot, base: base, rate: 4500}})
	out := b.String()
	for _, want := range []string{
		"HEADER\n\n| mix | measure |",
		"| realistic | throughput, req/s | 9000 (8800–9100) | 10000 (10000–10000) | 0.90× (0.88×–0.91×) | ≥ 0.85× — met |",
		"| realistic | CPU per request, µs | 110.0 (108.0–112.0) | 100.0 (80.0–100.0) | 1.12× (1.10×–1.35×) | ≤ 1.20× — met |",
		"| text | throughput, req/s | 9000 (8800–9100) | 10000 (10000–10000) | 0.90× (0.88×–0.91×) | ≥ 0.95× — **missed** |",
		"| text | CPU per request, µs | 110.0 (108.0–112.0) | 100.0 (80.0–100.0) | 1.12× (1.10×–1.35×) | ≤ 1.05× — **missed** |",
		"| text | p99 at 4500 req/s, ms | 2.00 (1.00–3.00) | 2.00 (2.00–2.00) | | < 2ms — **missed** |",
		"| text | launch to first 200 on /season2, ms | 16.0 (15.0–20.0) | 6.0 (5.0–6.0) | +11.0 (+9.0–+14.0) ms | ≤ +10ms — **missed** |",
		"| text | idle RssAnon 1s after, MiB | 10.0 (9.0–11.0) | 1.0 (1.0–1.0) | | ≤ 10 MiB — met |",
		"realistic mix: baseline answered other than 200: map[401:3]",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}

// The baseline reads bodies as large as okbot's endpoint does, so that
// both refuse the same requests.
func TestBaselineBodyLimitIsOkbots(t *testing.T) {
	if baseline.MaxBody != discord.MaxBodyBytes {
		t.Errorf("baseline.MaxBody = %d, okbot's endpoint reads up to %d", baseline.MaxBody, discord.MaxBodyBytes)
	}
}
