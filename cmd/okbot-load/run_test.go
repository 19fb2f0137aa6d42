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

func TestLoadAgainstOkbot(t *testing.T) {
	store, err := facts.Load(data.FS)
	if err != nil {
		t.Fatal(err)
	}
	reg, err := commands.New(store)
	if err != nil {
		t.Fatal(err)
	}
	key := testKey(t)
	l, url := listen(t)
	background(t, func(ctx context.Context) error {
		return discord.Serve(ctx, discord.ServeConfig{Listener: l, PublicKey: key.Public().(ed25519.PublicKey), Responder: reg})
	})
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
	s := sign(key, bodies()[:1], time.Now())[0]
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
	} {
		if err := cfg.check(); err == nil {
			t.Errorf("check(%s, c=%d, rate=%v, d=%v) = nil, want an error", cfg.URL, cfg.Concurrency, cfg.Rate, cfg.Duration)
		}
	}
}

func TestBodiesAreInteractions(t *testing.T) {
	bs := bodies()
	counts := map[string]int{}
	for _, b := range bs {
		for _, name := range []string{"season2", "cast", "ratings"} {
			if strings.Contains(b, `"name":"`+name+`"`) {
				counts[name]++
			}
		}
	}
	if counts["cast"] != len(names) || counts["ratings"] != 16 || counts["season2"] == 0 {
		t.Errorf("mix = %v, want every name, every episode and some /season2", counts)
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
	if rss, err := vmRSS(os.Getpid()); err != nil || rss < 1<<20 {
		t.Errorf("vmRSS(self) = %v, %v; want over 1 MiB", rss, err)
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
		p99: []time.Duration{2 * ms, 3 * ms, 2 * ms}, rss: []float64{20 << 20, 21 << 20}, ready: []time.Duration{60 * ms, 70 * ms},
		other: []float64{0, 0.01}}
	base := &server{name: "baseline",
		throughput: []float64{10000, 10000, 10000}, cpu: []time.Duration{100 * time.Microsecond, 100 * time.Microsecond, 80 * time.Microsecond},
		p99: []time.Duration{2 * ms, 2 * ms, 2 * ms}, rss: []float64{8 << 20, 8 << 20}, ready: []time.Duration{5 * ms, 6 * ms},
		other: []float64{0, 0}, failures: map[string]int{"401": 3}}
	var b strings.Builder
	report(&b, []*server{okbot, base}, 4500, 16, 5*time.Second)
	out := b.String()
	for _, want := range []string{
		"| throughput, req/s | 9000 (8800–9100) | 10000 (10000–10000) | 0.90× (0.88×–0.91×) | ≥ 0.85× — met |",
		"| CPU per request, µs | 110.0 (108.0–112.0) | 100.0 (80.0–100.0) | 1.12× (1.10×–1.35×) | ≤ 1.2× — met |",
		"baseline answered other than 200: map[401:3]",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
}
