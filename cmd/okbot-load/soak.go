package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/okbot/okbot/data"
)

// errSoakFailed means the soak ran and its figures missed what it must
// show; they are printed.
var errSoakFailed = errors.New("soak failed")

func runSoak(ctx context.Context, args []string, _ func(string) string, stdout, stderr io.Writer) error {
	flags := flag.NewFlagSet("okbot-load soak", flag.ContinueOnError)
	flags.SetOutput(stderr)
	okbot := flags.String("okbot", "./okbot", "path of the okbot binary (go build ./cmd/okbot)")
	d := flags.Duration("d", 5*time.Minute, "how long to soak, after the warm-up")
	warmup := flags.Duration("warmup", 10*time.Second, "load before RSS and goroutines are first read")
	c := flags.Int("c", 8, "connections of the closed loop")
	reloadEvery := flags.Duration("reload-every", 3*time.Second, "how often to edit the facts and POST /admin/reload")
	dataDir := flags.String("data", "", "facts directory to copy for okbot's OKBOT_DATA (default: the shipped facts)")
	seed := flags.String("seed", defaultSeed, "hex Ed25519 seed to sign with; okbot is started trusting its public key")
	logs := flags.String("logs", "", "file for okbot's log (default: not kept; lines at level ERROR are counted and shown)")
	asJSON := flags.Bool("json", false, "print the figures and problems as JSON")
	if err := flags.Parse(args); err != nil {
		return err
	}
	switch {
	case *d <= 0 || *d > 24*time.Hour:
		return errors.New("-d must be between 0 and 24h")
	case *warmup <= 0 || *warmup > 10*time.Minute:
		return errors.New("-warmup must be between 0 and 10m")
	case *c < 1 || *c > 256:
		return errors.New("-c must be between 1 and 256")
	case *reloadEvery < 100*time.Millisecond || *reloadEvery > time.Hour:
		return errors.New("-reload-every must be between 100ms and 1h")
	}
	key, err := parseSeed(*seed)
	if err != nil {
		return err
	}
	path, err := okbotBinary(*okbot)
	if err != nil {
		return err
	}
	cfg := soakConfig{Okbot: path, Data: *dataDir, Key: key, Concurrency: *c,
		Duration: *d, Warmup: *warmup, ReloadEvery: *reloadEvery, Progress: stderr}
	if *logs != "" {
		f, err := os.Create(*logs)
		if err != nil {
			return err
		}
		defer f.Close()
		cfg.Logs = f
	}
	f, err := soak(ctx, cfg)
	if err != nil {
		return err
	}
	problems := f.problems()
	if *asJSON {
		if err := json.NewEncoder(stdout).Encode(struct {
			soakFigures
			Problems []string `json:"problems"`
		}{f, problems}); err != nil {
			return err
		}
	} else {
		f.print(stdout, problems)
	}
	if len(problems) > 0 {
		return errSoakFailed
	}
	return nil
}

// soakConfig says what soak to run.
type soakConfig struct {
	// Okbot is the okbot binary to run as okbot serve.
	Okbot string
	// Data is the facts directory to copy for OKBOT_DATA; empty means
	// the shipped facts.
	Data string
	// Key signs the requests; okbot trusts its public key.
	Key ed25519.PrivateKey
	// Concurrency is the number of connections of the closed loop.
	Concurrency int
	// Warmup is the load before the first reading of RSS and goroutines;
	// Duration the measured soak after it.
	Warmup, Duration time.Duration
	// ReloadEvery is how often the facts are edited and reloaded.
	ReloadEvery time.Duration
	// Logs, if set, receives okbot's log.
	Logs io.Writer
	// Progress receives what soak is doing.
	Progress io.Writer
}

