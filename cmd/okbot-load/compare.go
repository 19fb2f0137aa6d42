package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// The targets `okbot serve` is held to (BENCHMARKS.md), per mix.
type mixSpec struct {
	name string
	// logLevel is okbot's OKBOT_LOG_LEVEL: production's info (one line
	// per interaction) for the realistic mix, error for the text mix.
	logLevel string
	// cpuRatio and throughputRatio are the targets: CPU per request at
	// most cpuRatio times the baseline's, throughput at least
	// throughputRatio times.
	cpuRatio, throughputRatio float64
}

var mixes = []mixSpec{
	{name: mixText, logLevel: "error", cpuRatio: 1.05, throughputRatio: 0.95},
	{name: mixRealistic, logLevel: "info", cpuRatio: 1.2, throughputRatio: 0.85},
}

// Targets that hold for every mix.
const (
	goalP99 = 2 * time.Millisecond
	// goalColdStart is how much later than the baseline's okbot's first
	// 200 on a signed /season2 may come, from launch.
	goalColdStart = 10 * time.Millisecond
	// goalIdleAnon is the anonymous memory (RssAnon) okbot may hold a
	// second after its first answer.
	goalIdleAnon = 10 << 20
	// idleAfter is when idle memory is read, after the first 200.
	idleAfter = time.Second
)

// clockTick is the unit of utime and stime in /proc/PID/stat (USER_HZ,
// 100 on every Linux architecture Go supports).
const clockTick = 10 * time.Millisecond

func runCompare(ctx context.Context, args []string, _ func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("okbot-load compare", flag.ContinueOnError)
	fs.SetOutput(stderr)
	okbot := fs.String("okbot", "./okbot", "path of the okbot binary (go build ./cmd/okbot)")
	mixFlag := fs.String("mix", "both", "request mix: text (English, okbot logging at error), realistic (a fifth in Korean, a log line per interaction) or both")
	rounds := fs.Int("rounds", 5, "alternating rounds per measurement")
	d := fs.Duration("d", 5*time.Second, "measured load per run")
	warmup := fs.Duration("warmup", time.Second, "unmeasured load before each run")
	c := fs.Int("c", 32, "connections for the closed loop")
	seed := fs.String("seed", defaultSeed, "hex Ed25519 seed; both servers trust its public key")
	logs := fs.String("logs", "", "file for the servers' output (default: a temporary file)")
	markdown := fs.String("markdown", "", "also write the results table to this file (Markdown), as BENCHMARKS.md shows it")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *rounds < 1 || *rounds > 10 || *d <= 0 || *d > time.Minute || *warmup < 0 || *warmup > time.Minute {
		return errors.New("-rounds must be 1-10, -d and -warmup at most 1m")
	}
	var chosen []mixSpec
	for _, m := range mixes {
		if *mixFlag == "both" || *mixFlag == m.name {
			chosen = append(chosen, m)
		}
	}
	if len(chosen) == 0 {
		return fmt.Errorf("-mix %q: want text, realistic or both", *mixFlag)
	}
	if _, err := exec.LookPath("taskset"); err != nil {
		return fmt.Errorf("compare pins processes with taskset (util-linux): %w", err)
	}
	if runtime.NumCPU() < 2 {
		return errors.New("compare needs 2 CPUs: one for the server, one for the load")
	}
	key, err := parseSeed(*seed)
	if err != nil {
		return err
	}
	self, err := os.Executable()
	if err != nil {
		return err
	}
	okbotPath, err := okbotBinary(*okbot)
	if err != nil {
		return err
	}
	logPath := *logs
	if logPath == "" {
		f, err := os.CreateTemp("", "okbot-load-servers-*.log")
		if err != nil {
			return err
		}
		f.Close()
		logPath = f.Name()
	}
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
	if err != nil {
		return err
	}
	defer logFile.Close()
	dir, err := os.MkdirTemp("", "okbot-load-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)

	fmt.Fprintf(stderr, "okbot-load: %d rounds, %v per run, %d connections, servers on CPU 0 and load on CPU 1; server output in %s\n", *rounds, *d, *c, logPath)
	load0 := loadAverage()
	var results []mixResult
	for _, m := range chosen {
		cmp := &comparison{
			self: self, seed: *seed, key: key, publicKey: publicHex(key),
			dir: dir, log: logFile, stderr: stderr, c: *c, d: *d, warmup: *warmup, mix: m,
		}
		servers := []*server{
			// No drain delay: a run is over when its load is, and the
			// default 5 s of answering after SIGTERM only slows the rounds.
			{name: "okbot", argv: []string{okbotPath, "serve"}, env: []string{"OKBOT_LOG_LEVEL=" + m.logLevel, "OKBOT_DRAIN_DELAY=0s"}},
			{name: "baseline", argv: []string{self, "baseline"}},
		}
		fmt.Fprintf(stderr, "mix %s (okbot logging at %s):\n", m.name, m.logLevel)
		// Maximum throughput and CPU per request: closed loop.
		for r := range *rounds {
			for _, s := range alternate(servers, r) {
				if err := cmp.closedRun(ctx, s); err != nil {
					return err
				}
			}
		}
		// Latency at half of okbot's maximum: open loop at the same rate
		// for both.
		rate := median(servers[0].throughput) / 2
		for r := range *rounds {
			for _, s := range alternate(servers, r) {
				if err := cmp.openRun(ctx, s, rate); err != nil {
					return err
				}
			}
		}
		results = append(results, mixResult{mix: m, okbot: servers[0], base: servers[1], rate: rate})
	}
	header := fmt.Sprintf("Median (min–max) of %d alternating rounds; closed loop with %d connections, %v per run after %v of warm-up, each on a fresh server; "+
		"p99 in an open loop at half of okbot's median maximum; launch to first 200 and idle memory over every start (%d per server and mix). "+
		"Ratios are okbot's over the baseline's within each round. Load average (1 min) %s before, %s after.",
		*rounds, *c, *d, *warmup, 2**rounds, load0, loadAverage())
	var table bytes.Buffer
	report(&table, header, results)
	stdout.Write(table.Bytes())
	if *markdown != "" {
		return os.WriteFile(*markdown, table.Bytes(), 0o644)
	}
	return nil
}

// loadAverage is the 1-minute load average, as /proc/loadavg says.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) == 0 {
		return "unknown"
	}
	return f[0]
}

