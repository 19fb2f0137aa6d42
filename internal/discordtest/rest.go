package discordtest

import (
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"strings"
	"time"
)

// maxRequestBytes is Discord's cap on a whole request, files included.
const maxRequestBytes = 25 << 20

func (s *Server) routes(mux *http.ServeMux) {
	const api = "/api/v9"
	// discordgo's Session.Application("@me") uses the OAuth2 path; the
	// plain one is "Get Current Application". Both accept a bot token.
	mux.HandleFunc("GET "+api+"/applications/@me", s.authorized(s.application))
	mux.HandleFunc("GET "+api+"/oauth2/applications/@me", s.authorized(s.application))
	// Discord serves /gateway without authentication; discordgo sends the
	// token anyway.
	mux.HandleFunc("GET "+api+"/gateway", s.gateway)
	mux.HandleFunc("GET "+api+"/gateway/bot", s.authorized(s.gatewayBot))
	mux.HandleFunc("PUT "+api+"/applications/{app}/commands", s.authorized(s.putCommands))
	mux.HandleFunc("PUT "+api+"/applications/{app}/guilds/{guild}/commands", s.authorized(s.putCommands))
	mux.HandleFunc("GET "+api+"/applications/{app}/commands", s.authorized(s.getCommands))
	mux.HandleFunc("GET "+api+"/applications/{app}/guilds/{guild}/commands", s.authorized(s.getCommands))
	// The interaction token in the path is the credential here.
	mux.HandleFunc("POST "+api+"/interactions/{id}/{token}/callback", s.callback)
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		writeError(w, http.StatusNotFound, 0, "404: Not Found")
	})
}

// serveREST answers r with the fault FailREST set for it, if any, or
// serves it, and records the request and what the fake answered.
func (s *Server) serveREST(mux *http.ServeMux, w http.ResponseWriter, r *http.Request) {
	req := Request{Method: r.Method, Path: r.URL.Path, Host: r.Host}
	serve := true
	if f, ok := s.faultFor(r); ok {
		req.Faulted = true
		req.Status, serve = s.serveFault(w, r, f)
	}
	if serve {
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		mux.ServeHTTP(rec, r)
		req.Status = rec.status
	}
	s.mu.Lock()
	s.requests = append(s.requests, req)
	s.notifyLocked()
	s.mu.Unlock()
}

type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (r *statusRecorder) WriteHeader(status int) {
	r.status = status
	r.ResponseWriter.WriteHeader(status)
}

// authorized refuses requests without "Authorization: Bot <Token>" as
// Discord does.
func (s *Server) authorized(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		ok := !s.revoked && r.Header.Get("Authorization") == "Bot "+s.Token
		s.mu.Unlock()
		if !ok {
			writeError(w, http.StatusUnauthorized, 0, "401: Unauthorized")
			return
		}
		h(w, r)
	}
}

func (s *Server) application(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{
		"id":          s.ApplicationID,
		"name":        "okbot-test",
		"description": "",
		"bot_public":  false,
		"verify_key":  "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
		"flags":       0,
		"bot":         s.botUser(),
	})
}

func (s *Server) botUser() map[string]any {
	return map[string]any{"id": s.ApplicationID, "username": "okbot-test", "discriminator": "0", "bot": true}
}

func (s *Server) gateway(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"url": s.wsURL})
}

func (s *Server) gatewayBot(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	starts, shards := s.starts, s.shards
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{
		"url":    s.wsURL,
		"shards": shards.recommended,
		"session_start_limit": map[string]any{
			"total":           starts.total,
			"remaining":       starts.remaining,
			"reset_after":     starts.resetAfter.Milliseconds(),
			"max_concurrency": shards.maxConcurrency,
		},
	})
}

// scope checks the application and guild in a commands path; the guild is
// "" for global commands.
func (s *Server) scope(w http.ResponseWriter, r *http.Request) (guild string, ok bool) {
	guild = r.PathValue("guild")
	if r.PathValue("app") != s.ApplicationID || (guild != "" && guild != s.GuildID) {
		// What Discord answers for a guild the bot was not invited to
		// with the applications.commands scope.
		writeError(w, http.StatusForbidden, 50001, "Missing Access")
		return "", false
	}
	return guild, true
}

func (s *Server) putCommands(w http.ResponseWriter, r *http.Request) {
	guild, ok := s.scope(w, r)
	if !ok {
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBytes))
	if err != nil {
		writeError(w, http.StatusRequestEntityTooLarge, 40005, "Request entity too large")
		return
	}
	put := CommandsPut{GuildID: guild, Body: body, Status: http.StatusOK}
	var cmds []map[string]any
	switch {
	case !isJSON(r):
		put.Problems = []string{"(root): Content-Type is " + r.Header.Get("Content-Type") + ", not application/json"}
	case json.Unmarshal(body, &cmds) != nil || cmds == nil:
		put.Problems = []string{"(root): not a JSON array of commands"}
	default:
		put.Problems = checkCommands(cmds, guild != "")
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	defer s.notifyLocked()
	if len(put.Problems) > 0 {
		put.Status = http.StatusBadRequest
		s.puts = append(s.puts, put)
		s.t.Logf("discordtest: refused command overwrite: %s", strings.Join(put.Problems, "; "))
		writeInvalidForm(w, put.Problems)
		return
	}
	s.puts = append(s.puts, put)
	// Discord keeps a command's id when a command of the same name and
	// type is overwritten.
	old := map[string]string{}
	for _, c := range s.registered[guild] {
		old[key(c)] = c["id"].(string)
	}
	out := make([]map[string]any, len(cmds))
	for i, c := range cmds {
		if c["type"] == nil {
			c["type"] = 1
		}
		id, ok := old[key(c)]
		if !ok {
			id = s.newIDLocked()
		}
		c["id"], c["application_id"], c["version"] = id, s.ApplicationID, s.newIDLocked()
		if guild != "" {
			c["guild_id"] = guild
		}
		out[i] = c
	}
	s.registered[guild] = out
	writeJSON(w, http.StatusOK, out)
}

