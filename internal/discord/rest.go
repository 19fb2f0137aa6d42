package discord

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/bwmarrin/discordgo"
)

// rest makes okbot's calls to Discord's REST API. They do not go through
// discordgo's RequestWithBucketID, for three reasons found under faults
// (discordgo v0.29.0, restapi.go and ratelimit.go):
//   - its rate limiter sleeps without a context, before any request option
//     applies: after one global 429 every later call, interaction callbacks
//     included, waits out retry_after, past the 3 s an answer has and past
//     any shutdown;
//   - it keys the interaction callback's bucket by the URL, token included,
//     and never deletes a bucket, so every interaction left one behind;
//   - its errors print the URL, and a callback's URL holds the interaction
//     token, which lets anyone post as the bot for 15 minutes.
//
// So each call here has a context, waits for a 429 only as long as the
// caller allows, and fails with an *apiError or *transportError that
// names the route template, never the URL.
type rest struct {
	client    *http.Client
	auth      string // "Bot " + token; empty for calls that need none
	userAgent string
	// obs is told about every refused or unanswered call.
	obs Observer
	// sleep waits d or until ctx is done, reporting whether d passed;
	// tests make it instant.
	sleep func(ctx context.Context, d time.Duration) bool
}

func newREST(client *http.Client, token string, sleep func(context.Context, time.Duration) bool) *rest {
	if client == nil {
		client = &http.Client{Timeout: 20 * time.Second} // discordgo's default
	}
	if sleep == nil {
		sleep = sleepCtx
	}
	return &rest{
		client: client,
		auth:   "Bot " + token,
		// Discord requires "DiscordBot ($url, $version)"; this is
		// discordgo's, as the gateway's own requests send it.
		userAgent: "DiscordBot (https://github.com/bwmarrin/discordgo, v" + discordgo.VERSION + ")",
		sleep:     sleep,
		obs:       nopObserver{},
	}
}

// request is one REST call: the URL to send it to and the route template
// that may be logged instead.
type request struct {
	method string
	// route is the path template as Discord's docs write it, e.g.
	// /interactions/{id}/{token}/callback: safe to log.
	route       string
	url         string // never logged: it may hold a token
	contentType string
	body        []byte
	// anonymous leaves out the bot token: the interaction token in the
	// URL is the callback's credential.
	anonymous bool
	// rateLimitWait is the longest a 429's retry_after may be waited out,
	// in total; 0 never retries.
	rateLimitWait time.Duration
}

// apiError is a REST call Discord answered with an error status.
type apiError struct {
	Method, Route string
	Status        int
	// Code and Message are Discord's JSON error, when it sent one.
	Code    int
	Message string
	// Detail is the rest of the JSON error (which fields were invalid),
	// compacted and cut short.
	Detail string
	// RetryAfter and Global describe a 429.
	RetryAfter time.Duration
	Global     bool
}

func (e *apiError) Error() string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %s: %d %s", e.Method, e.Route, e.Status, http.StatusText(e.Status))
	switch {
	case e.Status == http.StatusTooManyRequests:
		scope := "rate limited"
		if e.Global {
			scope = "global rate limit"
		}
		fmt.Fprintf(&b, " (%s, retry after %v)", scope, e.RetryAfter)
	case e.Code != 0 || e.Message != "":
		fmt.Fprintf(&b, " (%d %s)", e.Code, e.Message)
	}
	if e.Detail != "" {
		b.WriteString(": ")
		b.WriteString(e.Detail)
	}
	return b.String()
}

// transportError is a REST call that got no answer: refused, reset, timed
// out or cancelled. Unlike net/http's *url.Error it does not print the
// URL.
type transportError struct {
	Method, Route string
	Err           error
}

func (e *transportError) Error() string {
	return fmt.Sprintf("%s %s: %v", e.Method, e.Route, e.Err)
}

func (e *transportError) Unwrap() error { return e.Err }

// maxDetail bounds the part of an error body kept in an apiError.
const maxDetail = 500