// soak starts okbot serve on a copy of the facts, loads it for
// cfg.Warmup, reads its metrics, loads it for cfg.Duration, reads them
// again and stops it. Facts are edited and reloaded all along.
func soak(ctx context.Context, cfg soakConfig) (soakFigures, error) {
	dir, err := os.MkdirTemp("", "okbot-soak-")
	if err != nil {
		return soakFigures{}, err
	}
	defer os.RemoveAll(dir)
	factsDir := filepath.Join(dir, "facts")
	var src fs.FS = data.FS
	if cfg.Data != "" {
		src = os.DirFS(cfg.Data)
	}
	if err := os.CopyFS(factsDir, src); err != nil {
		return soakFigures{}, fmt.Errorf("copying the facts: %w", err)
	}
	edit, err := newFactsEdit(factsDir)
	if err != nil {
		return soakFigures{}, err
	}
	srv, err := startOkbot(ctx, cfg, dir, factsDir)
	if err != nil {
		return soakFigures{}, err
	}
	defer srv.stop()
	fmt.Fprintf(cfg.Progress, "okbot-load soak: okbot serve on %s, admin on %s, facts in %s; %d connections, warm-up %v, soak %v, reload every %v\n",
		srv.url, srv.admin, factsDir, cfg.Concurrency, cfg.Warmup, cfg.Duration, cfg.ReloadEvery)

	s := newSoaker(cfg, srv, edit)
	defer s.close()
	resigning, stopResigning := context.WithCancel(ctx)
	defer stopResigning()
	go s.resign(resigning)

	// A first reload before the load: it proves reloading works, and
	// opens the connection its checks use before goroutines are counted.
	s.reload(ctx)
	s.phase(ctx, cfg.Warmup)
	if err := ctx.Err(); err != nil {
		return soakFigures{}, err
	}
	warm, err := scrape(ctx, s.adminClient, srv.admin+"/metrics")
	if err != nil {
		return soakFigures{}, err
	}
	warm.RSS = floorRSS(s.rss, time.Now().Add(-cfg.Warmup/2), warm.RSS)
	s.rss = nil
	fmt.Fprintf(cfg.Progress, "okbot-load soak: warmed up: RSS %s, %.0f goroutines\n", mib(warm.RSS), warm.Goroutines)
	s.tally = newTally() // the warm-up's requests are not measured
	elapsed := s.phase(ctx, cfg.Duration)
	if err := ctx.Err(); err != nil {
		return soakFigures{}, err
	}
	end, err := scrape(ctx, s.adminClient, srv.admin+"/metrics")
	if err != nil {
		return soakFigures{}, err
	}
	// The same span as the warm-up's, at the end of the soak.
	end.RSS = floorRSS(s.rss, time.Now().Add(-cfg.Warmup/2), end.RSS)
	f := s.tally.figures(elapsed)
	f.Reloads, f.FailedReloads, f.StaleAnswers = int(s.reloads.Load()), int(s.failedReloads.Load()), int(s.staleAnswers.Load())
	f.Warm, f.End = warm, end
	if err := srv.stop(); err != nil {
		f.Stopped = err.Error()
	}
	f.Errors.Logged = srv.log.errors()
	for _, line := range srv.log.firstErrors() {
		fmt.Fprintf(cfg.Progress, "okbot logged: %s\n", line)
	}
	return f, nil
}

// soaker sends the load and the reloads.
type soaker struct {
	cfg         soakConfig
	target      string       // okbot's POST /interactions
	reloadURL   string       // okbot's POST /admin/reload
	metricsURL  string       // okbot's GET /metrics
	client      *http.Client // the load's connections
	checkClient *http.Client // one connection for the check after each reload
	adminClient *http.Client
	edit        *factsEdit

	requests      atomic.Pointer[[]soakRequest]
	next          atomic.Uint64
	tally         *soakTally
	reloads       atomic.Int64
	failedReloads atomic.Int64
	staleAnswers  atomic.Int64
	// rss is read from /metrics every rssEvery, by the goroutine that
	// reloads, so the admin listener keeps one connection.
	rss []rssSample
}

// rssSample is okbot's RSS at a time.
type rssSample struct {
	at  time.Time
	rss float64
}

// rssEvery is how often RSS is read during the load.
const rssEvery = 250 * time.Millisecond

// floorRSS is the lowest of the samples taken since since, or paused
// (read with the load paused) when there are none. Under reloads okbot's
// RSS swings by up to a fifth (28-35 MiB) as the old facts and the
// garbage of rebuilding become free and are collected, so one reading,
// or even the median of a few seconds', says little. The floor is what
// okbot keeps: over the last half of the warm-up and over as long a span
// at the end of the soak it is steady, and it is what a leak raises.
func floorRSS(samples []rssSample, since time.Time, paused float64) float64 {
	floor, found := 0.0, false
	for _, s := range samples {
		if !s.at.Before(since) && (!found || s.rss < floor) {
			floor, found = s.rss, true
		}
	}
	if !found {
		return paused
	}
	return floor
}

func newSoaker(cfg soakConfig, srv *okbotServer, edit *factsEdit) *soaker {
	s := &soaker{
		cfg:        cfg,
		target:     srv.url + "/interactions",
		reloadURL:  srv.admin + "/admin/reload",
		metricsURL: srv.admin + "/metrics",
		// Connections stay open between the phases, so that okbot holds
		// the same ones when its goroutines are counted.
		client: &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{
			MaxIdleConns:        cfg.Concurrency,
			MaxIdleConnsPerHost: cfg.Concurrency,
			IdleConnTimeout:     time.Minute,
			DisableCompression:  true,
		}},
		checkClient: &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 1}},
		adminClient: &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 1}},
		edit:        edit,
		tally:       newTally(),
	}
	reqs := soakMix(cfg.Key, time.Now())
	s.requests.Store(&reqs)
	return s
}

func (s *soaker) close() {
	s.client.CloseIdleConnections()
	s.checkClient.CloseIdleConnections()
	s.adminClient.CloseIdleConnections()
}

// resign signs the requests again every resignEvery, inside the replay
// window, until ctx is done.
func (s *soaker) resign(ctx context.Context) {
	t := time.NewTicker(resignEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case now := <-t.C:
			reqs := soakMix(s.cfg.Key, now)
			s.requests.Store(&reqs)
		}
	}
}

