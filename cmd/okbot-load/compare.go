package main

import (
	"bufio"
	"bytes"
	"context"
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
	"syscall"
	"time"
)

// The goals `okbot serve` is held to (BENCHMARKS.md).
const (
	goalCPURatio        = 1.2  // CPU per request, at most this times the baseline's
	goalThroughputRatio = 0.85 // maximum throughput, at least this times the baseline's
	goalP99             = 5 * time.Millisecond
	goalRSS             = 30 << 20
	goalReady           = 100 * time.Millisecond
)

// clockTick is the unit of utime and stime in /proc/PID/stat (USER_HZ,
// 100 on every Linux architecture Go supports).
const clockTick = 10 * time.Millisecond

func runCompare(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("okbot-load compare", flag.ContinueOnError)
	fs.SetOutput(stderr)
	okbot := fs.String("okbot", "./okbot", "path of the okbot binary (go build ./cmd/okbot)")
	rounds := fs.Int("rounds", 3, "alternating rounds per measurement")
	d := fs.Duration("d", 5*time.Second, "measured load per run")
	warmup := fs.Duration("warmup", time.Second, "unmeasured load before each run")
	c := fs.Int("c", 16, "connections for the closed loop")
	seed := fs.String("seed", defaultSeed, "hex Ed25519 seed; both servers trust its public key")
	logs := fs.String("logs", "", "file for the servers' output (default: a temporary file)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *rounds < 1 || *rounds > 10 || *d <= 0 || *d > time.Minute || *warmup < 0 || *warmup > time.Minute {
		return errors.New("-rounds must be 1-10, -d and -warmup at most 1m")
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
	okbotPath, err := filepath.Abs(*okbot)
	if err != nil {
		return err
	}
	if _, err := os.Stat(okbotPath); err != nil {
		return fmt.Errorf("-okbot: %w (build it with go build -o okbot ./cmd/okbot)", err)
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

	cmp := &comparison{
		self: self, seed: *seed, publicKey: publicHex(key), getenv: getenv,
		dir: dir, log: logFile, stderr: stderr, c: *c, d: *d, warmup: *warmup,
	}
	servers := []*server{
		{name: "okbot", argv: []string{okbotPath, "serve"}},
		{name: "baseline", argv: []string{self, "baseline"}},
	}
	fmt.Fprintf(stderr, "okbot-load: %d rounds, %v per run, servers on CPU 0 and load on CPU 1; server output in %s\n", *rounds, *d, logPath)

	// Maximum throughput and CPU per request: closed loop.
	for r := range *rounds {
		for _, s := range alternate(servers, r) {
			if err := cmp.closedRun(ctx, s); err != nil {
				return err
			}
		}
	}
	// Latency at half of okbot's maximum: open loop at the same rate for
	// both.
	rate := median(servers[0].throughput) / 2
	for r := range *rounds {
		for _, s := range alternate(servers, r) {
			if err := cmp.openRun(ctx, s, rate); err != nil {
				return err
			}
		}
	}
	report(stdout, servers, rate, *c, *d)
	return nil
}

// server is one endpoint under comparison and what was measured of it.
type server struct {
	name string
	argv []string

	throughput []float64       // closed loop, req/s
	cpu        []time.Duration // CPU per request, closed loop
	p99        []time.Duration // open loop at half of okbot's maximum
	rss        []float64       // idle, bytes
	ready      []time.Duration // exec to first 200 on /readyz
	failures   map[string]int  // non-200 statuses over all runs
	// other is, per measured run, the CPU used by everything but the
	// server and the load generator, in cores: anything well above zero
	// means the run shared the machine and its figures are suspect.
	other []float64
}

// comparison holds what every run needs.
type comparison struct {
	self, seed, publicKey string
	getenv                func(string) string
	dir                   string
	log                   io.Writer
	stderr                io.Writer
	c                     int
	d, warmup             time.Duration
}

func alternate(servers []*server, round int) []*server {
	if round%2 == 0 {
		return servers
	}
	return []*server{servers[1], servers[0]}
}

// process is a started server.
type process struct {
	cmd  *exec.Cmd
	url  string
	done chan error
}

// start runs s on CPU 0 on a free loopback port, waits for /readyz and
// records the start-to-ready time and idle RSS.
func (cmp *comparison) start(ctx context.Context, s *server) (*process, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	addr := l.Addr().String()
	l.Close()

	cmd := exec.CommandContext(ctx, "taskset", append([]string{"-c", "0"}, s.argv...)...)
	cmd.Dir = cmp.dir // no .env to pick up
	cmd.Env = append(environ(),
		"DISCORD_PUBLIC_KEY="+cmp.publicKey,
		"OKBOT_ADDR="+addr,
		"OKBOT_REGISTER=false",
	)
	cmd.Stdout, cmd.Stderr = cmp.log, cmp.log
	cmd.WaitDelay = 5 * time.Second
	p := &process{cmd: cmd, url: "http://" + addr, done: make(chan error, 1)}
	started := time.Now()
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", s.name, err)
	}
	go func() { p.done <- cmd.Wait() }()

	client := &http.Client{Timeout: time.Second}
	deadline := started.Add(10 * time.Second)
	for {
		if resp, err := client.Get(p.url + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				break
			}
		}
		select {
		case err := <-p.done:
			return nil, fmt.Errorf("%s exited before it was ready (%v); see the server log", s.name, err)
		default:
		}
		if time.Now().After(deadline) {
			p.stop()
			return nil, fmt.Errorf("%s not ready after 10s", s.name)
		}
		time.Sleep(200 * time.Microsecond)
	}
	s.ready = append(s.ready, time.Since(started))
	client.CloseIdleConnections()
	rss, err := vmRSS(cmd.Process.Pid)
	if err != nil {
		p.stop()
		return nil, err
	}
	s.rss = append(s.rss, rss)
	return p, nil
}

