// Command okbot-load measures `okbot serve`, Discord's HTTP interactions
// endpoint, against a baseline that does only the unavoidable work. It
// sends traffic to loopback addresses only.
//
// Usage:
//
//	okbot-load baseline [-addr ADDR] [-seed HEX | -key HEX]
//	    serve POST /interactions doing only what no endpoint can skip:
//	    read the body, verify its Ed25519 signature, answer a fixed
//	    {"type":4,"data":{"content":"ok"}}; GET /readyz answers 200.
//	    Defaults come from OKBOT_ADDR and DISCORD_PUBLIC_KEY, as for
//	    okbot serve. Prints the bound address.
//
//	okbot-load load -url URL [-seed HEX] [-mix realistic|text] [-c N | -rate R] [-d DURATION] [-json]
//	    send pre-signed, full-size interactions (/season2, /cast name:…,
//	    /ratings episode:N; a fifth in Korean in the realistic mix,
//	    English only in the text mix) to URL/interactions: closed-loop
//	    with N connections (default 16), or open-loop at R requests per
//	    second when -rate is given. Prints throughput, errors by status
//	    and latency percentiles.
//
//	okbot-load compare -okbot PATH [-mix text|realistic|both] [-rounds N] [-d DURATION] [-c N] [-markdown FILE]
//	    run PATH serve and the baseline side by side, pinned with
//	    taskset (servers on CPU 0, load on CPU 1), in alternating rounds
//	    (default 5, with 32 connections), for each mix, and report
//	    throughput, CPU per request, p99 latency at half of okbot's
//	    maximum throughput, launch to the first 200 on a signed /season2
//	    and idle memory a second later, against the targets in
//	    BENCHMARKS.md, as one Markdown table (also written to FILE).
//	    okbot logs at error in the text mix, at info (a line per
//	    interaction, as in production) in the realistic one.
//
//	okbot-load soak -okbot PATH [-d DURATION] [-warmup DURATION] [-c N] [-reload-every DURATION] [-data DIR] [-logs FILE] [-json]
//	    run PATH serve on free loopback ports with OKBOT_DATA set to a
//	    temporary copy of the facts (default: the shipped ones) and the
//	    admin listener on, and send it the realistic mix plus PINGs and
//	    forged requests (a bad signature, a tampered body, a stale
//	    timestamp) over N connections (default 8) for the warm-up
//	    (default 10s) and then -d (default 5m), while editing the facts
//	    and POSTing /admin/reload every -reload-every (default 3s).
//	    Reads RSS from /metrics every 250 ms and goroutines after the
//	    warm-up and at the end with the load paused, and prints
//	    throughput, errors by kind, latency, reloads, RSS and goroutines.
//	    Exits 1 unless there were no errors (every answer 200, every
//	    forged request 401, no transport error, no ERROR line in okbot's
//	    log), the RSS floor (lowest reading) over the soak's last
//	    half-warm-up is at most 10% above the one over the warm-up's last
//	    half, goroutines at the end are at most 5 more than warmed up,
//	    every reload succeeded and was followed by an answer from the new
//	    facts, and okbot stopped cleanly on SIGTERM.
//
// -seed is the hex Ed25519 seed the load is signed with; the server must
// trust its public key (printed by load and compare). The default is the
// RFC 8032 test key: never use it for a real application.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
		os.Exit(2)
	default:
		fmt.Fprintf(os.Stderr, "okbot-load: %v\n", err)
		os.Exit(1)
	}
}

// subcommand is one of okbot-load's modes.
type subcommand struct {
	name, summary string
	run           func(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error
}

func subcommands() []subcommand {
	return []subcommand{
		{"baseline", "serve the baseline endpoint", runBaseline},
		{"load", "send load to an endpoint and report", runLoad},
		{"compare", "compare okbot serve with the baseline", runCompare},
		{"soak", "run okbot serve under load and reloads, and check it stays flat", runSoak},
	}
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) > 0 {
		for _, c := range subcommands() {
			if c.name == args[0] {
				return c.run(ctx, args[1:], getenv, stdout, stderr)
			}
		}
	}
	fmt.Fprintln(stderr, "usage: okbot-load baseline|load|compare|soak [flags] (-h for each)")
	for _, c := range subcommands() {
		fmt.Fprintf(stderr, "  %-9s %s\n", c.name, c.summary)
	}
	return flag.ErrHelp
}
