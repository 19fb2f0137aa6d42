package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os/exec"
	"slices"
	"sync"
	"time"
)

// okbotServer is a running okbot serve.
type okbotServer struct {
	*child
	url, admin string // base URLs of the interactions and admin listeners
	log        *serverLog
}

// startOkbot runs cfg.Okbot serve from dir on free loopback ports, with
// OKBOT_DATA set to facts, and waits until its admin /readyz answers 200.
// The ports are read from okbot's log lines "serving interactions" and
// "serving the admin endpoints".
func startOkbot(ctx context.Context, cfg soakConfig, dir, facts string) (*okbotServer, error) {
	cmd := exec.Command(cfg.Okbot, "serve")
	cmd.Dir = dir // no .env to pick up
	cmd.Env = serverEnv(publicHex(cfg.Key),
		"OKBOT_ADDR=127.0.0.1:0",
		"OKBOT_ADMIN_ADDR=127.0.0.1:0",
		"OKBOT_DATA="+facts,
		"OKBOT_LOG_FORMAT=json",
		"OKBOT_DRAIN_DELAY=0",
	)
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stdout = cfg.Logs
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", cfg.Okbot, err)
	}
	log := &serverLog{copy: cfg.Logs, addrs: make(chan logAddr, 2)}
	srv := &okbotServer{child: newChild(cmd), log: log}
	go func() {
		log.read(stderr)
		srv.done <- cmd.Wait()
	}()

	deadline := time.NewTimer(15 * time.Second)
	defer deadline.Stop()
	for srv.url == "" || srv.admin == "" {
		select {
		case a := <-log.addrs:
			if a.Msg == msgServing {
				srv.url = "http://" + a.Addr
			} else {
				srv.admin = "http://" + a.Addr
			}
		case err := <-srv.done:
			return nil, fmt.Errorf("okbot serve exited before listening (%v): %s", err, bytes.Join(log.firstErrors(), []byte("\n")))
		case <-deadline.C:
			srv.stop()
			return nil, errors.New("okbot serve logged no listening addresses in 15s")
		case <-ctx.Done():
			srv.stop()
			return nil, ctx.Err()
		}
	}
	client := &http.Client{Timeout: time.Second}
	defer client.CloseIdleConnections()
	for {
		resp, err := client.Get(srv.admin + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return srv, nil
			}
		}
		select {
		case <-deadline.C:
			srv.stop()
			return nil, errors.New("okbot serve not ready in 15s")
		case <-ctx.Done():
			srv.stop()
			return nil, ctx.Err()
		case <-time.After(10 * time.Millisecond):
		}
	}
}

// The messages of okbot's log lines that carry the bound addresses.
const (
	msgServing = "serving interactions"
	msgAdmin   = "serving the admin endpoints"
)

// logAddr is a log line that names a bound address.
type logAddr struct {
	Msg  string `json:"msg"`
	Addr string `json:"addr"`
}

// serverLog reads okbot's JSON log: it passes on the bound addresses,
// counts the lines at level ERROR, and any not written by okbot's logger,
// and keeps the first few.
type serverLog struct {
	copy  io.Writer // nil: not kept
	addrs chan logAddr

	mu         sync.Mutex
	errorLines int
	first      [][]byte
}

// keepErrors is how many ERROR lines are kept to show.
const keepErrors = 5

func (l *serverLog) read(r io.Reader) {
	var out *bufio.Writer
	if l.copy != nil {
		out = bufio.NewWriter(l.copy)
		defer out.Flush()
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Bytes()
		if out != nil {
			out.Write(line)
			out.WriteByte('\n')
		}
		switch {
		// Lines at level ERROR, and anything not from okbot's JSON
		// logger (a panic, the runtime's fatal errors).
		case bytes.Contains(line, []byte(`"level":"ERROR"`)), !bytes.HasPrefix(line, []byte("{")):
			l.mu.Lock()
			l.errorLines++
			if len(l.first) < keepErrors {
				l.first = append(l.first, bytes.Clone(line))
			}
			l.mu.Unlock()
		case bytes.Contains(line, []byte(`"msg":"`+msgServing+`"`)), bytes.Contains(line, []byte(`"msg":"`+msgAdmin+`"`)):
			var a logAddr
			if json.Unmarshal(line, &a) == nil && a.Addr != "" {
				select {
				case l.addrs <- a:
				default:
				}
			}
		}
	}
	io.Copy(io.Discard, r) // a line too long for the scanner: keep okbot writing
}

func (l *serverLog) errors() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.errorLines
}

func (l *serverLog) firstErrors() [][]byte {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.first)
}
