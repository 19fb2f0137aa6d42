package main

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"

	"github.com/okbot/okbot/internal/commands"
	"github.com/okbot/okbot/internal/config"
	"github.com/okbot/okbot/internal/discord"
	"github.com/okbot/okbot/internal/metrics"
	"github.com/okbot/okbot/internal/pages"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1 // runtime failure, or validate found problems
	exitUsage   = 2 // usage, configuration or startup data error
)

// usageError is a mistake in the command line; the message says what to do.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

// startupError stops okbot before it starts (bad data, a rejected token);
// it exits with exitUsage.
type startupError struct{ err error }

func (e *startupError) Error() string { return e.err.Error() }
func (e *startupError) Unwrap() error { return e.err }

// errProblems means validate found problems it has already printed.
var errProblems = errors.New("the facts have problems")

// errHelp means -h was asked for and answered.
var errHelp = flag.ErrHelp

// exitCode maps run's error to the process exit code, printing it first.
func exitCode(err error, stderr io.Writer) int {
	var ue *usageError
	var se *startupError
	switch {
	case err == nil, errors.Is(err, errHelp):
		return exitOK
	case errors.Is(err, errProblems):
		return exitFailure
	case errors.As(err, &ue):
		fmt.Fprintf(stderr, "okbot: %s\nRun 'okbot -h' for usage.\n", exitMessage(err))
		return exitUsage
	case config.IsConfigError(err), errors.As(err, &se):
		fmt.Fprintf(stderr, "okbot: %s\n", exitMessage(err))
		return exitUsage
	default:
		fmt.Fprintf(stderr, "okbot: %s\n", exitMessage(err))
		return exitFailure
	}
}

// deps are the seams tests use; production leaves them zero.
type deps struct {
	// client carries Discord REST calls; nil means the default.
	client *http.Client
	// tls is for the gateway's wss:// connection; nil means the system's
	// roots.
	tls *tls.Config
	// listening is told the address okbot serve bound.
	listening func(net.Addr)
	// adminListening is told the address the admin listener bound.
	adminListening func(net.Addr)
	// hangup replaces SIGHUP: every value reloads the facts.
	hangup chan os.Signal
}

// run is okbot's whole command line; main only adds signals, .env and the
// exit code.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	return runWith(ctx, args, getenv, stdout, stderr, deps{})
}

type subcommand struct {
	name, args, summary string
	run                 func(c *cli, ctx context.Context, args []string) error
}

// cli carries what every subcommand needs.
type cli struct {
	getenv         func(string) string
	stdout, stderr io.Writer
	deps           deps
}

func subcommands() []subcommand {
	return []subcommand{
		{"run", "", "connect to Discord's gateway and answer interactions (the default)", (*cli).gateway},
		{"serve", "", "serve Discord's HTTP interactions endpoint on OKBOT_ADDR", (*cli).serve},
		{"register", "", "overwrite the slash command definitions on Discord and exit", (*cli).register},
		{"ask", "[FLAGS] COMMAND [OPTION=VALUE ...]", "answer one command offline and print the reply", (*cli).ask},
		{"commands", "", "print the command definitions sent to Discord, as JSON", (*cli).commands},
		{"validate", "[DIR]", "run every check okbot makes on a facts directory (default: the built-in facts)", (*cli).validate},
		{"pages", "[-serve] DIR", "write the home, privacy and terms pages as static HTML files", (*cli).pages},
		{"healthcheck", "[-url URL]", "exit 0 if a running okbot answers /healthz (for a container HEALTHCHECK)", (*cli).healthcheck},
	}
}

func runWith(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, d deps) error {
	c := &cli{getenv: getenv, stdout: stdout, stderr: stderr, deps: d}
	if len(args) == 0 {
		return c.gateway(ctx, nil)
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		c.usage(stdout)
		return errHelp
	}
	for _, sc := range subcommands() {
		if sc.name == args[0] {
			return sc.run(c, ctx, args[1:])
		}
	}
	return &usageError{fmt.Sprintf("unknown command %q", args[0])}
}