// mixResult is what one mix measured.
type mixResult struct {
	mix         mixSpec
	okbot, base *server
	rate        float64
}

// server is one endpoint under comparison and what was measured of it.
type server struct {
	name string
	argv []string
	env  []string // besides the key and the address

	throughput []float64       // closed loop, req/s
	cpu        []time.Duration // CPU per request, closed loop
	p99        []time.Duration // open loop at half of okbot's maximum
	rss        []float64       // VmRSS idleAfter the first 200, bytes
	anon       []float64       // RssAnon idleAfter the first 200, bytes
	ready      []time.Duration // exec to the first 200 on a signed /season2
	failures   map[string]int  // non-200 statuses over all runs
	// other is, per measured run, the CPU used by everything but the
	// server and the load generator, in cores: anything well above zero
	// means the run shared the machine and its figures are suspect.
	other []float64
}

// comparison holds what every run needs.
type comparison struct {
	self, seed, publicKey string
	key                   ed25519.PrivateKey
	dir                   string
	log                   io.Writer
	stderr                io.Writer
	c                     int
	d, warmup             time.Duration
	mix                   mixSpec
}

func alternate(servers []*server, round int) []*server {
	if round%2 == 0 {
		return servers
	}
	return []*server{servers[1], servers[0]}
}

// process is a started server.
type process struct {
	*child
	url string
}