// environ is this process's environment without what could make okbot
// reach Discord.
func environ() []string {
	var env []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "DISCORD_") || strings.HasPrefix(kv, "OKBOT_") {
			continue
		}
		env = append(env, kv)
	}
	return env
}

func (p *process) stop() error {
	p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case err := <-p.done:
		return err
	case <-time.After(15 * time.Second):
		p.cmd.Process.Kill()
		return <-p.done
	}
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
	args := append([]string{"-c", "1", cmp.self, "load", "-url", p.url, "-seed", cmp.seed, "-d", d.String(), "-json"}, flags...)
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

// vmRSS is pid's resident set size in bytes.
func vmRSS(pid int) (float64, error) {
	f, err := os.Open(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 64)
			if err != nil {
				return 0, fmt.Errorf("/proc/%d/status: VmRSS %q", pid, v)
			}
			return kb * 1024, nil
		}
	}
	return 0, fmt.Errorf("/proc/%d/status: no VmRSS", pid)
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

// report prints the comparison as a Markdown table with the goals.
func report(w io.Writer, servers []*server, rate float64, c int, d time.Duration) {
	ok, base := servers[0], servers[1]
	spread := func(xs []float64, format string) string {
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
	pass := func(ok bool) string {
		if ok {
			return "met"
		}
		return "**missed**"
	}
	// Each round runs both servers back to back, so the ratio within a
	// round cancels the slow drift of a shared machine; the verdict uses
	// the median of those.
	cpuRatios := make([]float64, len(ok.cpu))
	for i := range ok.cpu {
		cpuRatios[i] = float64(ok.cpu[i]) / float64(base.cpu[i])
	}
	tputRatios := make([]float64, len(ok.throughput))
	for i := range ok.throughput {
		tputRatios[i] = ok.throughput[i] / base.throughput[i]
	}
	cpuRatio, tputRatio := median(cpuRatios), median(tputRatios)

	fmt.Fprintf(w, "\nMedian (min–max) of %d runs each; closed loop with %d connections, %v per run; open loop at %.0f req/s (half of okbot's median maximum). Ratios are okbot's over the baseline's within each round.\n\n",
		len(ok.throughput), c, d, rate)
	fmt.Fprintln(w, "| measure | okbot serve | baseline | okbot / baseline | goal |")
	fmt.Fprintln(w, "|---|---|---|---|---|")
	fmt.Fprintf(w, "| throughput, req/s | %s | %s | %s | ≥ %.2f× — %s |\n",
		spread(ok.throughput, "%.0f"), spread(base.throughput, "%.0f"), spread(tputRatios, "%.2f×"), goalThroughputRatio, pass(tputRatio >= goalThroughputRatio))
	fmt.Fprintf(w, "| CPU per request, µs | %s | %s | %s | ≤ %.1f× — %s |\n",
		spread(floats(ok.cpu, time.Microsecond), "%.1f"), spread(floats(base.cpu, time.Microsecond), "%.1f"), spread(cpuRatios, "%.2f×"), goalCPURatio, pass(cpuRatio <= goalCPURatio))
	fmt.Fprintf(w, "| p99 latency at %.0f req/s, ms | %s | %s | | < %v — %s |\n", rate,
		spread(floats(ok.p99, time.Millisecond), "%.2f"), spread(floats(base.p99, time.Millisecond), "%.2f"), goalP99, pass(median(ok.p99) < goalP99))
	fmt.Fprintf(w, "| idle RSS, MiB | %s | %s | | < %d MiB — %s |\n",
		spread(mb(ok.rss), "%.1f"), spread(mb(base.rss), "%.1f"), goalRSS>>20, pass(median(ok.rss) < goalRSS))
	fmt.Fprintf(w, "| start to ready, ms | %s | %s | | < %v — %s |\n",
		spread(floats(ok.ready, time.Millisecond), "%.1f"), spread(floats(base.ready, time.Millisecond), "%.1f"), goalReady, pass(median(ok.ready) < goalReady))
	other := append(slices.Clone(ok.other), base.other...)
	fmt.Fprintf(w, "\nCPU used by other processes (and the kernel's own softirq work) during the runs: median %.0f%% of a core, at most %.0f%%.\n",
		100*median(other), 100*slices.Max(other))
	for _, s := range servers {
		if len(s.failures) > 0 {
			fmt.Fprintf(w, "\n%s answered other than 200: %v\n", s.name, s.failures)
		}
	}
}