// phase sends the load and the reloads for d and returns when every
// request and reload it started has been answered, with the time that
// took. Requests are never cut off: the connections end the phase idle,
// the same in every phase.
func (s *soaker) phase(ctx context.Context, d time.Duration) time.Duration {
	sending, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	start := time.Now()
	var wg sync.WaitGroup
	for range s.cfg.Concurrency {
		wg.Go(func() {
			for sending.Err() == nil {
				s.send(ctx)
			}
		})
	}
	wg.Go(func() {
		reload, sample := time.NewTicker(s.cfg.ReloadEvery), time.NewTicker(rssEvery)
		defer reload.Stop()
		defer sample.Stop()
		for {
			select {
			case <-sending.Done():
				return
			case <-reload.C:
				s.reload(ctx)
			case <-sample.C:
				s.sampleRSS(ctx)
			}
		}
	})
	wg.Wait()
	return time.Since(start)
}

func (s *soaker) send(ctx context.Context) {
	reqs := *s.requests.Load()
	r := reqs[s.next.Add(1)%uint64(len(reqs))]
	start := time.Now()
	status, err := post(ctx, s.client, s.target, r.signed, io.Discard)
	if ctx.Err() != nil {
		return // interrupted: the soak ends without figures
	}
	s.tally.add(r.kind, status, err, time.Since(start))
}

// reload edits the facts and asks okbot to reload them.
func (s *soaker) reload(ctx context.Context) {
	s.reloads.Add(1)
	if err := s.edit.apply(); err != nil {
		s.failedReloads.Add(1)
		fmt.Fprintf(s.cfg.Progress, "okbot-load soak: editing the facts: %v\n", err)
		return
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.reloadURL, nil)
	if err != nil {
		s.failedReloads.Add(1)
		return
	}
	resp, err := s.adminClient.Do(req)
	if err != nil {
		s.failedReloads.Add(1)
		fmt.Fprintf(s.cfg.Progress, "okbot-load soak: reload: %v\n", err)
		return
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		s.failedReloads.Add(1)
		fmt.Fprintf(s.cfg.Progress, "okbot-load soak: reload answered %s: %s\n", resp.Status, bytes.TrimSpace(body))
		return
	}
	// The next answer must come from the new facts, not from the cache
	// of answers from the old ones.
	about := sign(s.cfg.Key, []string{interaction("about", "", 100, true)}, time.Now())[0]
	var answer bytes.Buffer
	status, err := post(ctx, s.checkClient, s.target, about, &answer)
	if want := s.edit.shown(); err != nil || status != http.StatusOK || !bytes.Contains(answer.Bytes(), []byte(want)) {
		s.staleAnswers.Add(1)
		fmt.Fprintf(s.cfg.Progress, "okbot-load soak: after the reload, /about answered %d (%v) without %q: %.300s\n", status, err, want, answer.Bytes())
	}
}

// sampleRSS reads okbot's RSS from /metrics.
func (s *soaker) sampleRSS(ctx context.Context) {
	if st, err := scrape(ctx, s.adminClient, s.metricsURL); err == nil {
		s.rss = append(s.rss, rssSample{time.Now(), st.RSS})
	}
}

// soakTally counts the answers of one phase.
type soakTally struct {
	mu        sync.Mutex
	latencies []time.Duration
	kinds     map[string]int
	errors    soakErrors
}

func newTally() *soakTally { return &soakTally{kinds: map[string]int{}} }

// add counts one request of kind, answered with status or failed with
// err.
func (t *soakTally) add(kind string, status int, err error, latency time.Duration) {
	t.mu.Lock()
	defer t.mu.Unlock()
	t.kinds[kind]++
	t.latencies = append(t.latencies, latency)
	switch classify(kind, status, err) {
	case errTransport:
		t.errors.Transport++
	case errNotRejected:
		t.errors.NotRejected++
	case errStatus:
		t.errors.Status++
	}
}

// What went wrong with one request.
const (
	errNone = iota
	errTransport
	errNotRejected
	errStatus
)

// classify says what, if anything, went wrong with a request of kind
// that was answered with status, or not at all (err).
func classify(kind string, status int, err error) int {
	switch {
	case err != nil:
		return errTransport
	case kind == kindForged && status != http.StatusUnauthorized:
		return errNotRejected
	case kind != kindForged && status != http.StatusOK:
		return errStatus
	}
	return errNone
}

// figures are the tally's requests over elapsed.
func (t *soakTally) figures(elapsed time.Duration) soakFigures {
	t.mu.Lock()
	defer t.mu.Unlock()
	slices.Sort(t.latencies)
	return soakFigures{
		Elapsed:    elapsed,
		Requests:   len(t.latencies),
		Throughput: float64(len(t.latencies)) / elapsed.Seconds(),
		Kinds:      t.kinds,
		Errors:     t.errors,
		P50:        percentile(t.latencies, 0.50),
		P99:        percentile(t.latencies, 0.99),
		Max:        percentile(t.latencies, 1),
	}
}