// do sends req and returns the body of a 2xx answer. A 429 is waited out
// and retried while the retry_after so far stays within
// req.rateLimitWait; ctx bounds everything, waits included.
func (c *rest) do(ctx context.Context, req request) ([]byte, error) {
	var waited time.Duration
	for {
		body, err := c.once(ctx, req)
		if err != nil {
			c.obs.RESTError(req.route, statusOf(err), codeOf(err))
		}
		// A 429 without a usable retry_after (a proxy's HTML page) is not
		// retried here: at once would flood, and the caller backs off.
		var ae *apiError
		if !errors.As(err, &ae) || ae.Status != http.StatusTooManyRequests || ae.RetryAfter <= 0 || waited+ae.RetryAfter > req.rateLimitWait {
			return body, err
		}
		waited += ae.RetryAfter
		if !c.sleep(ctx, ae.RetryAfter) {
			return nil, &transportError{req.method, req.route, ctx.Err()}
		}
	}
}

func (c *rest) once(ctx context.Context, req request) ([]byte, error) {
	var body io.Reader
	if req.body != nil {
		body = bytes.NewReader(req.body)
	}
	hr, err := http.NewRequestWithContext(ctx, req.method, req.url, body)
	if err != nil {
		return nil, &transportError{req.method, req.route, errors.New("malformed request")}
	}
	hr.Header.Set("User-Agent", c.userAgent)
	if c.auth != "" && !req.anonymous {
		hr.Header.Set("Authorization", c.auth)
	}
	if req.contentType != "" {
		hr.Header.Set("Content-Type", req.contentType)
	}
	resp, err := c.client.Do(hr)
	if err != nil {
		// *url.Error's text holds the URL; keep only what went wrong.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, &transportError{req.method, req.route, err}
	}
	defer resp.Body.Close()
	// Discord's answers to okbot's calls are small; a command list is the
	// largest.
	b, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return nil, &transportError{req.method, req.route, fmt.Errorf("reading the answer: %w", err)}
	}
	if resp.StatusCode/100 == 2 {
		return b, nil
	}
	return nil, newAPIError(req, resp, b)
}

func newAPIError(req request, resp *http.Response, body []byte) *apiError {
	e := &apiError{Method: req.method, Route: req.route, Status: resp.StatusCode}
	var j struct {
		Code       int             `json:"code"`
		Message    string          `json:"message"`
		RetryAfter float64         `json:"retry_after"`
		Global     bool            `json:"global"`
		Errors     json.RawMessage `json:"errors"`
		Problems   json.RawMessage `json:"problems"`
	}
	if json.Unmarshal(body, &j) == nil {
		e.Code, e.Message = j.Code, cut(j.Message, 200)
		detail := j.Errors
		if len(detail) == 0 {
			detail = j.Problems
		}
		if len(detail) > 0 {
			var buf bytes.Buffer
			if json.Compact(&buf, detail) == nil {
				e.Detail = cut(buf.String(), maxDetail)
			}
		}
	}
	if resp.StatusCode == http.StatusTooManyRequests {
		e.Global = j.Global || resp.Header.Get("X-RateLimit-Global") == "true" || resp.Header.Get("X-RateLimit-Scope") == "global"
		e.RetryAfter = time.Duration(j.RetryAfter * float64(time.Second))
		if e.RetryAfter <= 0 {
			if s, err := strconv.ParseFloat(resp.Header.Get("Retry-After"), 64); err == nil {
				e.RetryAfter = time.Duration(s * float64(time.Second))
			}
		}
		e.Message = ""
	}
	return e
}

func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}

// transient reports whether err may go away by itself: no answer, a 5xx
// or a 429. Anything else (401, 403, 400, ...) needs someone to fix it.
func transient(err error) bool {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae.Status >= 500 || ae.Status == http.StatusTooManyRequests
	}
	var te *transportError
	return errors.As(err, &te) && !errors.Is(err, context.Canceled)
}

// statusOf is the HTTP status of a failed call, or 0 when there was no
// answer.
func statusOf(err error) int {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae.Status
	}
	return 0
}

// codeOf is Discord's error code of a failed call, or 0.
func codeOf(err error) int {
	var ae *apiError
	if errors.As(err, &ae) {
		return ae.Code
	}
	return 0
}

