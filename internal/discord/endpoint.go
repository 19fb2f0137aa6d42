package discord

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bwmarrin/discordgo"

	"github.com/okbot/okbot/internal/commands"
)

// Limits of the interactions endpoint.
const (
	// MaxBodyBytes is the largest interaction body accepted. Discord's
	// interactions are a few KiB; anything larger gets 413 without being
	// read whole.
	MaxBodyBytes = 64 << 10
	// ReplayWindow is how far X-Signature-Timestamp may be from the
	// server's clock, either way, before a validly signed request is
	// refused as a replay.
	ReplayWindow = 5 * time.Minute
)

// Responder answers command requests; *commands.Registry is the one okbot
// uses. It is declared here so that tests can wrap the registry (a slow
// or panicking handler) without a mock.
//
// The endpoint caches encoded responses, so Handle must be deterministic
// and must depend on Request.UserID and Request.OwnerID only through
// whether they are equal (a button only its owner may use); responses
// must never contain user ids.
type Responder interface {
	Handle(commands.Request) commands.Response
}

// Endpoint is Discord's HTTP interactions endpoint as an http.Handler:
//
//	POST /interactions  signed interactions, answered inline
//	GET  /healthz       200 while the process is alive
//	GET  /readyz        200 while serving, 503 once shutdown has begun
//
// Every interaction is checked in this order before it is parsed:
// signature headers present and well formed, timestamp within
// ReplayWindow, body at most MaxBodyBytes, Ed25519 signature over the
// timestamp followed by the raw body. Any failure of the signature or
// timestamp is 401 with no detail, as Discord requires.
//
// A PING gets {"type":1}. Commands, autocomplete and button clicks get
// 200 with the Responder's answer inline: JSON, or multipart/form-data
// (payload_json, files[n]) when it attaches files, fitted to what
// app_permissions lets the channel show. A modal submit, which okbot
// never asks for, is answered as an unknown command; a signed body that
// is not an interaction gets 400. A handler that panics or answers beyond Discord's
// limits is logged and the user gets commands.Apology, never a 5xx.
// Encoded answers are cached (see Responder), so a repeated request costs
// only the signature check, decoding and the write; the cache belongs to
// the Responder, and a Responder swapped in through Answers starts with
// an empty one.
//
// An Endpoint is safe for concurrent use.
type Endpoint struct {
	cfg     ServeConfig
	key     ed25519.PublicKey
	answers *Answers
	obs     Observer
	log     *slog.Logger
	now     func() time.Time
	after   func(time.Duration) <-chan time.Time
	mux     *http.ServeMux
	// lifetime is the context Serve runs under; /readyz answers 503 as
	// soon as it is done. Nil while the Endpoint is not run by Serve.
	lifetime atomic.Pointer[context.Context]
}

// NewEndpoint returns the endpoint for cfg, or an error if PublicKey or
// Responder is missing. Listener and ShutdownTimeout matter only to
// Endpoint.Serve; an Endpoint that is only used as an http.Handler (as in
// tests with httptest) needs neither.
func NewEndpoint(cfg ServeConfig) (*Endpoint, error) {
	if len(cfg.PublicKey) != ed25519.PublicKeySize {
		return nil, fmt.Errorf("interactions endpoint: public key has %d bytes, want %d", len(cfg.PublicKey), ed25519.PublicKeySize)
	}
	if cfg.Responder == nil {
		return nil, errors.New("interactions endpoint: no responder")
	}
	e := &Endpoint{
		cfg:     cfg,
		key:     cfg.PublicKey,
		answers: answersFor(cfg.Responder),
		obs:     observerOr(cfg.Observer),
		log:     cfg.Logger,
		now:     cfg.Now,
		after:   cfg.after,
	}
	if e.log == nil {
		e.log = slog.New(slog.DiscardHandler)
	}
	if e.now == nil {
		e.now = time.Now
	}
	if e.after == nil {
		e.after = time.After
	}
	e.mux = http.NewServeMux()
	// Method patterns make the mux answer 405 with an Allow header for a
	// wrong method and 404 for any other path.
	e.mux.HandleFunc("POST /interactions", e.interactions)
	HealthRoutes(e.mux, e.ready, "shutting down")
	if cfg.Routes != nil {
		cfg.Routes(e.mux)
	}
	return e, nil
}

// ServeHTTP implements http.Handler.
func (e *Endpoint) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	e.mux.ServeHTTP(w, r)
}

// ready is false once the context Serve runs under is done: /readyz then
// answers 503, while requests are still served for the DrainDelay.
func (e *Endpoint) ready() bool {
	c := e.lifetime.Load()
	return c == nil || (*c).Err() == nil
}

// scratch is what answering one interaction needs besides the stack,
// pooled so that a request allocates neither: the buffer the signed
// message (timestamp then body) is built in, so the body is read once and
// never copied, and the interaction decoded from it.
type scratch struct {
	buf bytes.Buffer
	in  interaction
}

var scratches = sync.Pool{New: func() any {
	s := new(scratch)
	s.buf.Grow(4 << 10)
	return s
}}