func (c *cli) usage(w io.Writer) {
	fmt.Fprint(w, `okbot answers fans' questions about "It's Okay to Not Be Okay" on Discord.

Usage:
`)
	for _, sc := range subcommands() {
		fmt.Fprintf(w, "  okbot %-11s %-36s %s\n", sc.name, sc.args, sc.summary)
	}
	fmt.Fprint(w, `
Examples:
  okbot ask season2
  okbot ask cast name="Nam Ju-ri"
  okbot ask -locale ko ratings episode=16
  okbot ask -complete cast name=ju

Configuration is read from the environment and from .env (see .env.example).
Run 'okbot COMMAND -h' for a command's flags.
`)
}

// flagSet is a subcommand's flags and its help text.
type flagSet struct {
	*flag.FlagSet
	help func()
}

// flags makes a subcommand's flag set. Mistakes come back from parse as a
// usageError, printed once on stderr; -h prints the help on stdout.
func (c *cli) flags(name, args, summary string) *flagSet {
	fs := flag.NewFlagSet("okbot "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	help := func() {
		fmt.Fprintf(c.stdout, "Usage: okbot %s %s\n\n%s.\n", name, args, summary)
		hasFlags := false
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprintln(c.stdout, "\nFlags:")
			fs.SetOutput(c.stdout)
			fs.PrintDefaults()
			fs.SetOutput(io.Discard)
		}
	}
	return &flagSet{fs, help}
}

// parse parses flags that may stand before and after positional arguments
// and returns the positional ones.
func parse(fs *flagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.help()
				return nil, errHelp
			}
			return nil, &usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// noArgs parses a subcommand that takes only flags.
func (c *cli) noArgs(name, summary string, args []string) error {
	fs := c.flags(name, "", summary)
	pos, err := parse(fs, args)
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return &usageError{fmt.Sprintf("%s takes no arguments, got %q", name, pos)}
	}
	return nil
}

func (c *cli) gatewayConfig(cfg config.Config, reg *commands.Registry, log *slog.Logger) discord.GatewayConfig {
	return discord.GatewayConfig{
		Token:     cfg.Token,
		GuildID:   cfg.GuildID,
		Register:  cfg.Register,
		Registry:  reg,
		Logger:    log,
		Client:    c.deps.client,
		TLSConfig: c.deps.tls,

		ShardID:    cfg.Shard.ID,
		ShardCount: cfg.Shard.Count,
	}
}

// discordError turns a rejected token, or a gateway closed for good,
// into a startup error (exit 2): restarting cannot fix either.
func discordError(err error) error {
	if errors.Is(err, discord.ErrTokenRejected) || errors.Is(err, discord.ErrFatalClose) {
		return &startupError{err}
	}
	return err
}

// setUp is how every subcommand that talks to Discord starts: it checks
// the arguments, reads the configuration for mode, loads the facts and
// makes the logger.
func (c *cli) setUp(name, summary string, mode config.Mode, args []string) (config.Config, *commands.Registry, *slog.Logger, error) {
	if err := c.noArgs(name, summary, args); err != nil {
		return config.Config{}, nil, nil, err
	}
	cfg, err := config.Load(c.getenv, mode)
	if err != nil {
		return config.Config{}, nil, nil, err
	}
	// The servers answer as soon as they can (see registry).
	reg, err := registry(cfg.DataDir, mode == config.Serve || mode == config.Gateway)
	if err != nil {
		return config.Config{}, nil, nil, err
	}
	return cfg, reg, newLogger(c.stderr, cfg), nil
}

func (c *cli) gateway(ctx context.Context, args []string) error {
	cfg, reg, log, err := c.setUp("run", "Connect to Discord's gateway and answer slash commands until interrupted; SIGHUP reloads the facts from OKBOT_DATA", config.Gateway, args)
	if err != nil {
		return err
	}
	m := metrics.New(commandNames(reg))
	r := newReloader(cfg, reg, m, log)
	defer c.reloadOnHangup(r)()
	obs := &gatewayObserver{Metrics: m}
	// Ready once the facts are loaded (they are, by now) and while the
	// gateway session is live.
	adm, err := c.listenAdmin(cfg, r, m, obs.live.Load, log)
	if err != nil {
		return err
	}
	defer adm.serve()()
	gc := c.gatewayConfig(cfg, reg, log)
	gc.Responder, gc.Observer = r.answers, obs
	return discordError(discord.RunGateway(ctx, gc))
}