// retryAfterOf is how long a 429 asked to wait, or 0.
func retryAfterOf(err error) time.Duration {
	var ae *apiError
	if errors.As(err, &ae) && ae.Status == http.StatusTooManyRequests {
		return ae.RetryAfter
	}
	var rl *discordgo.RateLimitError
	if errors.As(err, &rl) && rl.RateLimit != nil && rl.TooManyRequests != nil {
		return rl.RetryAfter
	}
	return 0
}

// sleepCtx waits d or until ctx is done, and reports whether d passed.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}

// The calls okbot makes. Each route is written as Discord's docs write
// it; the ids in it are not secret, but one template per call keeps log
// lines and metrics free of ids too.

// How long startup calls may wait out a 429 in total: long enough for a
// per-route limit, short enough that a misconfigured restart loop shows.
const startupRateLimitWait = 30 * time.Second

// application asks Discord which application the token belongs to. It is
// the cheapest call that proves the token works, so it comes before
// anything that spends a limited resource (an IDENTIFY, a command
// overwrite).
func (c *rest) application(ctx context.Context) (*discordgo.Application, error) {
	body, err := c.do(ctx, request{
		method: http.MethodGet, route: "/applications/@me",
		url: discordgo.EndpointApplication("@me"), rateLimitWait: startupRateLimitWait,
	})
	if err != nil {
		if statusOf(err) == http.StatusUnauthorized {
			return nil, rejectedToken("401 Unauthorized")
		}
		return nil, fmt.Errorf("asking Discord which application the token belongs to: %w", err)
	}
	var app discordgo.Application
	if err := json.Unmarshal(body, &app); err != nil || app.ID == "" {
		return nil, fmt.Errorf("asking Discord which application the token belongs to: unexpected answer %.200q", body)
	}
	return &app, nil
}

// gatewayBot asks for the gateway URL, the recommended shard count and
// today's session starts.
func (c *rest) gatewayBot(ctx context.Context) (*discordgo.GatewayBotResponse, error) {
	body, err := c.do(ctx, request{
		method: http.MethodGet, route: "/gateway/bot",
		url: discordgo.EndpointGatewayBot, rateLimitWait: startupRateLimitWait,
	})
	if err != nil {
		if statusOf(err) == http.StatusUnauthorized {
			return nil, rejectedToken("401 Unauthorized")
		}
		return nil, fmt.Errorf("asking Discord for the gateway: %w", err)
	}
	var gw discordgo.GatewayBotResponse
	if err := json.Unmarshal(body, &gw); err != nil {
		return nil, fmt.Errorf("asking Discord for the gateway: unexpected answer %.200q", body)
	}
	return &gw, nil
}

// overwriteCommands bulk-overwrites the commands, in guildID or globally.
func (c *rest) overwriteCommands(ctx context.Context, appID, guildID string, cmds []*discordgo.ApplicationCommand) ([]*discordgo.ApplicationCommand, error) {
	req := request{
		method: http.MethodPut, route: "/applications/{application.id}/commands",
		url: discordgo.EndpointApplicationGlobalCommands(appID), contentType: "application/json",
		rateLimitWait: startupRateLimitWait,
	}
	if guildID != "" {
		req.route = "/applications/{application.id}/guilds/{guild.id}/commands"
		req.url = discordgo.EndpointApplicationGuildCommands(appID, guildID)
	}
	b, err := json.Marshal(cmds)
	if err != nil {
		return nil, err
	}
	req.body = b
	body, err := c.do(ctx, req)
	if err != nil {
		return nil, err
	}
	var out []*discordgo.ApplicationCommand
	if err := json.Unmarshal(body, &out); err != nil {
		return nil, fmt.Errorf("unexpected answer %.200q", body)
	}
	return out, nil
}

// callbackRoute is the interaction callback's route as it may be logged.
const callbackRoute = "/interactions/{id}/{token}/callback"

// callback sends an interaction's initial response. It is never retried:
// interaction callbacks are exempt from the global rate limit, and an
// answer after Discord's 3 s deadline is refused anyway.
func (c *rest) callback(ctx context.Context, interactionID, token string, enc *encoded) error {
	_, err := c.do(ctx, request{
		method: http.MethodPost, route: callbackRoute,
		url:         discordgo.EndpointInteractionResponse(interactionID, token),
		contentType: enc.contentType[0], body: enc.body, anonymous: true,
	})
	return err
}
