package discordtest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Fault is how the fake answers matching REST requests instead of serving
// them.
type Fault struct {
	// Status is the status to answer with, e.g. 429, 500, 502, 503; 0
	// with Delay or Drop only. A 429 looks like Discord's (see RetryAfter
	// and Global); 5xx bodies are what Discord's servers or Cloudflare send:
	// 500 {"message":"500: Internal Server Error","code":0}, 502 and 504
	// Cloudflare's HTML page, 503 envoy's plain-text "upstream connect
	// error"; any other status {"message":"<status>: <text>","code":0}.
	Status int
	// RetryAfter is, for a 429, how long the client must wait: the body's
	// retry_after (seconds, a float), the Retry-After header (whole
	// seconds, rounded up) and X-RateLimit-Reset-After.
	RetryAfter time.Duration
	// Global makes a 429 the global rate limit: body "global": true,
	// X-RateLimit-Global: true and X-RateLimit-Scope: global, and no bucket
	// headers. Otherwise the 429 is per-route, with X-RateLimit-Limit,
	// X-RateLimit-Remaining: 0, X-RateLimit-Reset, X-RateLimit-Bucket and
	// X-RateLimit-Scope: user.
	Global bool
	// Delay holds the request this long, or until the client gives up
	// (r.Context().Done()) or the test ends, before answering: with Status,
	// or normally when Status is 0.
	Delay time.Duration
	// Drop closes the TCP connection without any answer (after Delay, if
	// set).
	Drop bool
}

// Routes name requests by method and templated path, as Discord's docs
// write them; a {placeholder} matches any one path segment. FailREST
// accepts these and any other "METHOD /path" written the same way, e.g.
// "GET /applications/{application.id}/commands".
const (
	RouteAny = ""
	// RouteApplication also matches GET /oauth2/applications/@me, which
	// discordgo's Session.Application("@me") uses.
	RouteApplication = "GET /applications/@me"
	RouteGateway     = "GET /gateway"
	RouteGatewayBot  = "GET /gateway/bot"
	// RouteCommandsPut matches the global and the guild bulk overwrite.
	RouteCommandsPut = "PUT /applications/{application.id}/commands"
	RouteCallback    = "POST /interactions/{interaction.id}/{interaction.token}/callback"
)

// routeAliases are the other paths a route stands for.
var routeAliases = map[string][]string{
	RouteApplication: {"GET /oauth2/applications/@me"},
	RouteCommandsPut: {"PUT /applications/{application.id}/guilds/{guild.id}/commands"},
}

// knownRoutes are the routes the fake serves, to name a request's rate-limit
// bucket.
var knownRoutes = []string{
	RouteApplication, "GET /oauth2/applications/@me", RouteGateway, RouteGatewayBot,
	RouteCommandsPut, "PUT /applications/{application.id}/guilds/{guild.id}/commands",
	"GET /applications/{application.id}/commands", "GET /applications/{application.id}/guilds/{guild.id}/commands",
	RouteCallback,
}

var (
	routeSyntax = regexp.MustCompile(`^[A-Z]+ /\S*$`)
	apiPrefix   = regexp.MustCompile(`^/api/v[0-9]+`)
)

// restFault is a fault waiting for requests on its route.
type restFault struct {
	route string
	n     int // requests left to fault; < 0: every one
	fault Fault
}

// FailREST makes the fake answer the next n requests on route with f
// (n < 0: every one until ClearFaults). Faults queue: of several matching
// a request, the one set first answers it until its n runs out. Faulted
// requests are recorded in Requests() with the status answered (0 for a
// drop, or a delay the client gave up on) and Faulted set; a faulted
// callback is not recorded in Callbacks() and does not answer its
// interaction.
func (s *Server) FailREST(route string, n int, f Fault) {
	s.t.Helper()
	if route != RouteAny && (!routeSyntax.MatchString(route) || apiPrefix.MatchString(strings.SplitN(route, " ", 2)[1])) {
		s.t.Fatalf(`discordtest: FailREST route %q is not "METHOD /path" without the /api/vN prefix`, route)
		return
	}
	if f.Status == 0 && f.Delay <= 0 && !f.Drop {
		s.t.Fatalf("discordtest: FailREST(%q) with a Fault that does nothing: %+v", route, f)
		return
	}
	if n == 0 {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = append(s.faults, &restFault{route: route, n: n, fault: f})
}

// ClearFaults makes the fake serve every later request normally.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = nil
}

// WaitHeld waits until a Delay fault has started holding at least n
// requests in all (counting the ones it has since answered).
func (s *Server) WaitHeld(t testing.TB, n int) {
	t.Helper()
	s.waitFor(t, strconv.Itoa(n)+" held REST requests", func() bool { return s.held >= n })
}

// faultFor returns the fault that answers r, spending one of its n.
func (s *Server) faultFor(r *http.Request) (Fault, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, f := range s.faults {
		if f.n != 0 && routeMatches(f.route, r.Method, r.URL.Path) {
			if f.n > 0 {
				f.n--
			}
			return f.fault, true
		}
	}
	return Fault{}, false
}

