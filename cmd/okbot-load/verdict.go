package main

import (
	"fmt"
	"io"
	"slices"
	"time"
)

// What a soak must show to pass.
const (
	// soakRSSGrowth: RSS at the end at most this much above its warmed-up
	// value. Only growth fails: a leak grows, and a Go heap that the
	// scavenger shrinks is not a fault.
	soakRSSGrowth = 0.10
	// soakGoroutineSlack: goroutines "flat" means at the end at most this
	// many more than warmed up. Both are read in the same state (load
	// paused, its connections idle, reloads stopped), so a leak of one
	// goroutine per reload, per connection or per minute shows well above
	// it.
	soakGoroutineSlack = 5
)

// soakErrors counts what went wrong with the load, by kind.
type soakErrors struct {
	// Status: answers to validly signed interactions and PINGs that were
	// not 200.
	Status int `json:"unexpected_status"`
	// NotRejected: requests with a bad signature, a tampered body or a
	// stale timestamp that okbot did not refuse with 401.
	NotRejected int `json:"bad_signature_not_rejected"`
	// Transport: requests that got no HTTP answer at all.
	Transport int `json:"transport"`
	// Logged: lines okbot logged at level ERROR.
	Logged int `json:"logged_errors"`
}

func (e soakErrors) total() int { return e.Status + e.NotRejected + e.Transport + e.Logged }

// soakFigures is what a soak measured, warm-up excluded.
type soakFigures struct {
	Elapsed    time.Duration  `json:"elapsed_ns"`
	Requests   int            `json:"requests"`
	Throughput float64        `json:"throughput"`
	Kinds      map[string]int `json:"kinds"` // requests by kind (answer, ping, forged)
	Errors     soakErrors     `json:"errors"`
	P50        time.Duration  `json:"p50_ns"`
	P99        time.Duration  `json:"p99_ns"`
	Max        time.Duration  `json:"max_ns"`
	// Reloads counts POST /admin/reload over the whole run, warm-up
	// included; FailedReloads those not answered 200; StaleAnswers those
	// after which /about still answered from the old facts.
	Reloads       int `json:"reloads"`
	FailedReloads int `json:"failed_reloads"`
	StaleAnswers  int `json:"stale_answers_after_reload"`
	// Warm is read after the warm-up, End after the soak, both with the
	// load paused; their RSS is the lowest read during the last half of
	// the warm-up, and during as long a span at the end of the soak.
	Warm serverStats `json:"warm"`
	End  serverStats `json:"end"`
	// Stopped is how okbot serve ended on SIGTERM: empty if it exited 0.
	Stopped string `json:"stopped,omitempty"`
}

// problems judges f: an empty list passes.
func (f soakFigures) problems() []string {
	var out []string
	if f.Requests == 0 {
		out = append(out, "no request was answered")
	}
	if n := f.Errors.total(); n > 0 {
		out = append(out, fmt.Sprintf("%d errors (%d unexpected status, %d bad signatures not rejected, %d transport, %d logged by okbot)",
			n, f.Errors.Status, f.Errors.NotRejected, f.Errors.Transport, f.Errors.Logged))
	}
	if limit := f.Warm.RSS * (1 + soakRSSGrowth); !(f.End.RSS <= limit) {
		out = append(out, fmt.Sprintf("RSS grew from %s to %s, over %s (+%.0f%%)", mib(f.Warm.RSS), mib(f.End.RSS), mib(limit), 100*soakRSSGrowth))
	}
	if limit := f.Warm.Goroutines + soakGoroutineSlack; !(f.End.Goroutines <= limit) {
		out = append(out, fmt.Sprintf("goroutines grew from %.0f to %.0f, over %.0f", f.Warm.Goroutines, f.End.Goroutines, limit))
	}
	switch {
	case f.Reloads == 0:
		out = append(out, "no reload was made")
	case f.FailedReloads > 0:
		out = append(out, fmt.Sprintf("%d of %d reloads failed", f.FailedReloads, f.Reloads))
	}
	if f.StaleAnswers > 0 {
		out = append(out, fmt.Sprintf("after %d of %d reloads, /about answered from the old facts", f.StaleAnswers, f.Reloads))
	}
	// okbot's own count must agree: every reload it made succeeded.
	if ok, failed := f.End.Reloads["ok"], f.End.Reloads["failed"]+f.End.Reloads["nothing"]; failed > 0 || ok != float64(f.Reloads-f.FailedReloads) {
		out = append(out, fmt.Sprintf("okbot_reloads_total says %.0f ok and %.0f not, soak made %d", ok, failed, f.Reloads))
	}
	if f.Stopped != "" {
		out = append(out, "okbot serve did not stop cleanly: "+f.Stopped)
	}
	return out
}

func mib(b float64) string { return fmt.Sprintf("%.1f MiB", b/(1<<20)) }

// print writes the figures and the verdict.
func (f soakFigures) print(w io.Writer, problems []string) {
	fmt.Fprintf(w, "soak       %v after warm-up\n", f.Elapsed.Round(time.Millisecond))
	kinds := make([]string, 0, len(f.Kinds))
	for k := range f.Kinds {
		kinds = append(kinds, k)
	}
	slices.Sort(kinds)
	fmt.Fprintf(w, "requests   %d (%.1f/s):", f.Requests, f.Throughput)
	for _, k := range kinds {
		fmt.Fprintf(w, " %s %d", k, f.Kinds[k])
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "errors     %d: unexpected status %d, bad signature not rejected %d, transport %d, logged by okbot %d\n",
		f.Errors.total(), f.Errors.Status, f.Errors.NotRejected, f.Errors.Transport, f.Errors.Logged)
	fmt.Fprintf(w, "latency    p50 %v  p99 %v  max %v\n", ms(f.P50), ms(f.P99), ms(f.Max))
	fmt.Fprintf(w, "reloads    %d, %d failed, %d followed by an old answer (okbot_reloads_total: %.0f ok)\n", f.Reloads, f.FailedReloads, f.StaleAnswers, f.End.Reloads["ok"])
	fmt.Fprintf(w, "RSS floor  warm %s, end %s (%+.1f%%; limit +%.0f%%)\n", mib(f.Warm.RSS), mib(f.End.RSS), 100*(f.End.RSS/f.Warm.RSS-1), 100*soakRSSGrowth)
	fmt.Fprintf(w, "goroutines warm %.0f, end %.0f (limit warm + %d)\n", f.Warm.Goroutines, f.End.Goroutines, soakGoroutineSlack)
	if len(problems) == 0 {
		fmt.Fprintln(w, "PASS")
		return
	}
	for _, p := range problems {
		fmt.Fprintln(w, "FAIL: "+p)
	}
}