// start runs s on CPU 0 on a free loopback port, waits for its first
// 200 to a signed /season2 (an answer that needs the facts) and records
// the time from launch to it, and the idle memory idleAfter it.
func (cmp *comparison) start(ctx context.Context, s *server) (*process, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := l.Addr().String()
	l.Close()

	cmd := exec.CommandContext(ctx, "taskset", append([]string{"-c", "0"}, s.argv...)...)
	cmd.Dir = cmp.dir // no .env to pick up
	cmd.Env = serverEnv(cmp.publicKey, append([]string{"OKBOT_ADDR=" + addr}, s.env...)...)
	cmd.Stdout, cmd.Stderr = cmp.log, cmp.log
	cmd.WaitDelay = 5 * time.Second
	p := &process{child: newChild(cmd), url: "http://" + addr}
	first := sign(cmp.key, []string{interaction("season2", "", 0, true)}, time.Now())[0]
	client := &http.Client{Timeout: time.Second}
	started := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", s.name, err)
	}
	go func() { p.done <- cmd.Wait() }()

	deadline := started.Add(10 * time.Second)
	for {
		if status, err := post(ctx, client, p.url+"/interactions", first, io.Discard); err == nil && status == http.StatusOK {
			break
		}
		select {
		case err := <-p.done:
			return nil, fmt.Errorf("%s exited before it answered (%v); see the server log", s.name, err)
		default:
		}
		if time.Now().After(deadline) {
			p.stop()
			return nil, fmt.Errorf("%s did not answer a signed /season2 within 10s", s.name)
		}
		time.Sleep(200 * time.Microsecond)
	}
	s.ready = append(s.ready, time.Since(started))
	client.CloseIdleConnections()
	time.Sleep(idleAfter)
	rss, anon, err := memory(cmd.Process.Pid)
	if err != nil {
		p.stop()
		return nil, err
	}
	s.rss = append(s.rss, rss)
	s.anon = append(s.anon, anon)
	return p, nil
}

// load runs the load generator on CPU 1 against p.
func (cmp *comparison) load(ctx context.Context, p *process, d time.Duration, flags ...string) (Result, error) {
	res, _, err := cmp.measure(ctx, p, d, flags...)
	return res, err
}

// measure is load, and also reports the CPU time used meanwhile by
// processes other than the server and the load generator.
func (cmp *comparison) measure(ctx context.Context, p *process, d time.Duration, flags ...string) (Result, time.Duration, error) {
	busy0, err1 := busyTime()
	server0, err2 := cpuTime(p.cmd.Process.Pid)
	if err := errors.Join(err1, err2); err != nil {
		return Result{}, 0, err
	}
	args := append([]string{"-c", "1", cmp.self, "load", "-url", p.url, "-seed", cmp.seed, "-d", d.String(), "-mix", cmp.mix.name, "-json"}, flags...)
	cmd := exec.CommandContext(ctx, "taskset", args...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, cmp.stderr
	if err := cmd.Run(); err != nil {
		return Result{}, 0, fmt.Errorf("load: %w", err)
	}
	busy1, err1 := busyTime()
	server1, err2 := cpuTime(p.cmd.Process.Pid)
	if err := errors.Join(err1, err2); err != nil {
		return Result{}, 0, err
	}
	var res Result
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		return Result{}, 0, fmt.Errorf("load printed %q: %w", out.String(), err)
	}
	loadCPU := cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	return res, max(0, (busy1-busy0)-(server1-server0)-loadCPU), nil
}

func (cmp *comparison) closedRun(ctx context.Context, s *server) error {
	p, err := cmp.start(ctx, s)
	if err != nil {
		return err
	}
	defer p.stop()
	conns := []string{"-c", strconv.Itoa(cmp.c)}
	if cmp.warmup > 0 {
		if _, err := cmp.load(ctx, p, cmp.warmup, conns...); err != nil {
			return err
		}
	}
	before, err := cpuTime(p.cmd.Process.Pid)
	if err != nil {
		return err
	}
	res, other, err := cmp.measure(ctx, p, cmp.d, conns...)
	if err != nil {
		return err
	}
	after, err := cpuTime(p.cmd.Process.Pid)
	if err != nil {
		return err
	}
	s.count(res)
	s.throughput = append(s.throughput, float64(res.OK())/res.Elapsed.Seconds())
	s.cpu = append(s.cpu, (after-before)/time.Duration(max(res.Requests, 1)))
	s.other = append(s.other, other.Seconds()/res.Elapsed.Seconds())
	fmt.Fprintf(cmp.stderr, "  %-8s closed: %8.0f req/s  %6.1f µs CPU/req  p99 %s  (other CPU %.0f%%)\n",
		s.name, s.throughput[len(s.throughput)-1], micros(s.cpu[len(s.cpu)-1]), ms(res.P99), 100*s.other[len(s.other)-1])
	return nil
}

