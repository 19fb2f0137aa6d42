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
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

func runLoad(ctx context.Context, args []string, _ func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("okbot-load load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	target := fs.String("url", "http://127.0.0.1:8080", "base URL of the endpoint (loopback only)")
	seed := fs.String("seed", defaultSeed, "hex Ed25519 seed to sign with; the server must trust its public key")
	c := fs.Int("c", 16, "connections for the closed loop")
	rate := fs.Float64("rate", 0, "requests per second for an open loop (0: closed loop)")
	d := fs.Duration("d", 5*time.Second, "how long to send")
	mix := fs.String("mix", mixRealistic, "requests to send: realistic (a fifth in Korean) or text (English only)")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	key, err := parseSeed(*seed)
	if err != nil {
		return err
	}
	cfg := loadConfig{URL: *target, Key: key, Concurrency: *c, Rate: *rate, Duration: *d, Mix: *mix}
	if err := cfg.check(); err != nil {
		return err
	}
	if !*asJSON {
		fmt.Fprintf(stdout, "signing with public key %s\n", publicHex(key))
	}
	res, err := generate(ctx, cfg)
	if err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(res)
	}
	res.print(stdout)
	return nil
}

// loadConfig says what load to send.
type loadConfig struct {
	// URL is the endpoint's base URL; requests go to URL/interactions.
	// Only loopback hosts are allowed.
	URL string
	// Key signs the requests.
	Key ed25519.PrivateKey
	// Concurrency is the number of connections of the closed loop, each
	// sending its next request as soon as the last is answered.
	Concurrency int
	// Rate, when positive, makes an open loop instead: requests start at
	// this many per second whether or not earlier ones were answered, and
	// latency counts from when a request was due.
	Rate float64
	// Duration is how long to send.
	Duration time.Duration
	// Mix is the requests to send: mixRealistic (the default) or mixText.
	Mix string
}

// maxInFlight bounds the open loop's outstanding requests; requests due
// beyond it are counted as dropped rather than piling up.
const maxInFlight = 4096

// resignEvery is how often a long run signs its requests again, well
// inside the server's 5 minute replay window.
const resignEvery = 4 * time.Minute

func (c loadConfig) check() error {
	u, err := url.Parse(c.URL)
	if err != nil || u.Scheme != "http" {
		return fmt.Errorf("-url %q: want http://127.0.0.1:PORT", c.URL)
	}
	if h := u.Hostname(); h != "localhost" && !strings.HasPrefix(h, "127.") && h != "::1" {
		return fmt.Errorf("-url %q: load goes to loopback addresses only", c.URL)
	}
	switch {
	case c.Duration <= 0 || c.Duration > 10*time.Minute:
		return errors.New("-d must be between 0 and 10m")
	case c.Rate < 0 || c.Rate > 100_000:
		return errors.New("-rate must be between 0 and 100000")
	case c.Rate == 0 && (c.Concurrency < 1 || c.Concurrency > 1024):
		return errors.New("-c must be between 1 and 1024")
	case c.Mix != "" && c.Mix != mixRealistic && c.Mix != mixText:
		return fmt.Errorf("-mix %q: want %s or %s", c.Mix, mixRealistic, mixText)
	}
	return nil
}

// Result is what a run measured.
type Result struct {
	Mode        string  `json:"mode"` // "closed" or "open"
	Concurrency int     `json:"concurrency,omitempty"`
	Rate        float64 `json:"rate,omitempty"`
	// Elapsed is from the first request to the last answer.
	Elapsed time.Duration `json:"elapsed_ns"`
	// Requests counts answered requests, whatever their status.
	Requests int `json:"requests"`
	// Throughput is answered requests per second.
	Throughput float64 `json:"throughput"`
	// Statuses counts answers by HTTP status; "error" is a transport error.
	Statuses map[string]int `json:"statuses"`
	// Dropped counts open-loop requests not sent because maxInFlight were
	// outstanding.
	Dropped int           `json:"dropped,omitempty"`
	P50     time.Duration `json:"p50_ns"`
	P90     time.Duration `json:"p90_ns"`
	P99     time.Duration `json:"p99_ns"`
	Max     time.Duration `json:"max_ns"`
}

// OK is the number of 200 answers.
func (r Result) OK() int { return r.Statuses["200"] }