func key(cmd map[string]any) string {
	name, _ := cmd["name"].(string)
	typ, _ := json.Marshal(cmd["type"])
	return string(typ) + "/" + name
}

func (s *Server) getCommands(w http.ResponseWriter, r *http.Request) {
	guild, ok := s.scope(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	cmds := s.registered[guild]
	if cmds == nil {
		cmds = []map[string]any{}
	}
	body, err := json.Marshal(cmds)
	s.mu.Unlock()
	if err != nil {
		writeError(w, http.StatusInternalServerError, 0, err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Write(body)
}

// pending is an interaction the fake dispatched and awaits the answer to.
type pending struct {
	interaction  Interaction
	dispatchedAt time.Time
	answered     bool
	// shard is the session's shard it was dispatched on.
	shard [2]int
}

func (s *Server) callback(w http.ResponseWriter, r *http.Request) {
	id, token := r.PathValue("id"), r.PathValue("token")
	s.mu.Lock()
	p := s.interactions[id]
	s.mu.Unlock()
	if p == nil || p.interaction.Token != token {
		writeError(w, http.StatusNotFound, 10062, "Unknown interaction")
		return
	}

	cb := Callback{InteractionID: id, Token: token, Interaction: p.interaction, ContentType: r.Header.Get("Content-Type")}
	code, msg := readCallback(w, r, &cb)
	s.mu.Lock()
	defer s.mu.Unlock()
	defer s.notifyLocked()
	switch {
	case code != 0:
		// readCallback found the body unreadable.
	case p.answered:
		code, msg = 40060, "Interaction has already been acknowledged."
	case time.Since(p.dispatchedAt) > InteractionDeadline:
		code, msg = 10062, "Unknown interaction"
	default:
		cb.Problems, code = checkCallback(p.interaction, cb.payload, cb.Files)
		if code != 0 {
			msg = "Invalid Form Body"
			if code == 50006 {
				msg = "Cannot send an empty message"
			}
		}
	}
	if code != 0 {
		cb.Status = http.StatusBadRequest
		if code == 10062 {
			cb.Status = http.StatusNotFound
		}
		cb.Problems = append(cb.Problems, msg)
		s.callbacks = append(s.callbacks, cb)
		s.t.Logf("discordtest: refused callback to interaction %s: %d %s", id, code, strings.Join(cb.Problems, "; "))
		writeJSON(w, cb.Status, map[string]any{"code": code, "message": msg, "problems": cb.Problems})
		return
	}
	p.answered = true
	cb.Status = http.StatusNoContent
	cb.message = s.messageLocked(p.interaction, &cb)
	s.callbacks = append(s.callbacks, cb)
	w.WriteHeader(http.StatusNoContent)
}

// readCallback reads a callback body, JSON or multipart/form-data with a
// payload_json part and files[n] parts, into cb. It returns a Discord error
// code and message when the body cannot be read.
func readCallback(w http.ResponseWriter, r *http.Request, cb *Callback) (code int, msg string) {
	body := http.MaxBytesReader(w, r.Body, maxRequestBytes)
	media, params, _ := mime.ParseMediaType(cb.ContentType)
	switch media {
	case "application/json":
		b, err := io.ReadAll(body)
		if err != nil {
			return 40005, "Request entity too large"
		}
		cb.Payload = b
	case "multipart/form-data":
		cb.Multipart = true
		mr := multipart.NewReader(body, params["boundary"])
		for {
			part, err := mr.NextPart()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return 50035, "Invalid Form Body: " + err.Error()
			}
			b, err := io.ReadAll(part)
			if err != nil {
				return 50035, "Invalid Form Body: " + err.Error()
			}
			switch name := part.FormName(); {
			case name == "payload_json":
				cb.Payload = b
			case strings.HasPrefix(name, "files["):
				cb.Files = append(cb.Files, File{Field: name, Name: part.FileName(), ContentType: part.Header.Get("Content-Type"), Data: b})
			default:
				return 50035, "Invalid Form Body: unexpected form field " + name
			}
		}
	default:
		return 50035, "Invalid Form Body: Content-Type " + cb.ContentType + " is neither application/json nor multipart/form-data"
	}
	if err := cb.parse(); err != nil {
		return 50035, "Invalid Form Body: " + err.Error()
	}
	return 0, ""
}

func isJSON(r *http.Request) bool {
	media, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	return media == "application/json"
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		status, body = http.StatusInternalServerError, []byte(`{"code":0,"message":"discordtest: encoding the answer failed"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	w.Write(body)
}

// writeError answers as Discord's API does: {"message": ..., "code": ...}.
func writeError(w http.ResponseWriter, status, code int, message string) {
	writeJSON(w, status, map[string]any{"message": message, "code": code})
}

func writeInvalidForm(w http.ResponseWriter, problems []string) {
	writeJSON(w, http.StatusBadRequest, map[string]any{"message": "Invalid Form Body", "code": 50035, "problems": problems})
}