func (cmp *comparison) openRun(ctx context.Context, s *server, rate float64) error {
	p, err := cmp.start(ctx, s)
	if err != nil {
		return err
	}
	defer p.stop()
	rateFlag := []string{"-rate", strconv.FormatFloat(rate, 'f', 0, 64)}
	if cmp.warmup > 0 {
		if _, err := cmp.load(ctx, p, cmp.warmup, rateFlag...); err != nil {
			return err
		}
	}
	res, other, err := cmp.measure(ctx, p, cmp.d, rateFlag...)
	if err != nil {
		return err
	}
	s.count(res)
	s.p99 = append(s.p99, res.P99)
	s.other = append(s.other, other.Seconds()/res.Elapsed.Seconds())
	fmt.Fprintf(cmp.stderr, "  %-8s open at %.0f req/s: p50 %s  p99 %s  max %s  (other CPU %.0f%%)\n",
		s.name, rate, ms(res.P50), ms(res.P99), ms(res.Max), 100*s.other[len(s.other)-1])
	return nil
}

func (s *server) count(res Result) {
	if s.failures == nil {
		s.failures = map[string]int{}
	}
	for status, n := range res.Statuses {
		if status != "200" {
			s.failures[status] += n
		}
	}
	if res.Dropped > 0 {
		s.failures["dropped"] += res.Dropped
	}
}

// cpuTime is the user plus system CPU time pid has used.
func cpuTime(pid int) (time.Duration, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0, err
	}
	// The command name may hold spaces; fields restart after its ")".
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, fmt.Errorf("/proc/%d/stat: no command name", pid)
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0, fmt.Errorf("/proc/%d/stat: %d fields", pid, len(f))
	}
	utime, err1 := strconv.ParseInt(f[11], 10, 64) // field 14
	stime, err2 := strconv.ParseInt(f[12], 10, 64) // field 15
	if err := errors.Join(err1, err2); err != nil {
		return 0, fmt.Errorf("/proc/%d/stat: %w", pid, err)
	}
	return time.Duration(utime+stime) * clockTick, nil
}

// busyTime is the CPU time all CPUs have spent on anything but idling
// (user, nice, system, irq, softirq, steal from /proc/stat).
func busyTime() (time.Duration, error) {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0, err
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	if len(f) < 9 || f[0] != "cpu" {
		return 0, fmt.Errorf("/proc/stat: first line %q", line)
	}
	var ticks int64
	for _, i := range []int{1, 2, 3, 6, 7, 8} { // user nice system irq softirq steal
		n, err := strconv.ParseInt(f[i], 10, 64)
		if err != nil {
			return 0, fmt.Errorf("/proc/stat: %w", err)
		}
		ticks += n
	}
	return time.Duration(ticks) * clockTick, nil
}

// memory is pid's VmRSS and RssAnon in bytes, from /proc/PID/status.
func memory(pid int) (rss, anon float64, err error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, 0, err
	}
	defer f.Close()
	found := map[string]*float64{"VmRSS": &rss, "RssAnon": &anon}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		name, v, ok := strings.Cut(sc.Text(), ":")
		dst := found[name]
		if !ok || dst == nil {
			continue
		}
		kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
		if err != nil {
			return 0, 0, fmt.Errorf("/proc/%d/status: %s %q", pid, name, v)
		}
		*dst = kb * 1024
		delete(found, name)
	}
	for name := range found {
		return 0, 0, fmt.Errorf("/proc/%d/status: no %s", pid, name)
	}
	return rss, anon, sc.Err()
}