func (r Result) print(w io.Writer) {
	if r.Mode == "open" {
		fmt.Fprintf(w, "open loop at %.0f req/s for %v\n", r.Rate, r.Elapsed.Round(time.Millisecond))
	} else {
		fmt.Fprintf(w, "closed loop, %d connections, for %v\n", r.Concurrency, r.Elapsed.Round(time.Millisecond))
	}
	fmt.Fprintf(w, "requests   %d (%.1f/s)", r.Requests, r.Throughput)
	if r.Dropped > 0 {
		fmt.Fprintf(w, ", %d dropped", r.Dropped)
	}
	fmt.Fprintln(w)
	keys := make([]string, 0, len(r.Statuses))
	for k := range r.Statuses {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	fmt.Fprint(w, "statuses  ")
	for _, k := range keys {
		fmt.Fprintf(w, " %s: %d", k, r.Statuses[k])
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "latency    p50 %v  p90 %v  p99 %v  max %v\n", ms(r.P50), ms(r.P90), ms(r.P99), ms(r.Max))
}

func ms(d time.Duration) string { return fmt.Sprintf("%.3fms", float64(d)/float64(time.Millisecond)) }

// recorder collects statuses and latencies from concurrent senders.
type recorder struct {
	mu        sync.Mutex
	latencies []time.Duration
	statuses  map[string]int
}

func (r *recorder) add(status string, latency time.Duration) {
	r.mu.Lock()
	r.statuses[status]++
	r.latencies = append(r.latencies, latency)
	r.mu.Unlock()
}

// generate sends the load cfg describes and measures it.
func generate(ctx context.Context, cfg loadConfig) (Result, error) {
	if err := cfg.check(); err != nil {
		return Result{}, err
	}
	target := strings.TrimSuffix(cfg.URL, "/") + "/interactions"
	conns := cfg.Concurrency
	if cfg.Rate > 0 {
		conns = 256
	}
	transport := &http.Transport{
		MaxIdleConns:        conns,
		MaxIdleConnsPerHost: conns,
		IdleConnTimeout:     time.Minute,
		DisableCompression:  true,
	}
	defer transport.CloseIdleConnections()
	client := &http.Client{Transport: transport, Timeout: 10 * time.Second}

	bodies := bodies(cfg.Mix)
	var requests atomic.Pointer[[]signed]
	reqs := sign(cfg.Key, bodies, time.Now())
	requests.Store(&reqs)

	ctx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	// Runs longer than the replay window need fresh signatures.
	go func() {
		t := time.NewTicker(resignEvery)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case now := <-t.C:
				reqs := sign(cfg.Key, bodies, now)
				requests.Store(&reqs)
			}
		}
	}()

	rec := &recorder{statuses: map[string]int{}}
	var next atomic.Uint64
	// send sends the next request and records it; a request cut off by
	// the end of the run is not counted.
	send := func(since time.Time) {
		reqs := *requests.Load()
		s := reqs[next.Add(1)%uint64(len(reqs))]
		status, err := post(ctx, client, target, s, io.Discard)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			rec.add("error", time.Since(since))
			return
		}
		rec.add(strconv.Itoa(status), time.Since(since))
	}

	res := Result{Mode: "closed", Concurrency: cfg.Concurrency}
	start := time.Now()
	var wg sync.WaitGroup
	if cfg.Rate > 0 {
		res = Result{Mode: "open", Rate: cfg.Rate}
		res.Dropped = openLoop(ctx, cfg.Rate, &wg, send)
	} else {
		for range cfg.Concurrency {
			wg.Go(func() {
				for ctx.Err() == nil {
					send(time.Now())
				}
			})
		}
	}
	wg.Wait()
	res.Elapsed = time.Since(start)
	if res.Elapsed > cfg.Duration {
		res.Elapsed = cfg.Duration
	}

	rec.mu.Lock()
	defer rec.mu.Unlock()
	res.Statuses = rec.statuses
	res.Requests = len(rec.latencies)
	res.Throughput = float64(res.Requests) / res.Elapsed.Seconds()
	slices.Sort(rec.latencies)
	res.P50 = percentile(rec.latencies, 0.50)
	res.P90 = percentile(rec.latencies, 0.90)
	res.P99 = percentile(rec.latencies, 0.99)
	res.Max = percentile(rec.latencies, 1)
	if res.Requests == 0 {
		return res, errors.New("no request was answered")
	}
	return res, nil
}

// openLoop starts send at rate per second until ctx is done and returns
// how many requests it dropped. Latency counts from when a request was
// due, so a server that falls behind is not excused (no coordinated
// omission).
func openLoop(ctx context.Context, rate float64, wg *sync.WaitGroup, send func(due time.Time)) (dropped int) {
	var inFlight atomic.Int64
	interval := float64(time.Second) / rate
	start := time.Now()
	timer := time.NewTimer(0)
	defer timer.Stop()
	for i := 0; ; i++ {
		due := start.Add(time.Duration(float64(i) * interval))
		if wait := time.Until(due); wait > 0 {
			timer.Reset(wait)
			select {
			case <-ctx.Done():
				return dropped
			case <-timer.C:
			}
		} else if ctx.Err() != nil {
			return dropped
		}
		if inFlight.Load() >= maxInFlight {
			dropped++
			continue
		}
		inFlight.Add(1)
		wg.Go(func() {
			defer inFlight.Add(-1)
			send(due)
		})
	}
}

// percentile is the q-quantile of sorted (nearest rank).
func percentile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	i := int(q*float64(len(sorted))+0.999999) - 1
	return sorted[max(0, min(i, len(sorted)-1))]
}

var jsonContentType = []string{"application/json"}

// post sends one signed interaction and reads the whole answer into
// answer (io.Discard for the load), so the connection is reused.
func post(ctx context.Context, client *http.Client, target string, s signed, answer io.Writer) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, target, bytes.NewReader(s.body))
	if err != nil {
		return 0, err
	}
	req.Header["Content-Type"] = jsonContentType
	req.Header["X-Signature-Ed25519"] = []string{s.signature}
	req.Header["X-Signature-Timestamp"] = []string{s.timestamp}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(answer, resp.Body); err != nil {
		return 0, err
	}
	return resp.StatusCode, nil
}