// routeMatches reports whether route names a request for method and path.
func routeMatches(route, method, path string) bool {
	if route == RouteAny {
		return true
	}
	for _, r := range append([]string{route}, routeAliases[route]...) {
		if matchTemplate(r, method, path) {
			return true
		}
	}
	return false
}

// matchTemplate matches "METHOD /a/{b}/c" against a request; path is the
// request path with its /api/vN prefix.
func matchTemplate(route, method, path string) bool {
	m, tmpl, _ := strings.Cut(route, " ")
	prefix := apiPrefix.FindString(path)
	if m != method || prefix == "" {
		return false
	}
	want, got := strings.Split(tmpl, "/"), strings.Split(path[len(prefix):], "/")
	if len(want) != len(got) {
		return false
	}
	for i, w := range want {
		if strings.HasPrefix(w, "{") && strings.HasSuffix(w, "}") {
			if got[i] == "" {
				return false
			}
		} else if w != got[i] {
			return false
		}
	}
	return true
}

// bucket is the X-RateLimit-Bucket of a request: a hash of its route, the
// same for every request on the route, like Discord's.
func bucket(method, path string) string {
	name := method + " " + apiPrefix.ReplaceAllString(path, "")
	for _, r := range knownRoutes {
		if matchTemplate(r, method, path) {
			name = r
			break
		}
	}
	sum := sha256.Sum256([]byte(name))
	return hex.EncodeToString(sum[:16])
}

// serveFault answers r with f. It returns the status it answered with, 0
// if it answered nothing, and whether the request is still to be served
// normally (a Delay without Status or Drop).
func (s *Server) serveFault(w http.ResponseWriter, r *http.Request, f Fault) (status int, serve bool) {
	if f.Delay > 0 {
		// net/http notices a client giving up (closing the connection)
		// only once the request body was read, so read it first and
		// hand it on.
		body, _ := io.ReadAll(io.LimitReader(r.Body, maxRequestBytes+1))
		r.Body = io.NopCloser(bytes.NewReader(body))
		s.mu.Lock()
		s.held++
		s.notifyLocked()
		s.mu.Unlock()
		timer := time.NewTimer(f.Delay)
		defer timer.Stop()
		select {
		case <-timer.C:
		case <-r.Context().Done():
			return 0, false
		case <-s.done:
			return 0, false
		}
	}
	switch {
	case f.Drop:
		if conn, _, err := http.NewResponseController(w).Hijack(); err == nil {
			conn.Close()
		}
		return 0, false
	case f.Status == 0:
		return 0, true
	case f.Status == http.StatusTooManyRequests:
		writeRateLimited(w, f, bucket(r.Method, r.URL.Path))
	default:
		writeStatus(w, f.Status)
	}
	return f.Status, false
}

// writeRateLimited answers 429 as Discord does (topics/rate-limits.mdx,
// "Exceeding A Rate Limit").
func writeRateLimited(w http.ResponseWriter, f Fault, bucket string) {
	secs := f.RetryAfter.Seconds()
	h := w.Header()
	h.Set("Retry-After", strconv.FormatFloat(math.Ceil(secs), 'f', 0, 64))
	// discordgo reads the reset from this header, for the global limit
	// too.
	h.Set("X-RateLimit-Reset-After", strconv.FormatFloat(secs, 'f', 3, 64))
	if f.Global {
		h.Set("X-RateLimit-Global", "true")
		h.Set("X-RateLimit-Scope", "global")
	} else {
		reset := float64(time.Now().Add(f.RetryAfter).UnixMilli()) / 1000
		h.Set("X-RateLimit-Limit", "5")
		h.Set("X-RateLimit-Remaining", "0")
		h.Set("X-RateLimit-Reset", strconv.FormatFloat(reset, 'f', 3, 64))
		h.Set("X-RateLimit-Bucket", bucket)
		h.Set("X-RateLimit-Scope", "user")
	}
	writeJSON(w, http.StatusTooManyRequests, struct {
		Message    string  `json:"message"`
		RetryAfter float64 `json:"retry_after"`
		Global     bool    `json:"global"`
	}{"You are being rate limited.", math.Round(secs*1000) / 1000, f.Global})
}

// cloudflarePage is the page Cloudflare, in front of Discord's API, answers
// with when it cannot reach Discord.
const cloudflarePage = "<html>\r\n<head><title>%[1]s</title></head>\r\n<body>\r\n<center><h1>%[1]s</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n"

// writeStatus answers status with the body Discord's API, its envoy proxy
// or Cloudflare sends with it.
func writeStatus(w http.ResponseWriter, status int) {
	switch status {
	case http.StatusBadGateway, http.StatusGatewayTimeout:
		text := http.StatusText(status)
		if status == http.StatusGatewayTimeout {
			text = "Gateway Time-out" // Cloudflare's spelling
		}
		w.Header().Set("Content-Type", "text/html")
		w.Header().Set("Server", "cloudflare")
		w.WriteHeader(status)
		fmt.Fprintf(w, cloudflarePage, strconv.Itoa(status)+" "+text)
	case http.StatusServiceUnavailable:
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(status)
		io.WriteString(w, "upstream connect error or disconnect/reset before headers. reset reason: overflow")
	default:
		writeError(w, status, 0, strconv.Itoa(status)+": "+http.StatusText(status))
	}
}