func median[T int64 | float64 | time.Duration](xs []T) T {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func micros(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }

// report writes the comparison as one Markdown table, a section of rows
// per mix, with the targets, after header.
func report(w io.Writer, header string, results []mixResult) {
	spread := func(xs []float64, format string) string {
		if len(xs) == 0 {
			return "—"
		}
		return fmt.Sprintf(format+" ("+format+"–"+format+")", median(xs), slices.Min(xs), slices.Max(xs))
	}
	floats := func(ds []time.Duration, unit time.Duration) []float64 {
		out := make([]float64, len(ds))
		for i, d := range ds {
			out[i] = float64(d) / float64(unit)
		}
		return out
	}
	mb := func(xs []float64) []float64 {
		out := make([]float64, len(xs))
		for i, x := range xs {
			out[i] = x / (1 << 20)
		}
		return out
	}
	// ratios pairs a's and b's measurements in order: each round runs both
	// servers back to back, so the ratio within a round cancels the slow
	// drift of a shared machine; verdicts use the median of those.
	ratios := func(a, b []float64, f func(x, y float64) float64) []float64 {
		out := make([]float64, min(len(a), len(b)))
		for i := range out {
			out[i] = f(a[i], b[i])
		}
		return out
	}
	div := func(x, y float64) float64 { return x / y }
	sub := func(x, y float64) float64 { return x - y }
	pass := func(ok bool) string {
		if ok {
			return "met"
		}
		return "**missed**"
	}

	fmt.Fprintf(w, "%s\n\n", header)
	fmt.Fprintln(w, "| mix | measure | okbot serve | baseline | okbot vs baseline | target |")
	fmt.Fprintln(w, "|---|---|---|---|---|---|")
	for _, r := range results {
		ok, base, m := r.okbot, r.base, r.mix
		okCPU, baseCPU := floats(ok.cpu, time.Microsecond), floats(base.cpu, time.Microsecond)
		tput := ratios(ok.throughput, base.throughput, div)
		cpu := ratios(okCPU, baseCPU, div)
		okReady, baseReady := floats(ok.ready, time.Millisecond), floats(base.ready, time.Millisecond)
		later := ratios(okReady, baseReady, sub)
		okP99 := floats(ok.p99, time.Millisecond)
		fmt.Fprintf(w, "| %s | throughput, req/s | %s | %s | %s | ≥ %.2f× — %s |\n", m.name,
			spread(ok.throughput, "%.0f"), spread(base.throughput, "%.0f"), spread(tput, "%.2f×"), m.throughputRatio, pass(median(tput) >= m.throughputRatio))
		fmt.Fprintf(w, "| %s | CPU per request, µs | %s | %s | %s | ≤ %.2f× — %s |\n", m.name,
			spread(okCPU, "%.1f"), spread(baseCPU, "%.1f"), spread(cpu, "%.2f×"), m.cpuRatio, pass(median(cpu) <= m.cpuRatio))
		fmt.Fprintf(w, "| %s | p99 at %.0f req/s, ms | %s | %s | | < %v — %s |\n", m.name, r.rate,
			spread(okP99, "%.2f"), spread(floats(base.p99, time.Millisecond), "%.2f"), goalP99, pass(median(okP99) < float64(goalP99)/float64(time.Millisecond)))
		fmt.Fprintf(w, "| %s | launch to first 200 on /season2, ms | %s | %s | %s ms | ≤ +%v — %s |\n", m.name,
			spread(okReady, "%.1f"), spread(baseReady, "%.1f"), spread(later, "%+.1f"), goalColdStart, pass(median(later) <= float64(goalColdStart)/float64(time.Millisecond)))
		fmt.Fprintf(w, "| %s | idle RssAnon %v after, MiB | %s | %s | | ≤ %d MiB — %s |\n", m.name, idleAfter,
			spread(mb(ok.anon), "%.1f"), spread(mb(base.anon), "%.1f"), goalIdleAnon>>20, pass(median(ok.anon) <= goalIdleAnon))
		fmt.Fprintf(w, "| %s | idle VmRSS %v after, MiB | %s | %s | | |\n", m.name, idleAfter,
			spread(mb(ok.rss), "%.1f"), spread(mb(base.rss), "%.1f"))
	}
	fmt.Fprintln(w)
	for _, r := range results {
		other := append(slices.Clone(r.okbot.other), r.base.other...)
		if len(other) > 0 {
			fmt.Fprintf(w, "%s mix: CPU used by other processes (and the kernel's own softirq work) during the runs: median %.0f%% of a core, at most %.0f%%.\n",
				r.mix.name, 100*median(other), 100*slices.Max(other))
		}
		for _, s := range []*server{r.okbot, r.base} {
			if len(s.failures) > 0 {
				fmt.Fprintf(w, "%s mix: %s answered other than 200: %v\n", r.mix.name, s.name, s.failures)
			}
		}
	}
}

// okbotBinary is the absolute path of the -okbot binary, which must exist.
func okbotBinary(path string) (string, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	if _, err := os.Stat(abs); err != nil {
		return "", fmt.Errorf("-okbot: %w (build it with go build -o okbot ./cmd/okbot)", err)
	}
	return abs, nil
}