func (c *cli) register(ctx context.Context, args []string) error {
	cfg, reg, log, err := c.setUp("register", "Overwrite the slash command definitions on Discord (in DISCORD_GUILD_ID, or globally) and exit", config.Register, args)
	if err != nil {
		return err
	}
	return discordError(discord.Register(ctx, c.gatewayConfig(cfg, reg, log)))
}

func (c *cli) serve(ctx context.Context, args []string) error {
	cfg, reg, log, err := c.setUp("serve", "Serve Discord's HTTP interactions endpoint (POST /interactions, GET /healthz, GET /readyz) on OKBOT_ADDR until interrupted; SIGHUP reloads the facts from OKBOT_DATA", config.Serve, args)
	if err != nil {
		return err
	}
	m := metrics.New(commandNames(reg))
	if cfg.Register {
		gc := c.gatewayConfig(cfg, reg, log)
		gc.Observer = m
		if err := discord.Register(ctx, gc); err != nil {
			return discordError(err)
		}
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return &startupError{fmt.Errorf("listening on %s (OKBOT_ADDR): %w", cfg.Addr, err)}
	}
	r := newReloader(cfg, reg, m, log)
	defer c.reloadOnHangup(r)()
	// Ready until shutdown begins, as the endpoint's own /readyz.
	adm, err := c.listenAdmin(cfg, r, m, func() bool { return ctx.Err() == nil }, log)
	if err != nil {
		ln.Close()
		return err
	}
	log.Info("serving interactions", "addr", ln.Addr().String(), "path", "/interactions")
	if c.deps.listening != nil {
		c.deps.listening(ln.Addr())
	}
	defer adm.serve()()
	return discord.Serve(ctx, discord.ServeConfig{
		Routes:     siteRoutes(func() (*pages.Site, error) { return newSite(cfg, reg, true) }, log),
		Listener:   ln,
		PublicKey:  cfg.PublicKey,
		Responder:  r.answers,
		Observer:   m,
		Logger:     log,
		DrainDelay: cfg.DrainDelay,
	})
}

// offlineRegistry loads the facts for the commands that need no Discord
// (OKBOT_DATA is honoured, secrets ignored).
func (c *cli) offlineRegistry() (*commands.Registry, error) {
	cfg, err := config.Load(c.getenv, config.Offline)
	if err != nil {
		return nil, err
	}
	return registry(cfg.DataDir, false)
}

func (c *cli) commands(_ context.Context, args []string) error {
	if err := c.noArgs("commands", "Print the JSON array of command definitions that okbot bulk-overwrites to Discord globally (a DISCORD_GUILD_ID registration leaves out integration_types and contexts)", args); err != nil {
		return err
	}
	reg, err := c.offlineRegistry()
	if err != nil {
		return err
	}
	return writeJSON(c.stdout, discord.ApplicationCommands(reg.Definitions(), discord.Global))
}

func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// optionArgs turns OPTION=VALUE arguments into options; the last one is
// focused when focusLast is set.
func optionArgs(args []string, focusLast bool) ([]commands.Option, error) {
	var opts []commands.Option
	for _, a := range args {
		name, value, ok := strings.Cut(a, "=")
		if !ok || name == "" {
			return nil, &usageError{fmt.Sprintf("option %q is not OPTION=VALUE, e.g. name=\"Nam Ju-ri\" or episode=16", a)}
		}
		opts = append(opts, commands.Option{Name: name, Value: value})
	}
	if focusLast && len(opts) > 0 {
		opts[len(opts)-1].Focused = true
	}
	return opts, nil
}
