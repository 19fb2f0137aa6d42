// Command okbot is a Discord bot that answers fans' questions about the
// Korean drama It's Okay to Not Be Okay (사이코지만 괜찮아, tvN and Netflix,
// 2020) with slash commands: /season2, /cast, /ratings, /about and /help.
// Every answer comes from a fact store built into the binary, names its
// sources and says how fresh it is.
//
// Usage:
//
//	okbot [run]                  connect to Discord's gateway and answer (needs DISCORD_TOKEN)
//	okbot serve                  serve Discord's HTTP interactions endpoint (needs DISCORD_PUBLIC_KEY)
//	okbot register               overwrite the slash command definitions on Discord and exit
//	okbot ask [FLAGS] COMMAND [OPTION=VALUE ...]
//	                             answer one command offline and print the reply; no token needed
//	okbot commands               print the command definitions as JSON
//	okbot validate [DIR]         run every check okbot makes on a facts directory (default: the built-in facts)
//	okbot pages [-serve] DIR     write the home, privacy and terms pages (served by serve on /, /privacy
//	                             and /terms) as static HTML files
//	okbot healthcheck [-url URL] exit 0 if a running okbot answers /healthz (a container HEALTHCHECK)
//
// Configuration comes from the environment, and from a .env file in the
// working directory when there is one (variables already set win); okbot
// reports every missing or invalid variable at once. .env.example has
// each with a comment:
//
//	DISCORD_TOKEN       the bot token, without "Bot "; needed by run and register,
//	                    and by serve when OKBOT_REGISTER=true
//	DISCORD_GUILD_ID    register the commands in this server only, where changes
//	                    show at once, but then they cannot be user-installed or
//	                    used in DMs; empty registers them globally
//	DISCORD_PUBLIC_KEY  the application's public key (64 hex characters); needed
//	                    by serve
//	OKBOT_REGISTER      overwrite the command definitions at startup; default true
//	                    for run, false for serve
//	OKBOT_DATA          load the facts from this directory instead of the built-in
//	                    copy
//	OKBOT_ADDR          where serve listens; default :8080
//	OKBOT_DRAIN_DELAY   how long serve keeps answering after SIGTERM while /readyz
//	                    reports 503, from 0s to 1m; default 5s
//	OKBOT_LOG_LEVEL     debug, info, warn or error; default info
//	OKBOT_LOG_FORMAT    text or json; default text
//	OKBOT_ADMIN_ADDR    where run and serve serve /metrics, /healthz, /readyz
//	                    and POST /admin/reload; off unless set
//	OKBOT_COOLDOWN      limit each user's slash commands, e.g. 5/30s; off unless set
//	OKBOT_SHARD_ID, OKBOT_SHARD_COUNT
//	                    run as shard ID of COUNT (both or neither; run only);
//	                    default shard 0 of 1
//	DISCORD_APPLICATION_ID, OKBOT_OPERATOR, OKBOT_CONTACT
//	                    the application id (for the install links), who runs okbot
//	                    and how to reach them (an e-mail address or https:// URL),
//	                    shown on the pages; optional
//
// In a container with a memory limit (cgroup v2 or v1) and no GOMEMLIMIT,
// okbot sets the Go runtime's soft memory limit to 90% of the container's,
// so that the garbage collector works harder near the limit instead of the
// kernel killing okbot; GOMEMLIMIT, when set, wins. GOMAXPROCS follows the
// container's CPU limit (Go's own default since 1.25).
//
// With OKBOT_DATA set, SIGHUP (or POST /admin/reload) reloads the facts
// without a restart; facts with problems change nothing.
//
// Exit codes: 0 success; 1 a runtime failure, or problems found by
// validate; 2 a usage, configuration or startup data error, a token
// Discord rejected, or a gateway close that retrying cannot fix (4004,
// 4010-4014).
//
// No log line or exit message holds the bot token, an interaction token or
// a request signature, at any OKBOT_LOG_LEVEL.
package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/signal"
	"syscall"

	"github.com/joho/godotenv"
)

func main() {
	// Before .env: the runtime reads GOMEMLIMIT from the real environment
	// only.
	setMemoryLimit(os.LookupEnv, os.ReadFile)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	// .env is optional (containers pass real variables); godotenv.Load
	// never overrides a variable that is already set.
	if err := godotenv.Load(); err != nil && !errors.Is(err, fs.ErrNotExist) {
		fmt.Fprintf(os.Stderr, "okbot: reading .env: %v\n", err)
		stop()
		os.Exit(exitUsage)
	}
	err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(exitCode(err, os.Stderr))
}