// interactions answers POST /interactions. It logs one line per request
// with the status and latency, and for an interaction its id, kind,
// command (see commandOf), locale, context and outcome; never the
// signature, the token, a user or guild id, or option values.
func (e *Endpoint) interactions(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	sc := scratches.Get().(*scratch)
	defer scratches.Put(sc)
	buf, in := &sc.buf, &sc.in
	*in = interaction{}
	var req commands.Request
	status, reason, outcome := e.serveInteraction(w, r, buf, in, &req)
	end := time.Now()
	command := ""
	if req.Kind != 0 {
		command = commandOf(e.answers, req)
		e.obs.Interaction(kindOf(req), command, outcome, end.Sub(start))
	}
	if status == http.StatusUnauthorized {
		e.obs.SignatureRejected(reason)
	}

	level := slog.LevelInfo
	if status >= http.StatusInternalServerError {
		level = slog.LevelError
	}
	// The handler is called directly, as slog's docs show for wrappers:
	// Logger would also look up the caller's program counter, which costs
	// more than the rest of the line and is not logged.
	h := e.log.Handler()
	if !h.Enabled(r.Context(), level) {
		return
	}
	// The attributes are gathered first and added at once: a record holds
	// five inline, and adding the rest in one call grows its overflow
	// once, not once per call.
	var attrs [10]slog.Attr
	n := 0
	add := func(a slog.Attr) { attrs[n] = a; n++ }
	add(slog.Int("status", status))
	if reason != "" {
		add(slog.String("reason", reason))
	}
	if in.Type != 0 {
		add(slog.String("id", string(in.ID)))
		add(slog.Int("type", in.Type))
	}
	if req.Kind != 0 {
		add(slog.String("kind", kindOf(req)))
		add(slog.String("command", command))
		add(slog.String("locale", req.Locale))
		add(slog.String("context", in.where()))
	}
	add(slog.Duration("latency", end.Sub(start)))
	if outcome != "" {
		add(slog.String("outcome", outcome))
	}
	rec := slog.NewRecord(end, level, "interaction", 0)
	rec.AddAttrs(attrs[:n]...)
	h.Handle(r.Context(), rec)
}

// serveInteraction checks, decodes and answers one interaction into w,
// filling in the interaction and the request read from it, and reports
// the status written, why a request was refused (for a 401, one of the
// Rejected constants) and the outcome of a request answered.
func (e *Endpoint) serveInteraction(w http.ResponseWriter, r *http.Request, buf *bytes.Buffer, in *interaction, reqOut *commands.Request) (status int, reason, outcome string) {
	// Signature headers first: Discord probes the endpoint with bad
	// signatures and removes the URL unless they get 401, and nothing
	// unsigned may reach the JSON decoder.
	ts := r.Header.Get("X-Signature-Timestamp")
	var sig [ed25519.SignatureSize]byte
	if sigHex := r.Header.Get("X-Signature-Ed25519"); len(sigHex) != 2*len(sig) {
		return refuse(w, http.StatusUnauthorized, RejectedHeader)
	} else if _, err := hex.Decode(sig[:], []byte(sigHex)); err != nil {
		return refuse(w, http.StatusUnauthorized, RejectedHeader)
	}
	sent, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return refuse(w, http.StatusUnauthorized, RejectedTimestamp)
	}
	// A captured request stays validly signed forever; refusing old (and
	// far-future) timestamps limits replays to the window.
	const window = int64(ReplayWindow / time.Second)
	if age := e.now().Unix() - sent; age > window || age < -window {
		return refuse(w, http.StatusUnauthorized, RejectedReplay)
	}

	// Content-Length may be absent or lie, so the reader is capped too;
	// MaxBytesReader also makes the server close the connection rather
	// than drain an oversized body.
	if r.ContentLength > MaxBodyBytes {
		return refuse(w, http.StatusRequestEntityTooLarge, "body too large")
	}
	buf.Reset()
	buf.WriteString(ts)
	if _, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, MaxBodyBytes)); err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			return refuse(w, http.StatusRequestEntityTooLarge, "body too large")
		}
		return refuse(w, http.StatusBadRequest, "reading body: "+err.Error())
	}
	if !ed25519.Verify(e.key, buf.Bytes(), sig[:]) {
		return refuse(w, http.StatusUnauthorized, RejectedSignature)
	}

	body := buf.Bytes()[len(ts):]
	if err := in.decode(body); err != nil {
		*in = interaction{}
		return refuse(w, http.StatusBadRequest, "not an interaction")
	}
	switch discordgo.InteractionType(in.Type) {
	case discordgo.InteractionPing:
		writeEncoded(w, pong)
		return http.StatusOK, "", ""
	case discordgo.InteractionApplicationCommand, discordgo.InteractionApplicationCommandAutocomplete:
		if in.Data.Name == "" {
			return refuse(w, http.StatusBadRequest, "command interaction without a command name")
		}
	case discordgo.InteractionMessageComponent:
		if in.Data.CustomID == "" {
			return refuse(w, http.StatusBadRequest, "component interaction without a custom_id")
		}
	}
	req, ok := in.request()
	if !ok {
		return refuse(w, http.StatusBadRequest, "unknown interaction type")
	}
	*reqOut = req
	// The body is decoded and decode copies every string it keeps, so the
	// body's buffer can hold the cache key.
	enc, outcome := e.answers.answer(req, in.can(), e.log, true, buf.Bytes()[:0])
	writeEncoded(w, enc)
	return http.StatusOK, "", outcome
}

// refuse writes a bare status. The reason is only logged: a client that
// fails verification learns nothing about why.
func refuse(w http.ResponseWriter, status int, reason string) (int, string, string) {
	http.Error(w, http.StatusText(status), status)
	return status, reason, ""
}
